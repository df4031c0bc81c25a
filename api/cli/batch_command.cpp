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

#include "commands.hpp"
#include "exportctl/batch.hpp"
#include "shared_options.hpp"

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

struct BatchArgs : ScreeningArgs {
  std::string input_path;          // "-": standard input
  std::string output_path;         // empty or "-": standard output
  BatchOutput output = BatchOutput::jsonl;
  std::optional<BatchInput> input;  // nullopt: from the file name, else from the content
  unsigned threads = 0;            // 0: one per core
  bool line_buffered = false;      // also when the input is a pipe, socket or terminal
  std::optional<Date> today;       // for --format html: deadlines counted from it
  size_t max_line_bytes = kDefaultMaxDocumentBytes;
};

BatchOutput output_value(const std::string& format) {
  if (format == "json" || format == "jsonl") return BatchOutput::jsonl;
  if (format == "compact") return BatchOutput::compact;
  if (format == "csv") return BatchOutput::csv;
  if (format == "html") return BatchOutput::html;
  throw UsageError{"--format for batch is json (JSON Lines), compact, csv or html, not \"" + format + "\""};
}

BatchInput input_value(const std::string& format) {
  if (format == "jsonl" || format == "json") return BatchInput::jsonl;
  if (format == "csv") return BatchInput::csv;
  throw UsageError{"--input-format is jsonl or csv, not \"" + format + "\""};
}

unsigned threads_value(const std::string& text) {
  char* end = nullptr;
  long n = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n < 1 || n > 256)
    throw UsageError{"--threads is a number of threads from 1 to 256, not \"" + text + "\""};
  return static_cast<unsigned>(n);
}

int run_batch(const BatchArgs& args) {
  BatchOptions options;
  options.screen.include_proposed = args.include_proposed;
  options.screen.trace = args.trace;
  options.screen.known_on = args.known_on;
  options.report = {args.trace, args.today.value_or(today())};
  options.source = args.input_path == "-" ? "<stdin>" : args.input_path;
  options.output = args.output;
  if (args.input) options.input = *args.input;
  else if (ends_with(args.input_path, ".csv")) options.input = BatchInput::csv;
  else if (ends_with(args.input_path, ".jsonl") || ends_with(args.input_path, ".ndjson") ||
           ends_with(args.input_path, ".json"))
    options.input = BatchInput::jsonl;
  options.threads = args.threads;
  options.max_line_bytes = args.max_line_bytes;
  const std::string& input_path = args.input_path;
  const std::string& output_path = args.output_path;

  Engine engine = load_engine(args);

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
  options.line_buffered = args.line_buffered;
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
      if (errno != EINTR) return make_error(ErrorCode::io, input_name, "read error (" + errno_text() + ")");
    }
  };
  BatchWriter writer = [&](std::string_view bytes) -> Status {
    while (!bytes.empty()) {
      ssize_t put = ::write(output.fd, bytes.data(), bytes.size());
      if (put < 0) {
        if (errno == EINTR) continue;
        return make_error(ErrorCode::io, output_name, "write error (" + errno_text() + ")");
      }
      bytes.remove_prefix(static_cast<size_t>(put));
    }
    return Ok{};
  };
  bool progress_bar = isatty(STDERR_FILENO);
  if (progress_bar) options.on_progress = [&](const BatchProgress& progress) { print_progress(progress, input_size); };

  Result<BatchSummary> result = screen_batch(engine, reader, writer, options);
  if (progress_bar) std::fputs("\r\033[K", stderr);
  if (!result) throw RuntimeError{result.error().message()};
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

}  // namespace

Command batch_command() {
  CommandSpec<BatchArgs> spec{
      "batch", "batch IN|- [-o OUT] [--format json|compact|csv|html] [--threads N]   screen JSON Lines or CSV, in input order",
      one(&BatchArgs::input_path, "batch takes one input file (JSON Lines or CSV; - for standard input)"),
      {rules_option<BatchArgs>(), db_option<BatchArgs>(), known_on_option<BatchArgs>(),
       include_proposed_option<BatchArgs>(), trace_option<BatchArgs>()},
      run_batch};
  spec.options.push_back({"--format", "", true, false,
                          "json (JSON Lines, the default), compact (JSON Lines: verdict, requirement kinds, statuses, deadlines, "
                          "rule versions), csv (one row per requirement) or html (the screening record)",
                          [](BatchArgs& args, const std::string& value) { args.output = output_value(value); }});
  Option<BatchArgs> output = text<BatchArgs>("--output", &BatchArgs::output_path,
                                             "write the answers to this file (default: standard output)");
  output.alias = "-o";
  spec.options.push_back(output);
  spec.options.push_back({"--input-format", "", true, false,
                          "jsonl or csv (default: from the file name, else from the content)",
                          [](BatchArgs& args, const std::string& value) { args.input = input_value(value); }});
  spec.options.push_back({"--max-line-bytes", "", true, false,
                          "a line (or a CSV shipment's rows) over N bytes is an error (default " +
                              std::to_string(kDefaultMaxDocumentBytes) + ")",
                          [](BatchArgs& args, const std::string& value) {
                            args.max_line_bytes = byte_limit_value("--max-line-bytes", value);
                          }});
  spec.options.push_back({"--threads", "", true, false, "screening threads (default: one per core)",
                          [](BatchArgs& args, const std::string& value) { args.threads = threads_value(value); }});
  spec.options.push_back(today_option<BatchArgs>());
  spec.options.push_back(flag<BatchArgs>(
      "--line-buffered", &BatchArgs::line_buffered,
      "answer each line as soon as it arrives (default when the input is a pipe, socket or terminal)"));
  return make_command(std::move(spec));
}

}  // namespace exportctl::cli
