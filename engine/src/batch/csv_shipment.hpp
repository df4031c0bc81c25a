// CSV rows -> one shipment of contract.md as JSON text, which then goes through the very parser
// `check` uses: the CSV reader adds no validation of its own beyond the CSV shape, so a value
// the contract rejects is rejected with the same words, and the error is then pointed back at
// the CSV line and column (docs/batch.md lists the columns).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/result.hpp"

namespace exportctl::batch {

enum class CsvColumn : uint8_t {
  // shipment columns: given on any row of the shipment (repeating the same value is fine)
  id, ship_date, known_on, origin, destination, via, exporter, exporter_country, exporter_hq,
  end_user, end_user_country, end_user_hq,
  // item columns: a row with any of them is one item
  model, description, quantity, unit_value_usd, us_origin, kind, eccn, contains, tpp,
  performance_density, die_area_mm2, dense_tops, bit_length, interconnect_gbps,
  memory_bandwidth_gbps, memory_bandwidth_density, datacenter,
  // notice columns: a row with any of them is one notice (identical ones are merged)
  notice_authority, notice_filed_on, notice_reference,
  // authorization columns: a row with any of them is one authorization (identical ones merged)
  authorization_authority, authorization_kind, authorization_number, authorization_valid_from,
  authorization_valid_to, authorization_destinations, authorization_models,
  count_
};
inline constexpr size_t kCsvColumnCount = static_cast<size_t>(CsvColumn::count_);

std::string_view csv_column_name(CsvColumn column);

// Which column each position of the header names.
struct CsvLayout {
  std::vector<CsvColumn> columns;                 // by position in the row
  std::array<int, kCsvColumnCount> position{};    // by column; -1 when the header lacks it
  size_t id_position = 0;
};

// Reads the header row. Names are matched ignoring case, spaces, '-' and '_' ("End-user HQ"
// is end_user_hq), with a few aliases (shipment_id, exporter_headquarters...). Unknown,
// repeated or missing id columns are bad_input errors "SOURCE:LINE: ...".
Result<CsvLayout> read_csv_header(const std::vector<std::string>& fields, size_t field_count, std::string_view source,
                                  uint64_t line);

// Builds shipments from their rows; one per thread, its buffers are reused.
class CsvShipmentBuilder {
 public:
  explicit CsvShipmentBuilder(const CsvLayout& layout) : layout_(layout) {}

  // Converts the rows in `text` (one shipment's records, the first on line `first_line`) into
  // JSON appended to `json` (cleared first). Fails on a problem the CSV alone shows (a bad quote,
  // a row of the wrong width, two values for one shipment column) with bad_input whose source
  // is "SOURCE:LINE" and whose problem names the column: "column \"NAME\": what is wrong".
  Status build(std::string_view text, uint64_t first_line, std::string_view source, std::string& json);

  // Points an error of Engine::parse_shipment on the JSON of the last build (its JSON pointer)
  // back at the CSV: the same problem, at "SOURCE:LINE" and in the column the pointer leads to.
  Error locate(const Error& parse_error, std::string_view source) const;

 private:
  const CsvLayout& layout_;
  std::vector<std::string> fields_;
  std::array<std::string, kCsvColumnCount> shipment_values_;
  std::array<uint64_t, kCsvColumnCount> shipment_lines_{};
  std::vector<uint64_t> item_lines_, notice_lines_, authorization_lines_;
  std::string items_, notices_, authorizations_, scratch_;
  uint64_t first_line_ = 0;
};

}  // namespace exportctl::batch
