// screen_batch: one reader thread cuts the input into chunks of whole shipments, N worker
// threads screen chunks, and the calling thread writes the chunks back in input order.
//
// Memory is bounded by a fixed pool of chunks: the reader waits for a free one, and a chunk
// becomes free only once the writer has written it, so the reader can never run more than the
// pool ahead of the writer however large the input. Every buffer (chunk input and output,
// each worker's Shipment, Determination and scratch text) is reused, so that after the first
// chunks a shipment costs no heap allocation in the pipeline itself.
#include "exportctl/batch.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "batch/csv_records.hpp"
#include "batch/csv_report.hpp"
#include "batch/csv_shipment.hpp"
#include "engine_state.hpp"
#include "io/json_objects.hpp"
#include "report/html_report.hpp"
#include "report/json_writer.hpp"
#include "report/reports.hpp"

namespace exportctl {
namespace {

using batch::CsvLayout;
using batch::CsvScan;

constexpr size_t kChunkBytes = 64 * 1024;      // input per chunk: a few hundred shipments
constexpr size_t kReadBytes = 64 * 1024;       // one read() call
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";  // UTF-8's, as spreadsheets write it
constexpr size_t kKeepCapacity = 1024 * 1024;  // a buffer grown past this by a huge line is shrunk

// Whether the start of an input is in hand as it arrives: a byte order mark or not, the first
// byte that is not blank and, for JSON, the end of its line (a pretty-printed object opens alone
// on it). The text only grows between calls; each byte is looked at once, however small the
// reads (a line-buffered sender may give one byte at a time).
class InputStart {
 public:
  bool in_hand(std::string_view text) {
    if (text.size() < kByteOrderMark.size() && kByteOrderMark.starts_with(text)) return false;
    if (looked_ == 0 && text.starts_with(kByteOrderMark)) looked_ = kByteOrderMark.size();
    if (first_ == std::string_view::npos) {
      first_ = text.find_first_not_of(" \t\r\n", looked_);
      looked_ = first_ == std::string_view::npos ? text.size() : first_ + 1;
      if (first_ == std::string_view::npos) return false;
    }
    if (text[first_] != '{') return true;
    size_t end = text.find('\n', looked_);
    looked_ = end == std::string_view::npos ? text.size() : end;
    return end != std::string_view::npos;
  }

 private:
  size_t looked_ = 0;                        // bytes of the text already looked at
  size_t first_ = std::string_view::npos;   // where the first byte that is not blank is
};

// A run of input lines forming one shipment: a JSONL line, or a CSV shipment's rows.
struct Unit {
  size_t begin = 0;
  size_t end = 0;
  uint64_t line = 0;  // 1-based line where it starts
  // A JSON Lines line over max_line_bytes, skipped unread, or a CSV shipment whose rows are over
  // it: its error record only.
  bool oversize = false;
};

struct Chunk {
  uint64_t sequence = 0;
  std::string input;
  std::vector<Unit> units;
  uint64_t input_bytes = 0;  // bytes of the input this chunk consumed
  // Filled by a worker:
  std::string output;
  uint64_t shipments = 0, errors = 0;
  std::array<uint64_t, 4> verdicts{};
};

// `text` with every byte that is not part of well-formed UTF-8 (RFC 3629: no overlong form, no
// surrogate, nothing above U+10FFFF) replaced by U+FFFD. An error record quotes what it found,
// and a CSV cell is any bytes: the record must still be valid JSON (and HTML, and CSV text).
std::string_view well_formed_utf8(std::string_view text, std::string& scratch) {
  auto sequence_length = [&](size_t i) -> size_t {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return 0;
    for (size_t k = 1; k < length; ++k)
      if ((byte(i + k) & 0xC0) != 0x80) return 0;
    const unsigned char second = byte(i + 1);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90) ||
        (lead == 0xF4 && second > 0x8F))
      return 0;
    return length;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t length = sequence_length(i);
    if (length == 0) break;
    i += length;
  }
  if (i == text.size()) return text;
  scratch.assign(text.substr(0, i));
  while (i < text.size()) {
    size_t length = sequence_length(i);
    if (length == 0) {
      scratch += "\xEF\xBF\xBD";
      ++i;
    } else {
      scratch.append(text.substr(i, length));
      i += length;
    }
  }
  return scratch;
}

void trim_capacity(std::string& buffer) {
  if (buffer.capacity() > kKeepCapacity) {
    buffer.clear();
    buffer.shrink_to_fit();
  }
}

class Pipeline {
 public:
  Pipeline(const Engine& engine, const BatchReader& read, const BatchWriter& write, const BatchOptions& options)
      : engine_(engine), read_(read), write_(write), options_(options) {
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    workers_ = std::max(1u, threads);
    pool_.resize(3 * workers_ + 2);
    for (Chunk& chunk : pool_) free_.push_back(&chunk);
    finished_.assign(pool_.size(), nullptr);
    next_line_ = options.first_line;
  }

  Result<BatchSummary> run() {
    start_ = std::chrono::steady_clock::now();
    std::thread reader([this] { read_loop(); });
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < workers_; ++i) workers.emplace_back([this] { work_loop(); });
    write_loop();
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    free_ready_.notify_all();
    todo_ready_.notify_all();
    reader.join();
    for (std::thread& worker : workers) worker.join();
    if (failure_) return *failure_;
    summary_.threads = workers_;
    summary_.seconds = elapsed();
    return summary_;
  }

 private:
  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  void fail(Error error) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(error);
    stopping_ = true;
    free_ready_.notify_all();
    todo_ready_.notify_all();
    done_ready_.notify_all();
  }

  // ---- reader ------------------------------------------------------------------------------

  Chunk* take_free() {
    std::unique_lock lock(mutex_);
    free_ready_.wait(lock, [&] { return stopping_ || !free_.empty(); });
    if (stopping_) return nullptr;
    Chunk* chunk = free_.back();
    free_.pop_back();
    return chunk;
  }

  // Appends up to `want` bytes of input to `buffer` (line-buffered: what one read gives); false
  // on a read error (already reported).
  bool fill(std::string& buffer, size_t want) {
    while (!at_end_ && want > 0) {
      size_t old_size = buffer.size();
      buffer.resize(old_size + std::max(want, kReadBytes));
      Result<size_t> got = read_(buffer.data() + old_size, buffer.size() - old_size);
      if (!got) {
        buffer.resize(old_size);
        fail(got.error());
        return false;
      }
      buffer.resize(old_size + got.value());
      if (joiner_) joiner_->rewrite(buffer, old_size);
      if (got.value() == 0) at_end_ = true;
      if (options_.line_buffered) break;
      want -= std::min(want, got.value());
    }
    return true;
  }

  void read_loop() {
    std::string carry;  // the start of a shipment the previous chunk could not hold whole
    bool first = true;
    uint64_t sequence = 0;
    for (;;) {
      Chunk* chunk = take_free();
      if (!chunk) return;
      chunk->input.swap(carry);
      carry.clear();
      chunk->units.clear();
      if (!fill(chunk->input, kChunkBytes > chunk->input.size() ? kChunkBytes - chunk->input.size() : 0)) return;
      if (first) {
        first = false;
        if (!start_input(*chunk)) return;
      }
      size_t used = 0;
      std::optional<size_t> long_row;  // CSV: where a row over the limit begins, to be read past
      size_t scanned = 0;  // JSON Lines: no newline before this offset (each byte is searched once)
      for (;;) {
        if (input_ == BatchInput::jsonl && !at_end_ &&
            !std::memchr(chunk->input.data() + scanned, '\n', chunk->input.size() - scanned)) {
          // Not one whole line yet: a long line. Read on into the same chunk, up to the limit.
          scanned = chunk->input.size();
          if (scanned > options_.max_line_bytes) {
            if (!skip_long_line(*chunk, carry)) return;
            used = chunk->input.size();
            break;
          }
          if (!fill(chunk->input, kReadBytes)) return;
          continue;
        }
        used = input_ == BatchInput::csv ? cut_csv(*chunk, long_row) : cut_jsonl(*chunk);
        // CSV rows shorter than the limit are read whole however long their shipment: cut_csv
        // turns a shipment over the limit into an error record once its rows show it.
        if (used > 0 || at_end_ || long_row) break;
        if (!fill(chunk->input, kReadBytes)) return;
      }
      uint64_t skipped = skipped_bytes_;
      skipped_bytes_ = 0;
      if (at_end_ && used < chunk->input.size() && input_ == BatchInput::csv && !long_row) used = chunk->input.size();
      if (long_row) {
        if (!skip_long_row(*chunk, used, *long_row, carry)) return;
      } else if (input_ == BatchInput::jsonl && !chunk->units.empty() && chunk->units.back().oversize) {
        chunk->input_bytes = skipped;
      } else {
        carry.assign(chunk->input, used, std::string::npos);
        chunk->input.resize(used);
        chunk->input_bytes = used;
      }
      bool last = at_end_ && carry.empty();
      chunk->sequence = sequence++;
      {
        std::lock_guard lock(mutex_);
        todo_.push_back(chunk);
        if (last) {
          reader_done_ = true;
          total_chunks_ = sequence;
        }
      }
      todo_ready_.notify_one();
      if (last) {
        done_ready_.notify_all();
        return;
      }
    }
  }

  // A JSON Lines line over max_line_bytes with no end in `chunk`: reads on and drops its bytes
  // up to its newline (memory stays at one read), and leaves in the chunk only the unit that
  // becomes its error record; what follows the newline goes to `carry`. False on a read error.
  bool skip_long_line(Chunk& chunk, std::string& carry) {
    skipped_bytes_ = 0;
    const char* newline = nullptr;
    for (;;) {
      skipped_bytes_ += chunk.input.size();
      chunk.input.clear();
      if (at_end_) break;
      if (!fill(chunk.input, kReadBytes)) return false;
      newline = static_cast<const char*>(std::memchr(chunk.input.data(), '\n', chunk.input.size()));
      if (newline) break;
    }
    if (newline) {
      size_t after = static_cast<size_t>(newline - chunk.input.data()) + 1;
      skipped_bytes_ += after;
      carry.assign(chunk.input, after, std::string::npos);
    }
    chunk.input.clear();
    chunk.units.push_back({0, 0, next_line_, true});
    ++next_line_;
    return true;
  }

  // A CSV row over max_line_bytes begins at `row_begin` in `chunk` with no end there: reads on
  // and drops its bytes up to its line end (memory stays at one read), keeps the chunk's first
  // `used` bytes (the shipments before it) and puts what follows the row in `carry`. Its
  // shipment's error record is already a unit of the chunk (cut_csv). False on a read error.
  bool skip_long_row(Chunk& chunk, size_t used, size_t row_begin, std::string& carry) {
    batch::CsvRecordEnd row(layout_.id_position);
    std::optional<size_t> end = row.feed(std::string_view(chunk.input).substr(row_begin));
    uint64_t consumed = chunk.input.size();
    if (end) {
      consumed = row_begin + *end;
      carry.assign(chunk.input, consumed, std::string::npos);
    } else {
      std::string& piece = long_row_piece_;
      for (;;) {
        piece.clear();
        if (at_end_) break;
        if (!fill(piece, kReadBytes)) return false;
        end = row.feed(piece);
        if (end) {
          consumed += *end;
          carry.assign(piece, *end, std::string::npos);
          break;
        }
        consumed += piece.size();
      }
      trim_capacity(piece);
    }
    chunk.input.resize(used);
    chunk.input_bytes = consumed;
    next_line_ += row.lines();
    return true;
  }

  // Skips a UTF-8 byte order mark, settles the input format and reads a CSV header. A short first
  // read (a pipe, line-buffered input) may hold a part of the mark or only blank lines: the input
  // is read on until its start is in hand, so that neither is decided on a part.
  bool start_input(Chunk& chunk) {
    std::string& text = chunk.input;
    InputStart start;
    while (!at_end_ && !start.in_hand(text) && text.size() <= options_.max_line_bytes)
      if (!fill(text, kReadBytes)) return false;
    if (text.starts_with(kByteOrderMark)) {
      text.erase(0, kByteOrderMark.size());
      bom_bytes_ = kByteOrderMark.size();
    }
    input_ = options_.input;
    if (input_ == BatchInput::detect) {
      size_t i = text.find_first_not_of(" \t\r\n");
      input_ = i == std::string::npos || text[i] == '{' ? BatchInput::jsonl : BatchInput::csv;
    }
    if (input_ == BatchInput::jsonl && starts_pretty_printed(text)) {
      // Pretty-printed objects become one line each, every line keeping its number.
      joiner_.emplace();
      joiner_->rewrite(text, 0);
    }
    if (input_ != BatchInput::csv) return true;
    for (;;) {
      size_t pos = 0;
      // Skip blank lines before the header.
      while (pos < text.size() && (text[pos] == '\n' || text[pos] == '\r')) {
        if (text[pos] == '\n') ++next_line_;
        ++pos;
      }
      size_t count = 0;
      uint32_t lines = 0;
      if (pos >= text.size()) {
        if (at_end_) return true;  // no header, no rows: an empty batch
      } else {
        CsvScan scan = batch::scan_csv_record(text, pos, at_end_, fields_, count, lines);
        if (scan == CsvScan::record) {
          Result<CsvLayout> layout = batch::read_csv_header(fields_, count, options_.source, next_line_);
          if (!layout) {
            fail(layout.error());
            return false;
          }
          layout_ = std::move(layout).value();
          next_line_ += lines;
          header_bytes_ = pos;
          text.erase(0, pos);
          return true;
        }
        if (scan == CsvScan::bad_quote) {
          fail(make_error(ErrorCode::bad_input, options_.source + ":" + std::to_string(next_line_),
                          "the header has an unclosed quote"));
          return false;
        }
      }
      if (!fill(text, kReadBytes)) return false;
    }
  }

  // Cuts whole lines; returns the bytes used (0: not one whole line yet).
  size_t cut_jsonl(Chunk& chunk) {
    const std::string& text = chunk.input;
    size_t end = text.size();
    if (!at_end_) {
      size_t last = text.rfind('\n');
      if (last == std::string::npos) return 0;
      end = last + 1;
    }
    size_t pos = 0;
    while (pos < end) {
      const char* newline = static_cast<const char*>(std::memchr(text.data() + pos, '\n', end - pos));
      size_t line_end = newline ? static_cast<size_t>(newline - text.data()) : end;
      size_t content_end = line_end;
      if (content_end > pos && text[content_end - 1] == '\r') --content_end;
      bool blank = true;
      for (size_t i = pos; i < content_end && blank; ++i)
        blank = text[i] == ' ' || text[i] == '\t';
      if (!blank)
        chunk.units.push_back({(pos), (content_end), next_line_});
      ++next_line_;
      pos = line_end + 1;
    }
    return end;
  }

  // Cuts whole shipments (runs of rows with one id); the last run may go on in the next read,
  // so it waits unless the input has ended. Returns the bytes used.
  //
  // A shipment whose rows are over max_line_bytes becomes an error record, and its further rows
  // (the same id) are dropped unscreened, however many follow: a shipment cut short would be
  // screened without some of its items. A single row over the limit that has not ended in the
  // chunk stops the cut: `long_row` is then where it begins, for skip_long_row, and the bytes
  // used are those before it.
  size_t cut_csv(Chunk& chunk, std::optional<size_t>& long_row) {
    const std::string& text = chunk.input;
    size_t pos = 0, group_begin = 0, used = 0;
    uint64_t line = next_line_, group_line = next_line_;
    bool in_group = false;
    std::string group_id;
    while (pos < text.size()) {
      size_t record_begin = pos;
      size_t count = 0;
      uint32_t lines = 0;
      CsvScan scan = batch::scan_csv_record(text, pos, at_end_, fields_, count, lines);
      if (scan == CsvScan::incomplete && text.size() - record_begin > options_.max_line_bytes) {
        // The row's id is read from its start (the id column usually comes first).
        batch::CsvRecordEnd start(layout_.id_position);
        (void)start.feed(std::string_view(text).substr(record_begin));
        std::optional<std::string> id = start.id();
        if (id && id->empty()) id.reset();
        bool continues_skipped = id && skip_id_ && *id == *skip_id_;
        if (!continues_skipped) {
          if (in_group && id && *id == group_id) {
            chunk.units.push_back({group_begin, group_begin, group_line, true});
          } else {
            if (in_group) chunk.units.push_back({group_begin, record_begin, group_line});
            chunk.units.push_back({record_begin, record_begin, line, true});
          }
          skip_id_ = id;
        }
        next_line_ = line;
        long_row = record_begin;
        return record_begin;  // the rows of an answered shipment before it stay unused in the chunk
      }
      if (scan == CsvScan::incomplete) break;
      if (scan == CsvScan::bad_quote) {
        skip_id_.reset();
        // Unreadable to the end of input: one unit, which its builder reports as an error.
        if (in_group) chunk.units.push_back({(group_begin), (record_begin), group_line});
        chunk.units.push_back({(record_begin), (text.size()), line});
        next_line_ = line;
        return text.size();
      }
      uint64_t record_line = line;
      line += lines;
      if (batch::csv_record_blank(fields_, count)) {
        if (!in_group) {
          used = pos;
          next_line_ = line;
        }
        continue;
      }
      std::string_view id = layout_.id_position < count ? std::string_view(fields_[layout_.id_position]) : "";
      if (skip_id_ && !in_group) {
        if (id == *skip_id_) {  // the rest of a shipment already answered with an error record
          used = pos;
          next_line_ = line;
          continue;
        }
        skip_id_.reset();
      }
      if (!(in_group && id == group_id && !id.empty())) {
        if (in_group) {
          chunk.units.push_back({(group_begin), (record_begin), group_line});
          used = record_begin;
          next_line_ = record_line;
        }
        in_group = true;
        group_begin = record_begin;
        group_line = record_line;
        group_id.assign(id);
      }
      if (pos - group_begin > options_.max_line_bytes) {
        chunk.units.push_back({group_begin, group_begin, group_line, true});
        in_group = false;
        used = pos;
        next_line_ = line;
        if (!group_id.empty()) skip_id_ = group_id;
      }
    }
    if (at_end_ && pos >= text.size()) {
      if (in_group) chunk.units.push_back({(group_begin), (text.size()), group_line});
      next_line_ = line;
      return text.size();
    }
    if (!in_group && pos >= text.size()) {  // only blank or skipped rows so far
      next_line_ = line;
      return text.size();
    }
    return used;
  }

  // ---- workers -----------------------------------------------------------------------------

  struct Worker {
    Shipment shipment;
    Determination answer;
    std::string source;  // "SOURCE:LINE", rebuilt per shipment without allocating
    std::string json;    // a CSV shipment as contract JSON
    std::string scratch;
    std::optional<batch::CsvShipmentBuilder> csv;
  };

  void work_loop() {
    Worker worker;
    for (;;) {
      Chunk* chunk;
      {
        std::unique_lock lock(mutex_);
        todo_ready_.wait(lock, [&] { return stopping_ || !todo_.empty(); });
        if (stopping_ || todo_.empty()) return;
        chunk = todo_.front();
        todo_.pop_front();
      }
      if (input_ == BatchInput::csv && !worker.csv) worker.csv.emplace(layout_);
      screen_chunk(*chunk, worker);
      {
        std::lock_guard lock(mutex_);
        finished_[chunk->sequence % finished_.size()] = chunk;
      }
      done_ready_.notify_all();
    }
  }

  void error_record(Chunk& chunk, uint64_t line, std::string_view message) {
    ++chunk.errors;
    std::string scratch;
    message = well_formed_utf8(message, scratch);
    if (options_.output == BatchOutput::csv) {
      batch::write_csv_error(line, message, chunk.output);
      return;
    }
    if (options_.output == BatchOutput::html) {
      write_html_error(line, message, chunk.output);
      return;
    }
    JsonWriter json(chunk.output);
    json.begin_object().key("error").string(message).key("line").integer(static_cast<long long>(line)).end_object();
    chunk.output += '\n';
  }

  void screen_chunk(Chunk& chunk, Worker& worker) {
    chunk.output.clear();
    chunk.shipments = chunk.errors = 0;
    chunk.verdicts.fill(0);
    const RenderOptions render{options_.screen.trace};
    for (const Unit& unit : chunk.units) {
      if (unit.oversize) {
        error_record(chunk, unit.line,
                     options_.source + ":" + std::to_string(unit.line) +
                         (input_ == BatchInput::csv ? ": the shipment's rows are over the limit of "
                                                    : ": /: the line is over the limit of ") +
                         std::to_string(options_.max_line_bytes) + " bytes (--max-line-bytes)");
        continue;
      }
      std::string_view text(chunk.input.data() + unit.begin, unit.end - unit.begin);
      worker.source.assign(options_.source);
      worker.source += ':';
      char digits[24];
      worker.source.append(digits, std::to_chars(digits, digits + sizeof digits, unit.line).ptr);
      if (input_ == BatchInput::csv) {
        if (Status built = worker.csv->build(text, unit.line, options_.source, worker.json); !built) {
          error_record(chunk, unit.line, built.error().message());
          continue;
        }
        if (Status parsed = engine_.parse_shipment(worker.json, worker.source, worker.shipment); !parsed) {
          error_record(chunk, unit.line, worker.csv->locate(parsed.error(), options_.source).message());
          continue;
        }
      } else if (Status parsed = engine_.parse_shipment(text, worker.source, worker.shipment); !parsed) {
        error_record(chunk, unit.line, parsed.error().message());
        continue;
      }
      engine_.screen(worker.shipment, options_.screen, worker.answer);
      if (options_.output == BatchOutput::csv) {
        batch::write_csv_report(rules_of(engine_), worker.shipment, worker.answer, unit.line, worker.scratch,
                                chunk.output);
      } else if (options_.output == BatchOutput::html) {
        worker.scratch.assign("line-");
        worker.scratch += std::to_string(unit.line);
        write_html_shipment(rules_of(engine_), worker.shipment, worker.answer, options_.report, worker.scratch,
                            chunk.output);
      } else if (options_.output == BatchOutput::compact) {
        write_compact_json(worker.shipment, worker.answer, chunk.output);
        chunk.output += '\n';
      } else {
        engine_.write_json(worker.shipment, worker.answer, render, chunk.output);
        chunk.output += '\n';
      }
      ++chunk.shipments;
      ++chunk.verdicts[static_cast<size_t>(worker.answer.verdict)];
    }
  }

  // ---- writer (the calling thread) ---------------------------------------------------------

  void write_loop() {
    if (options_.output == BatchOutput::csv || options_.output == BatchOutput::html) {
      std::string header;
      if (options_.output == BatchOutput::csv) batch::write_csv_report_header(header);
      else write_html_head(rules_of(engine_), "Screening record: " + options_.source, options_.report, header);
      if (!write_output(header)) return;
    }
    auto last_progress = std::chrono::steady_clock::now();
    summary_.bytes_read = 0;
    for (uint64_t sequence = 0;; ++sequence) {
      Chunk* chunk = nullptr;
      {
        std::unique_lock lock(mutex_);
        done_ready_.wait(lock, [&] {
          Chunk* ready = finished_[sequence % finished_.size()];
          return stopping_ || (ready && ready->sequence == sequence) || (reader_done_ && sequence == total_chunks_);
        });
        if (stopping_) return;
        if (reader_done_ && sequence == total_chunks_) break;
        chunk = finished_[sequence % finished_.size()];
        finished_[sequence % finished_.size()] = nullptr;
      }
      bool written = write_output(chunk->output);
      summary_.shipments += chunk->shipments;
      summary_.errors += chunk->errors;
      for (size_t v = 0; v < 4; ++v) summary_.verdicts[v] += chunk->verdicts[v];
      summary_.bytes_read += chunk->input_bytes;
      trim_capacity(chunk->input);
      trim_capacity(chunk->output);
      {
        std::lock_guard lock(mutex_);
        free_.push_back(chunk);
      }
      free_ready_.notify_one();
      if (!written) return;
      if (options_.on_progress) {
        auto now = std::chrono::steady_clock::now();
        if (now - last_progress >= std::chrono::milliseconds(100)) {
          last_progress = now;
          options_.on_progress({summary_.shipments + summary_.errors, summary_.bytes_read + bom_bytes_ + header_bytes_,
                                elapsed()});
        }
      }
    }
    summary_.bytes_read += bom_bytes_ + header_bytes_;
    // The reader is done (reader_done_ was read under the lock): its joiner is settled.
    if (joiner_) summary_.bytes_read -= joiner_->inserted();
    if (options_.output == BatchOutput::html) {
      std::string foot;
      write_html_foot(foot);
      if (!write_output(foot)) return;
    }
    if (options_.on_progress) options_.on_progress({summary_.shipments + summary_.errors, summary_.bytes_read, elapsed()});
  }

  bool write_output(std::string_view bytes) {
    if (bytes.empty()) return true;
    Status status = write_(bytes);
    if (!status) {
      fail(status.error());
      return false;
    }
    summary_.bytes_written += bytes.size();
    return true;
  }

  const Engine& engine_;
  const BatchReader& read_;
  const BatchWriter& write_;
  const BatchOptions& options_;
  unsigned workers_ = 1;
  std::chrono::steady_clock::time_point start_;

  // Set by the reader before the first chunk is queued, read-only afterwards.
  BatchInput input_ = BatchInput::jsonl;
  CsvLayout layout_;
  // Reader-only state.
  bool at_end_ = false;
  uint64_t next_line_ = 1;
  uint64_t skipped_bytes_ = 0;  // input dropped by skip_long_line for the chunk being cut
  // CSV: the id of a shipment over the line limit, whose further rows are dropped (cut_csv).
  std::optional<std::string> skip_id_;
  std::string long_row_piece_;  // one read of a CSV row over the limit, dropped (skip_long_row)
  uint64_t bom_bytes_ = 0, header_bytes_ = 0;
  std::vector<std::string> fields_;
  std::optional<ObjectLineJoiner> joiner_;  // pretty-printed JSON input only

  std::mutex mutex_;
  std::condition_variable free_ready_, todo_ready_, done_ready_;
  std::deque<Chunk> pool_;
  std::vector<Chunk*> free_;
  std::deque<Chunk*> todo_;
  std::vector<Chunk*> finished_;  // by sequence modulo the pool size
  bool stopping_ = false;
  bool reader_done_ = false;
  uint64_t total_chunks_ = 0;
  std::optional<Error> failure_;
  BatchSummary summary_;
};

}  // namespace

int BatchSummary::exit_code() const {
  if (errors > 0) return 1;
  if (verdicts[static_cast<size_t>(Verdict::prohibited)]) return exportctl::exit_code(Verdict::prohibited);
  if (verdicts[static_cast<size_t>(Verdict::action_required)]) return exportctl::exit_code(Verdict::action_required);
  if (verdicts[static_cast<size_t>(Verdict::indeterminate)]) return exportctl::exit_code(Verdict::indeterminate);
  return exportctl::exit_code(Verdict::cleared);
}

Result<BatchSummary> screen_batch(const Engine& engine, const BatchReader& read, const BatchWriter& write,
                                  const BatchOptions& options) {
  Pipeline pipeline(engine, read, write, options);
  return pipeline.run();
}

Status check_csv_header(std::string_view text, const std::string& source) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  uint64_t line = 1;
  size_t pos = 0;
  while (pos < text.size() && (text[pos] == '\n' || text[pos] == '\r')) {
    if (text[pos] == '\n') ++line;
    ++pos;
  }
  if (pos >= text.size()) return Ok{};
  std::vector<std::string> fields;
  size_t count = 0;
  uint32_t lines = 0;
  if (batch::scan_csv_record(text, pos, true, fields, count, lines) != CsvScan::record)
    return make_error(ErrorCode::bad_input, source + ":" + std::to_string(line), "the header has an unclosed quote");
  Result<CsvLayout> layout = batch::read_csv_header(fields, count, source, line);
  if (!layout) return layout.error();
  return Ok{};
}

}  // namespace exportctl
