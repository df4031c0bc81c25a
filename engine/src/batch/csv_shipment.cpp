#include "batch/csv_shipment.hpp"

#include <algorithm>

#include "batch/csv_records.hpp"

namespace exportctl::batch {
namespace {

enum class Group : uint8_t { shipment, item, notice, authorization };

struct ColumnInfo {
  std::string_view name;
  Group group;
};

constexpr ColumnInfo kColumns[kCsvColumnCount] = {
    {"id", Group::shipment}, {"ship_date", Group::shipment}, {"known_on", Group::shipment},
    {"origin", Group::shipment}, {"destination", Group::shipment}, {"via", Group::shipment},
    {"exporter", Group::shipment}, {"exporter_country", Group::shipment}, {"exporter_hq", Group::shipment},
    {"end_user", Group::shipment}, {"end_user_country", Group::shipment}, {"end_user_hq", Group::shipment},
    {"model", Group::item}, {"description", Group::item}, {"quantity", Group::item},
    {"unit_value_usd", Group::item}, {"us_origin", Group::item}, {"kind", Group::item}, {"eccn", Group::item},
    {"contains", Group::item}, {"tpp", Group::item}, {"performance_density", Group::item},
    {"die_area_mm2", Group::item}, {"dense_tops", Group::item}, {"bit_length", Group::item},
    {"interconnect_gbps", Group::item}, {"memory_bandwidth_gbps", Group::item},
    {"memory_bandwidth_density", Group::item}, {"datacenter", Group::item},
    {"notice_authority", Group::notice}, {"notice_filed_on", Group::notice}, {"notice_reference", Group::notice},
    {"authorization_authority", Group::authorization}, {"authorization_kind", Group::authorization},
    {"authorization_number", Group::authorization}, {"authorization_valid_from", Group::authorization},
    {"authorization_valid_to", Group::authorization}, {"authorization_destinations", Group::authorization},
    {"authorization_models", Group::authorization},
};

// Other names a spreadsheet may use for a column (after folding, see fold()).
constexpr std::pair<std::string_view, CsvColumn> kAliases[] = {
    {"shipmentid", CsvColumn::id},
    {"shipdate", CsvColumn::ship_date},
    {"exportername", CsvColumn::exporter},
    {"exporterheadquarters", CsvColumn::exporter_hq},
    {"enduser", CsvColumn::end_user},
    {"endusername", CsvColumn::end_user},
    {"enduserheadquarters", CsvColumn::end_user_hq},
    {"qty", CsvColumn::quantity},
    {"noticedate", CsvColumn::notice_filed_on},
};

// "End-user HQ" -> "enduserhq": case, spaces, '-' and '_' do not matter.
std::string fold(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

void append_json_string(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 15];
          out += kHex[c & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s) {
  size_t i = 0, n = s.size();
  auto digits = [&] {
    size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < n && s[i] == '-') ++i;
  if (i < n && s[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < n && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Numbers go in as numbers; anything else as a string, so that the contract parser reports
// "expected a number" exactly as it would for JSON input.
void append_number_cell(std::string_view cell, std::string& out) {
  if (is_json_number(cell)) out += cell;
  else append_json_string(cell, out);
}

void append_boolean_cell(std::string_view cell, std::string& out) {
  for (std::string_view yes : {"true", "yes", "y", "1"})
    if (iequals(cell, yes)) {
      out += "true";
      return;
    }
  for (std::string_view no : {"false", "no", "n", "0"})
    if (iequals(cell, no)) {
      out += "false";
      return;
    }
  append_json_string(cell, out);
}

// Calls on_part for each ';'-separated part, trimmed, skipping empty ones.
template <typename OnPart>
void for_each_part(std::string_view list, char separator, OnPart&& on_part) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(separator, start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view part = list.substr(start, end - start);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\t')) part.remove_suffix(1);
    if (!part.empty()) on_part(part);
    start = end + 1;
  }
}

void append_string_list(std::string_view list, std::string& out) {
  out += '[';
  bool first = true;
  for_each_part(list, ';', [&](std::string_view part) {
    if (!first) out += ',';
    first = false;
    append_json_string(part, out);
  });
  out += ']';
}

// A problem at a line of the CSV ("SOURCE:LINE"), in a column when one is named. The column is
// part of the problem: a CSV has no JSON pointer.
Error located(std::string_view source, uint64_t line, std::string_view column, std::string_view what) {
  std::string problem;
  if (!column.empty()) {
    problem += "column \"";
    problem += column;
    problem += "\": ";
  }
  problem += what;
  return make_error(ErrorCode::bad_input, std::string(source) + ":" + std::to_string(line), std::move(problem));
}

}  // namespace

std::string_view csv_column_name(CsvColumn column) { return kColumns[static_cast<size_t>(column)].name; }

Result<CsvLayout> read_csv_header(const std::vector<std::string>& fields, size_t field_count, std::string_view source,
                                  uint64_t line) {
  CsvLayout layout;
  layout.position.fill(-1);
  for (size_t i = 0; i < field_count; ++i) {
    std::string folded = fold(fields[i]);
    int found = -1;
    for (size_t c = 0; c < kCsvColumnCount && found < 0; ++c)
      if (fold(kColumns[c].name) == folded) found = static_cast<int>(c);
    for (const auto& [alias, column] : kAliases)
      if (found < 0 && alias == folded) found = static_cast<int>(column);
    if (found < 0) {
      std::string known;
      for (const ColumnInfo& info : kColumns) known += (known.empty() ? "" : ", ") + std::string(info.name);
      return located(source, line, fields[i], "unknown column (docs/batch.md; known: " + known + ")");
    }
    if (layout.position[static_cast<size_t>(found)] >= 0)
      return located(source, line, fields[i], "column given twice");
    layout.position[static_cast<size_t>(found)] = static_cast<int>(i);
    layout.columns.push_back(static_cast<CsvColumn>(found));
  }
  if (layout.position[static_cast<size_t>(CsvColumn::id)] < 0)
    return located(source, line, "", "the header has no \"id\" column (rows with one id form one shipment)");
  layout.id_position = static_cast<size_t>(layout.position[static_cast<size_t>(CsvColumn::id)]);
  return layout;
}

Status CsvShipmentBuilder::build(std::string_view text, uint64_t first_line, std::string_view source,
                                 std::string& json) {
  first_line_ = first_line;
  for (std::string& value : shipment_values_) value.clear();
  shipment_lines_.fill(0);
  item_lines_.clear();
  notice_lines_.clear();
  authorization_lines_.clear();
  items_.clear();
  notices_.clear();
  authorizations_.clear();
  json.clear();

  auto cell = [&](CsvColumn column) -> std::string_view {
    int position = layout_.position[static_cast<size_t>(column)];
    return position < 0 ? std::string_view() : std::string_view(fields_[static_cast<size_t>(position)]);
  };
  // Appends "key":value for a non-empty cell, with a comma when needed.
  auto member = [&](std::string& out, bool& first, std::string_view key, std::string_view value, auto&& write_value) {
    if (value.empty()) return;
    if (!first) out += ',';
    first = false;
    append_json_string(key, out);
    out += ':';
    write_value(value, out);
  };
  auto as_string = [](std::string_view value, std::string& out) { append_json_string(value, out); };

  size_t pos = 0;
  uint64_t line = first_line;
  while (pos < text.size()) {
    size_t count = 0;
    uint32_t lines = 0;
    CsvScan scan = scan_csv_record(text, pos, true, fields_, count, lines);
    if (scan != CsvScan::record)
      return located(source, line, "", "a quoted field is not closed, or text follows its closing quote");
    uint64_t row_line = line;
    line += lines;
    if (csv_record_blank(fields_, count)) continue;
    if (count != layout_.columns.size())
      return located(source, row_line, "",
                     "the row has " + std::to_string(count) + " fields, the header " +
                         std::to_string(layout_.columns.size()));
    bool has_item = false, has_notice = false, has_authorization = false;
    for (size_t i = 0; i < count; ++i) {
      if (fields_[i].empty()) continue;
      CsvColumn column = layout_.columns[i];
      const ColumnInfo& info = kColumns[static_cast<size_t>(column)];
      switch (info.group) {
        case Group::shipment: {
          std::string& value = shipment_values_[static_cast<size_t>(column)];
          if (value.empty()) {
            value = fields_[i];
            shipment_lines_[static_cast<size_t>(column)] = row_line;
          } else if (value != fields_[i]) {
            return located(source, row_line, info.name,
                           "\"" + fields_[i] + "\" differs from \"" + value + "\" on line " +
                               std::to_string(shipment_lines_[static_cast<size_t>(column)]) +
                               " of the same shipment");
          }
          break;
        }
        case Group::item: has_item = true; break;
        case Group::notice: has_notice = true; break;
        case Group::authorization: has_authorization = true; break;
      }
    }
    if (has_item) {
      if (!items_.empty()) items_ += ',';
      items_ += '{';
      bool first = true;
      member(items_, first, "model", cell(CsvColumn::model), as_string);
      member(items_, first, "description", cell(CsvColumn::description), as_string);
      member(items_, first, "quantity", cell(CsvColumn::quantity), append_number_cell);
      member(items_, first, "unit_value_usd", cell(CsvColumn::unit_value_usd), append_number_cell);
      member(items_, first, "us_origin", cell(CsvColumn::us_origin), append_boolean_cell);
      member(items_, first, "kind", cell(CsvColumn::kind), as_string);
      member(items_, first, "eccn", cell(CsvColumn::eccn), as_string);
      member(items_, first, "contains", cell(CsvColumn::contains), [](std::string_view list, std::string& out) {
        // "NVIDIA H100 SXM*8; NVIDIA H20*2": model, then an optional "*count".
        out += '[';
        bool first_part = true;
        for_each_part(list, ';', [&](std::string_view part) {
          if (!first_part) out += ',';
          first_part = false;
          size_t star = part.rfind('*');
          std::string_view model = star == std::string_view::npos ? part : part.substr(0, star);
          while (!model.empty() && model.back() == ' ') model.remove_suffix(1);
          out += "{\"model\":";
          append_json_string(model, out);
          if (star != std::string_view::npos) {
            std::string_view count = part.substr(star + 1);
            while (!count.empty() && count.front() == ' ') count.remove_prefix(1);
            out += ",\"count\":";
            append_number_cell(count, out);
          }
          out += '}';
        });
        out += ']';
      });
      scratch_.clear();
      bool first_metric = true;
      static constexpr CsvColumn kMetrics[] = {CsvColumn::tpp, CsvColumn::performance_density, CsvColumn::die_area_mm2,
                                               CsvColumn::dense_tops, CsvColumn::bit_length,
                                               CsvColumn::interconnect_gbps, CsvColumn::memory_bandwidth_gbps,
                                               CsvColumn::memory_bandwidth_density};
      for (CsvColumn metric : kMetrics)
        member(scratch_, first_metric, csv_column_name(metric), cell(metric), append_number_cell);
      member(scratch_, first_metric, "datacenter", cell(CsvColumn::datacenter), append_boolean_cell);
      if (!scratch_.empty()) {
        if (!first) items_ += ',';
        first = false;
        items_ += "\"metrics\":{";
        items_ += scratch_;
        items_ += '}';
      }
      items_ += '}';
      item_lines_.push_back(row_line);
    }
    if (has_notice) {
      scratch_.assign("{");
      bool first = true;
      member(scratch_, first, "authority", cell(CsvColumn::notice_authority), as_string);
      member(scratch_, first, "filed_on", cell(CsvColumn::notice_filed_on), as_string);
      member(scratch_, first, "reference", cell(CsvColumn::notice_reference), as_string);
      scratch_ += '}';
      // Spreadsheets repeat a shipment's notice on each of its rows: one notice, not several.
      if (notices_.find(scratch_) == std::string::npos) {
        if (!notices_.empty()) notices_ += ',';
        notices_ += scratch_;
        notice_lines_.push_back(row_line);
      }
    }
    if (has_authorization) {
      scratch_.assign("{");
      bool first = true;
      member(scratch_, first, "authority", cell(CsvColumn::authorization_authority), as_string);
      member(scratch_, first, "kind", cell(CsvColumn::authorization_kind), as_string);
      member(scratch_, first, "number", cell(CsvColumn::authorization_number), as_string);
      member(scratch_, first, "valid_from", cell(CsvColumn::authorization_valid_from), as_string);
      member(scratch_, first, "valid_to", cell(CsvColumn::authorization_valid_to), as_string);
      member(scratch_, first, "destinations", cell(CsvColumn::authorization_destinations), append_string_list);
      member(scratch_, first, "models", cell(CsvColumn::authorization_models), append_string_list);
      scratch_ += '}';
      if (authorizations_.find(scratch_) == std::string::npos) {
        if (!authorizations_.empty()) authorizations_ += ',';
        authorizations_ += scratch_;
        authorization_lines_.push_back(row_line);
      }
    }
  }

  auto value = [&](CsvColumn column) -> std::string_view { return shipment_values_[static_cast<size_t>(column)]; };
  json += '{';
  bool first = true;
  member(json, first, "id", value(CsvColumn::id), as_string);
  member(json, first, "ship_date", value(CsvColumn::ship_date), as_string);
  member(json, first, "known_on", value(CsvColumn::known_on), as_string);
  if (!value(CsvColumn::exporter).empty() || !value(CsvColumn::exporter_country).empty() ||
      !value(CsvColumn::exporter_hq).empty()) {
    if (!first) json += ',';
    first = false;
    json += "\"exporter\":{";
    bool first_field = true;
    member(json, first_field, "name", value(CsvColumn::exporter), as_string);
    member(json, first_field, "country", value(CsvColumn::exporter_country), as_string);
    member(json, first_field, "headquarters", value(CsvColumn::exporter_hq), as_string);
    json += '}';
  }
  member(json, first, "origin", value(CsvColumn::origin), as_string);
  if (!value(CsvColumn::via).empty()) {
    json += first ? "" : ",";
    first = false;
    json += "\"via\":[";
    // "MY:transshipment:2025-08-05; SG:transit": country, activity, optional date.
    bool first_stop = true;
    bool bad = false;
    for_each_part(value(CsvColumn::via), ';', [&](std::string_view stop) {
      std::string_view parts[3];
      size_t count = 0;
      size_t start = 0;
      while (start <= stop.size()) {
        size_t end = stop.find(':', start);
        if (end == std::string_view::npos) end = stop.size();
        if (count == 3) {
          bad = true;
          return;
        }
        parts[count++] = stop.substr(start, end - start);
        start = end + 1;
      }
      if (!first_stop) json += ',';
      first_stop = false;
      json += '{';
      bool first_key = true;
      member(json, first_key, "country", parts[0], as_string);
      member(json, first_key, "activity", parts[1], as_string);
      member(json, first_key, "date", parts[2], as_string);
      json += '}';
    });
    if (bad)
      return located(source, shipment_lines_[static_cast<size_t>(CsvColumn::via)], "via",
                     "a stop is COUNTRY:ACTIVITY[:DATE], stops separated by ';' (MY:transshipment;SG:transit)");
    json += ']';
  }
  member(json, first, "destination", value(CsvColumn::destination), as_string);
  if (!value(CsvColumn::end_user).empty() || !value(CsvColumn::end_user_country).empty() ||
      !value(CsvColumn::end_user_hq).empty()) {
    if (!first) json += ',';
    first = false;
    json += "\"parties\":[{\"role\":\"end_user\"";
    bool first_field = false;
    member(json, first_field, "name", value(CsvColumn::end_user), as_string);
    member(json, first_field, "country", value(CsvColumn::end_user_country), as_string);
    member(json, first_field, "headquarters", value(CsvColumn::end_user_hq), as_string);
    json += "}]";
  }
  auto array = [&](std::string_view key, const std::string& elements) {
    if (elements.empty()) return;
    if (!first) json += ',';
    first = false;
    append_json_string(key, json);
    json += ":[";
    json += elements;
    json += ']';
  };
  array("items", items_);
  array("notices", notices_);
  array("authorizations", authorizations_);
  json += '}';
  return Ok{};
}

Error CsvShipmentBuilder::locate(const Error& parse_error, std::string_view source) const {
  std::string_view pointer = parse_error.pointer;
  const std::string& what = parse_error.problem;
  // The first segments of the pointer: "/items/2/metrics/tpp" -> items, 2, metrics, tpp.
  std::string_view segments[4];
  size_t count = 0;
  for (size_t start = 1; start <= pointer.size() && count < 4;) {
    size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    segments[count++] = pointer.substr(start, end - start);
    start = end + 1;
  }
  auto index = [](std::string_view digits) {
    size_t n = 0;
    for (char c : digits) n = n * 10 + static_cast<size_t>(c - '0');
    return n;
  };
  auto line_of = [&](const std::vector<uint64_t>& lines, std::string_view digits) {
    size_t i = index(digits);
    return i < lines.size() ? lines[i] : first_line_;
  };
  auto shipment_line = [&](CsvColumn column) {
    uint64_t line = shipment_lines_[static_cast<size_t>(column)];
    return line ? line : first_line_;
  };
  std::string_view top = segments[0];
  if (top.empty()) return located(source, first_line_, "", what);
  if (top == "items" && count >= 2) {
    uint64_t line = line_of(item_lines_, segments[1]);
    std::string_view column = count >= 3 ? segments[2] : std::string_view();
    if (column == "metrics" && count >= 4) column = segments[3];
    return located(source, line, column, what);
  }
  if (top == "notices" && count >= 2) {
    uint64_t line = line_of(notice_lines_, segments[1]);
    std::string column = count >= 3 ? "notice_" + std::string(segments[2]) : std::string("notice_filed_on");
    return located(source, line, column, what);
  }
  if (top == "authorizations" && count >= 2) {
    uint64_t line = line_of(authorization_lines_, segments[1]);
    std::string column = count >= 3 ? "authorization_" + std::string(segments[2]) : std::string("authorization_number");
    return located(source, line, column, what);
  }
  if (top == "exporter") {
    CsvColumn column = count >= 2 && segments[1] == "country"        ? CsvColumn::exporter_country
                       : count >= 2 && segments[1] == "headquarters" ? CsvColumn::exporter_hq
                                                                     : CsvColumn::exporter;
    return located(source, shipment_line(column), csv_column_name(column), what);
  }
  if (top == "parties") {
    CsvColumn column = count >= 3 && segments[2] == "country"        ? CsvColumn::end_user_country
                       : count >= 3 && segments[2] == "headquarters" ? CsvColumn::end_user_hq
                                                                     : CsvColumn::end_user;
    return located(source, shipment_line(column), csv_column_name(column), what);
  }
  for (size_t c = 0; c < kCsvColumnCount; ++c)
    if (kColumns[c].group == Group::shipment && kColumns[c].name == top)
      return located(source, shipment_line(static_cast<CsvColumn>(c)), top, what);
  return located(source, first_line_, top, what);
}

}  // namespace exportctl::batch
