// RFC 4180 records: comma-separated fields, optionally in double quotes ("" inside quotes is
// one quote; quoted fields may span lines), ending with LF or CRLF. Used both to cut the input
// into shipments (only the id is looked at) and to read a shipment's rows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exportctl::batch {

enum class CsvScan : uint8_t {
  record,      // a whole record was read into `fields`
  incomplete,  // the text ends inside the record: more input is needed
  bad_quote,   // a quote opened and never closed before the end of input, or text after a closing quote
};

// Reads the record starting at `pos` into `fields` (the vector and its strings are reused) and
// advances `pos` past its line end. `at_end` says the text holds the rest of the input, so a
// last record without a line end is whole. `lines` receives the number of line ends consumed.
// Cells are trimmed of surrounding spaces and tabs.
CsvScan scan_csv_record(std::string_view text, size_t& pos, bool at_end, std::vector<std::string>& fields,
                        size_t& field_count, uint32_t& lines);

// True when every cell of the record is empty (blank lines and ",,,," rows are skipped).
bool csv_record_blank(const std::vector<std::string>& fields, size_t field_count);

}  // namespace exportctl::batch
