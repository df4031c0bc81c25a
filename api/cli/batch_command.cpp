// exportctl batch IN [-o OUT]: screen a file of shipments (JSON Lines or CSV) on every core and
// write one answer per shipment in input order (docs/batch.md). The summary goes to stderr,
// with a progress bar when stderr is a terminal. Fed through a pipe, it answers each line as
// soon as it arrives, so a program can use it as a co-process.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "command_line.hpp"
#include "commands.hpp"
#include "exportctl/batch.hpp"

namespace exportctl::cli {
namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Owns a file descriptor it opened (never 0, 1 or 2).
struct File {
  int fd = -1;
  bool owned = false;
  ~File() {
    if (owned) ::close(fd);
  }
};

std::string errno_text() { return std::strerror(errno); }

// "12.3k/s" style rates keep the progress line short.
std::string per_second(double count, double seconds) {
  char buffer[32];
  double rate = seconds > 0 ? count / seconds : 0;
  std::snprintf(buffer, sizeof buffer, "%.0f/s", rate);
  return buffer;
}

void print_progress(const BatchProgress& progress, uint64_t input_size) {
  constexpr int kWidth = 30;
  double fraction = input_size ? std::min(1.0, static_cast<double>(progress.bytes_read) / static_cast<double>(input_size)) : 0;
  std::string bar(kWidth, ' ');
  if (input_size)
    for (int i = 0; i < static_cast<int>(fraction * kWidth); ++i) bar[static_cast<size_t>(i)] = '#';
  char line[160];
  if (input_size)
    std::snprintf(line, sizeof line, "\r[%s] %3.0f%% %llu shipments %s ", bar.c_str(), fraction * 100,
                  static_cast<unsigned long long>(progress.shipments),
                  per_second(static_cast<double>(progress.shipments), progress.seconds).c_str());
  else
    std::snprintf(line, sizeof line, "\r%llu shipments %s ", static_cast<unsigned long long>(progress.shipments),
                  per_second(static_cast<double>(progress.shipments), progress.seconds).c_str());
  std::fputs(line, stderr);
  std::fflush(stderr);
}

}  // namespace

int run_batch(const CommandLine& line) {
  // Positional: IN, and "-o OUT" (the option parser leaves single-dash words as positional).
  std::string input_path, output_path;
  if (auto output = line.value("--output")) output_path = *output;
  for (size_t i = 0; i < line.positional.size(); ++i) {
    const std::string& word = line.positional[i];
    if (word == "-o") {
      if (i + 1 >= line.positional.size()) throw UsageError{"-o needs a file name"};
      if (!output_path.empty()) throw UsageError{"the output is given twice"};
      output_path = line.positional[++i];
    } else if (input_path.empty()) {
      input_path = word;
    } else {
      throw UsageError{"batch takes one input file (or - for standard input), not \"" + word + "\" too"};
    }
  }
  if (input_path.empty()) throw UsageError{"batch takes an input file (JSON Lines or CSV; - for standard input)"};

  BatchOptions options;
  options.screen.include_proposed = line.flag("--include-proposed");
  options.screen.trace = line.flag("--trace");
  options.screen.known_on = date_option(line, "--known-on");
  options.source = input_path == "-" ? "<stdin>" : input_path;
  std::string format = line.value("--format").value_or("json");
  if (format == "json" || format == "jsonl") options.output = BatchOutput::jsonl;
  else if (format == "csv") options.output = BatchOutput::csv;
  else throw UsageError{"--format for batch is json (JSON Lines) or csv, not \"" + format + "\""};
  if (auto input_format = line.value("--input-format")) {
    if (*input_format == "jsonl" || *input_format == "json") options.input = BatchInput::jsonl;
    else if (*input_format == "csv") options.input = BatchInput::csv;
    else throw UsageError{"--input-format is jsonl or csv, not \"" + *input_format + "\""};
  } else if (ends_with(input_path, ".csv")) {
    options.input = BatchInput::csv;
  } else if (ends_with(input_path, ".jsonl") || ends_with(input_path, ".ndjson") || ends_with(input_path, ".json")) {
    options.input = BatchInput::jsonl;
  }
  if (auto threads = line.value("--threads")) {
    char* end = nullptr;
    long n = std::strtol(threads->c_str(), &end, 10);
    if (threads->empty() || *end != '\0' || n < 1 || n > 256)
      throw UsageError{"--threads is a number of threads from 1 to 256, not \"" + *threads + "\""};
    options.threads = static_cast<unsigned>(n);
  }

  Engine engine = load_engine(line);

  File input{STDIN_FILENO, false};
  if (input_path != "-") {
    struct stat info {};
    if (::stat(input_path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
      throw RuntimeError{input_path + ": is a directory, not a file"};
    input.fd = ::open(input_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (input.fd < 0) throw RuntimeError{input_path + ": cannot open for reading (" + errno_text() + ")"};
    input.owned = true;
  }
  uint64_t input_size = 0;
  options.line_buffered = line.flag("--line-buffered");
  if (struct stat info {}; ::fstat(input.fd, &info) == 0) {
    if (S_ISREG(info.st_mode)) input_size = static_cast<uint64_t>(info.st_size);
    // Whoever writes into a pipe, socket or terminal may wait for each answer (a co-process).
    if (S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode) || isatty(input.fd)) options.line_buffered = true;
  }

  File output{STDOUT_FILENO, false};
  if (!output_path.empty() && output_path != "-") {
    output.fd = ::open(output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (output.fd < 0) throw RuntimeError{output_path + ": cannot open for writing (" + errno_text() + ")"};
    output.owned = true;
  }
  const std::string input_name = options.source;
  const std::string output_name = output.owned ? output_path : "<stdout>";

  BatchReader reader = [&](char* buffer, size_t capacity) -> Result<size_t> {
    for (;;) {
      ssize_t got = ::read(input.fd, buffer, capacity);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return make_error(ErrorCode::io, input_name + ": read error (" + errno_text() + ")");
    }
  };
  BatchWriter writer = [&](std::string_view bytes) -> Status {
    while (!bytes.empty()) {
      ssize_t put = ::write(output.fd, bytes.data(), bytes.size());
      if (put < 0) {
        if (errno == EINTR) continue;
        return make_error(ErrorCode::io, output_name + ": write error (" + errno_text() + ")");
      }
      bytes.remove_prefix(static_cast<size_t>(put));
    }
    return Ok{};
  };
  bool progress_bar = isatty(STDERR_FILENO);
  if (progress_bar) options.on_progress = [&](const BatchProgress& progress) { print_progress(progress, input_size); };

  Result<BatchSummary> result = screen_batch(engine, reader, writer, options);
  if (progress_bar) std::fputs("\r\033[K", stderr);
  if (!result) throw RuntimeError{result.error().message};
  const BatchSummary& summary = result.value();
  if (output.owned && ::close(output.fd) != 0) {
    output.owned = false;
    throw RuntimeError{output_name + ": write error (" + errno_text() + ")"};
  }
  output.owned = false;

  char text[400];
  uint64_t done = summary.shipments + summary.errors;
  std::snprintf(text, sizeof text,
                "exportctl batch: %llu shipments: %llu cleared, %llu action_required, %llu prohibited, %llu "
                "indeterminate; %llu errors; %.2f s, %s on %u threads\n",
                static_cast<unsigned long long>(done),
                static_cast<unsigned long long>(summary.verdicts[static_cast<size_t>(Verdict::cleared)]),
                static_cast<unsigned long long>(summary.verdicts[static_cast<size_t>(Verdict::action_required)]),
                static_cast<unsigned long long>(summary.verdicts[static_cast<size_t>(Verdict::prohibited)]),
                static_cast<unsigned long long>(summary.verdicts[static_cast<size_t>(Verdict::indeterminate)]),
                static_cast<unsigned long long>(summary.errors), summary.seconds,
                per_second(static_cast<double>(done), summary.seconds).c_str(), summary.threads);
  std::fputs(text, stderr);
  return summary.exit_code();
}

}  // namespace exportctl::cli
