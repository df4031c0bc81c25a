// The batch pipeline (`exportctl batch`) on a fuzzed input, shared by the JSON Lines and CSV
// targets. The input arrives in reads of a size chosen from the input's length, so that lines,
// quoted cells and byte-order marks straddle reads; the output format, line buffering and a
// small line limit are chosen the same way. Checks: a batch fails only when check_csv_header
// refuses its CSV header (so never on a JSON Lines input, nor on a long or bad shipment);
// in JSON Lines and compact output every line is one JSON object and there is one per shipment
// or error record; the summary counts add up.
#pragma once

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "exportctl/batch.hpp"
#include "fuzz_support.hpp"

namespace fuzz {

inline void run_batch(const uint8_t* data, size_t size, exportctl::BatchInput input) {
  const exportctl::Engine& engine = fuzz::engine();
  static constexpr size_t kPieces[] = {65536, 1, 7, 64, 1000, 4096};
  const size_t piece = kPieces[size % std::size(kPieces)];
  exportctl::BatchOptions options;
  options.input = input;
  options.output = static_cast<exportctl::BatchOutput>((size / 6) % 4);
  options.line_buffered = (size / 24) % 2 == 1;
  options.max_line_bytes = (size / 48) % 2 == 1 ? 512 : exportctl::kDefaultMaxDocumentBytes;
  options.threads = 2;
  options.source = "fuzz.in";
  options.report.today = fixed_today();

  size_t offset = 0;
  exportctl::BatchReader read = [&](char* buffer, size_t capacity) -> exportctl::Result<size_t> {
    size_t length = std::min({capacity, piece, size - offset});
    if (length) std::memcpy(buffer, data + offset, length);
    offset += length;
    return length;
  };
  std::string out;
  exportctl::BatchWriter write = [&](std::string_view bytes) -> exportctl::Status {
    out.append(bytes);
    return exportctl::Ok{};
  };
  auto summary = exportctl::screen_batch(engine, read, write, options);
  // A batch fails only on its reader or writer (neither fails here) or an unusable CSV header:
  // never on a shipment, however long or malformed.
  bool usable_header = input != exportctl::BatchInput::csv || exportctl::check_csv_header(text(data, size), options.source);
  if (!summary) {
    if (usable_header) fail("the batch failed: " + summary.error().message());
    return;
  }
  if (!usable_header) fail("a batch went on after a header check_csv_header refuses");
  uint64_t verdicts = 0;
  for (uint64_t count : summary.value().verdicts) verdicts += count;
  if (verdicts != summary.value().shipments) fail("verdict counts do not add up to the shipments");
  if (options.output != exportctl::BatchOutput::jsonl && options.output != exportctl::BatchOutput::compact) return;
  uint64_t lines = 0;
  size_t begin = 0;
  while (begin < out.size()) {
    size_t end = out.find('\n', begin);
    if (end == std::string::npos) fail("the output does not end with a newline");
    auto line = nlohmann::json::parse(std::string_view(out).substr(begin, end - begin), nullptr, false);
    if (line.is_discarded() || !line.is_object()) fail("an output line is not a JSON object");
    ++lines;
    begin = end + 1;
  }
  if (lines != summary.value().shipments + summary.value().errors)
    fail("output lines " + std::to_string(lines) + " != shipments + errors " +
         std::to_string(summary.value().shipments + summary.value().errors));
}

}  // namespace fuzz
