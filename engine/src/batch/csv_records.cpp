#include "batch/csv_records.hpp"

namespace exportctl::batch {
namespace {

void trim(std::string& cell) {
  size_t begin = 0, end = cell.size();
  while (begin < end && (cell[begin] == ' ' || cell[begin] == '\t')) ++begin;
  while (end > begin && (cell[end - 1] == ' ' || cell[end - 1] == '\t')) --end;
  if (begin > 0 || end < cell.size()) cell.assign(cell, begin, end - begin);
}

}  // namespace

CsvScan scan_csv_record(std::string_view text, size_t& pos, bool at_end, std::vector<std::string>& fields,
                        size_t& field_count, uint32_t& lines) {
  size_t i = pos;
  const size_t n = text.size();
  field_count = 0;
  lines = 0;
  if (i >= n) return at_end ? CsvScan::bad_quote : CsvScan::incomplete;  // callers stop at the end
  for (;;) {
    if (field_count == fields.size()) fields.emplace_back();
    std::string& cell = fields[field_count++];
    cell.clear();
    // Leading blanks before an opening quote are allowed (they are trimmed anyway).
    size_t start = i;
    while (start < n && (text[start] == ' ' || text[start] == '\t')) ++start;
    if (start < n && text[start] == '"') {
      i = start + 1;
      for (;;) {
        if (i >= n) return at_end ? CsvScan::bad_quote : CsvScan::incomplete;
        char c = text[i];
        if (c == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= n && !at_end) return CsvScan::incomplete;  // "" may straddle the read
          ++i;
          break;
        }
        if (c == '\n') ++lines;
        cell += c;
        ++i;
      }
      while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') return CsvScan::bad_quote;
    } else {
      size_t end = i;
      while (end < n && text[end] != ',' && text[end] != '\n' && text[end] != '\r') ++end;
      cell.assign(text.data() + i, end - i);
      i = end;
    }
    trim(cell);
    if (i >= n) {
      if (!at_end) return CsvScan::incomplete;
      pos = i;
      return CsvScan::record;
    }
    if (text[i] == ',') {
      ++i;
      continue;
    }
    // Line end: LF or CRLF (a lone CR ends the record too).
    if (text[i] == '\r') {
      if (i + 1 >= n && !at_end) return CsvScan::incomplete;
      ++i;
      if (i < n && text[i] == '\n') ++i;
    } else {
      ++i;
    }
    ++lines;
    pos = i;
    return CsvScan::record;
  }
}

bool csv_record_blank(const std::vector<std::string>& fields, size_t field_count) {
  for (size_t i = 0; i < field_count; ++i)
    if (!fields[i].empty()) return false;
  return true;
}

void CsvRecordEnd::end_cell() {
  if (column_ == id_column_ && !cell_too_long_) {
    trim(cell_);
    id_ = std::move(cell_);
  }
  cell_.clear();
  ++column_;
}

std::optional<size_t> CsvRecordEnd::feed(std::string_view piece) {
  for (size_t i = 0; i < piece.size(); ++i) {
    const char c = piece[i];
    auto keep = [&] {
      if (column_ != id_column_ || cell_too_long_) return;
      if (cell_.size() >= kMaxIdBytes) {
        cell_too_long_ = true;
        cell_.clear();
        return;
      }
      cell_ += c;
    };
    switch (state_) {
      case State::ended:
        return 0;
      case State::carriage_return:  // a CR ended the record; an LF right after it belongs to it
        state_ = State::ended;
        return c == '\n' ? i + 1 : i;
      case State::quote_seen:  // a quote inside quotes: doubled, or the closing one
        if (c == '"') {
          keep();
          state_ = State::quoted;
          continue;
        }
        state_ = State::after_quote;
        [[fallthrough]];
      case State::cell_start:
      case State::unquoted:
      case State::after_quote:
        if (state_ == State::cell_start && c == '"') {
          state_ = State::quoted;
          continue;
        }
        if (c == ',') {
          end_cell();
          state_ = State::cell_start;
        } else if (c == '\n') {
          end_cell();
          ++lines_;
          state_ = State::ended;
          return i + 1;
        } else if (c == '\r') {
          end_cell();
          ++lines_;
          state_ = State::carriage_return;
        } else {
          if (state_ == State::cell_start && c != ' ' && c != '\t') state_ = State::unquoted;
          if (state_ != State::after_quote) keep();
        }
        continue;
      case State::quoted:
        if (c == '"') {
          state_ = State::quote_seen;
          continue;
        }
        if (c == '\n') ++lines_;
        keep();
        continue;
    }
  }
  return std::nullopt;
}

}  // namespace exportctl::batch
