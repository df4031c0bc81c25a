// CSV cells for the audit listings and report (RFC 4180), safe to open in a spreadsheet.
#pragma once

#include <string>
#include <string_view>

namespace exportctl {

// Appends `text` as one cell and a comma. Stored texts come from whoever sent the shipment: a cell
// a spreadsheet would evaluate as a formula (it begins with =, +, -, @, a tab or a carriage
// return) gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
inline void append_csv_cell(std::string_view text, std::string& out) {
  bool formula = !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                                   text.front() == '@' || text.front() == '\t' || text.front() == '\r');
  bool quote = formula || (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  for (char c : text) quote |= c == ',' || c == '"' || c == '\n' || c == '\r';
  if (quote) out += '"';
  if (formula) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
  out += ',';
}

// Ends a row written with append_csv_cell: its last comma becomes the line end.
inline void end_csv_row(std::string& out) {
  if (!out.empty() && out.back() == ',') out.back() = '\n';
  else out += '\n';
}

}  // namespace exportctl
