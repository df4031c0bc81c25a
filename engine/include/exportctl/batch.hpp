// Screening many shipments at once: a stream of shipments in (JSON Lines or CSV), a stream of
// determinations out, in input order, on every core, in bounded memory.
//
//   exportctl::BatchOptions options;
//   options.source = "shipments.jsonl";
//   auto summary = exportctl::screen_batch(engine, read_some, write_all, options);
//   if (!summary) { std::cerr << summary.error().message() << "\n"; return 1; }
//   return summary.value().exit_code();
//
// Each shipment is parsed, screened and rendered by exactly the calls `exportctl check` makes
// (Engine::parse_shipment, Engine::screen, Engine::write_json), so a batch answer is byte for
// byte the answer of `check` on the same shipment. A shipment that fails to parse becomes an
// error record, {"error":"SOURCE:LINE: /json/pointer: what is wrong","line":LINE}, and the batch
// goes on. docs/batch.md describes the CSV columns and the CSV output.
//
// Thread-safety: screen_batch may run several batches at once on one Engine. The callbacks are
// called from threads screen_batch starts, one call at a time: `read` from one thread,
// `write` and `on_progress` from another.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/engine.hpp"
#include "exportctl/limits.hpp"
#include "exportctl/result.hpp"

namespace exportctl {

enum class BatchInput : uint8_t {
  detect,  // JSON Lines when the first non-blank character is '{', else CSV
  jsonl,   // one shipment of contract.md per line; blank lines are skipped. When the first object
           // goes on past its first line, the input is pretty-printed: each object may span lines
           // (its answer or error record names the line where it begins)
  csv,     // a header row, then one item per row; consecutive rows with one id are one shipment
};
enum class BatchOutput : uint8_t {
  jsonl,  // one determination per line, exactly as `check --format json` prints it
  csv,    // a header row, then one row per requirement (one row for a shipment without any)
  html,   // the screening record (Engine::write_html): one document, a section per shipment
          // (id "line-N", N its first input line), an input that could not be screened a
          // section saying why; report options from BatchOptions::report
  compact,  // one compact answer per line (schema/json/compact.schema.json): the verdict and,
            // per requirement, kind, status, deadline, rule and version, as in the full answer
};

struct BatchProgress {
  uint64_t shipments = 0;   // answers and error records written so far
  uint64_t bytes_read = 0;  // input consumed so far
  double seconds = 0;       // since the batch started
};

struct BatchOptions {
  BatchInput input = BatchInput::detect;
  BatchOutput output = BatchOutput::jsonl;
  ScreenOptions screen;              // known_on, include_proposed, trace: as for one shipment
  ReportOptions report;              // for BatchOutput::html: today, and whether to list the trace
  unsigned threads = 0;              // screening threads; 0: one per core
  std::string source = "<stdin>";    // names the input in error records: "SOURCE:LINE: ..."
  uint64_t first_line = 1;           // the number of the input's first line, for an input fed in pieces
  // A JSON Lines line longer than this is an error record (its bytes are dropped unread, so
  // memory stays bounded). So is a CSV shipment whose rows together are longer: its further rows
  // (the same id) are dropped unscreened, and a single row over the limit is dropped as it is read.
  size_t max_line_bytes = kDefaultMaxDocumentBytes;
  // Screen the whole lines of each read as soon as it returns, instead of gathering a chunk of
  // about 64 KB first: for a co-process that writes one shipment and waits for its answer.
  // Each answer is then written once its line has arrived (for CSV input, once the next
  // shipment's first row or the end of input shows that a shipment's rows are complete).
  bool line_buffered = false;
  // Called about ten times a second, and once at the end; leave empty for none.
  std::function<void(const BatchProgress&)> on_progress;
};

struct BatchSummary {
  uint64_t shipments = 0;  // determinations written
  uint64_t errors = 0;     // error records written (lines that could not be screened)
  std::array<uint64_t, 4> verdicts{};  // shipments per Verdict, indexed by its value
  uint64_t bytes_read = 0;
  uint64_t bytes_written = 0;
  double seconds = 0;      // wall time from the first read to the last write
  unsigned threads = 0;    // screening threads used

  // The contract exit code of the whole batch: 1 if any line failed, else the worst verdict
  // (prohibited, then action required, then indeterminate, then cleared).
  int exit_code() const;
};

// Fills buffer[0..capacity) with the next bytes of the input and returns how many; 0 at the end.
using BatchReader = std::function<Result<size_t>(char* buffer, size_t capacity)>;
// Writes every byte given (a run of whole output lines).
using BatchWriter = std::function<Status(std::string_view bytes)>;

// A shipment in a text holding several, and the 1-based line where it starts.
struct ShipmentText {
  uint64_t line = 0;
  std::string_view text;  // points into the text split
};

// Where each shipment is in `text`: JSON objects one after another, each on one line (JSON
// Lines) or spread over several (pretty-printed), blank lines and a UTF-8 byte-order mark
// skipped. Text that is not an object is returned up to the end of its line, so that the parser
// names what is wrong with it. `exportctl diff` and `store record` read their input with it.
std::vector<ShipmentText> split_shipments(std::string_view text);

// Reads the header row of a CSV input held whole (after a byte-order mark and blank lines) as
// screen_batch reads it, and fails as screen_batch would on it: bad_input naming SOURCE:LINE and
// the column. For a caller that must answer before the batch starts: the HTTP service, whose
// status line is sent before the first answer. An input without a header is usable (no rows).
Status check_csv_header(std::string_view text, const std::string& source);

// Screens every shipment `read` yields and writes the answers through `write`, in input order.
// Memory stays bounded whatever the input size: at most a few chunks of input (64 KiB each, or
// one line if longer) per thread are in flight. Fails only when `read` or `write`
// fails, or when a CSV header is unusable (bad_input naming SOURCE:1 and the column); a bad
// shipment is an error record, not a failure.
Result<BatchSummary> screen_batch(const Engine& engine, const BatchReader& read, const BatchWriter& write,
                                  const BatchOptions& options);

}  // namespace exportctl
