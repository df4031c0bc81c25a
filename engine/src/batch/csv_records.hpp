// RFC 4180 records: comma-separated fields, optionally in double quotes ("" inside quotes is
// one quote; quoted fields may span lines), ending with LF or CRLF. Used both to cut the input
// into shipments (only the id is looked at) and to read a shipment's rows.
#pragma once

#include <cstdint>
#include <optional>
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

// Follows one record byte by byte without keeping it, to find where it ends when it is too long
// to hold (a row over the batch's line limit), and reads its id cell on the way. The record is
// given in pieces, in order, starting at its first byte. The quoting rules are those of
// scan_csv_record, except that text after a closing quote (an error there) is read on as part
// of the cell.
class CsvRecordEnd {
 public:
  // `id_column`: the position of the cell to keep; a cell longer than kMaxIdBytes is not kept.
  explicit CsvRecordEnd(size_t id_column) : id_column_(id_column) {}
  static constexpr size_t kMaxIdBytes = 4096;

  // Reads the next piece; returns the offset in it just past the record's line end, or nullopt
  // when the record goes on past the piece.
  std::optional<size_t> feed(std::string_view piece);
  // The line ends read so far (LF, CRLF or a lone CR; LFs inside quotes count too).
  uint32_t lines() const { return lines_; }
  // The id cell, trimmed and unquoted, once read whole; nullopt before, or when it is too long.
  const std::optional<std::string>& id() const { return id_; }

 private:
  enum class State : uint8_t { cell_start, unquoted, quoted, quote_seen, after_quote, carriage_return, ended };
  void end_cell();

  size_t id_column_;
  size_t column_ = 0;
  State state_ = State::cell_start;
  uint32_t lines_ = 0;
  std::string cell_;  // the id cell as read so far
  bool cell_too_long_ = false;
  std::optional<std::string> id_;
};

}  // namespace exportctl::batch
