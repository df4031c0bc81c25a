// The determination as CSV for a spreadsheet: one row per requirement, or one row for a
// shipment without any, so that every shipment and every error appears (docs/batch.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "exportctl/determination.hpp"
#include "rules/rule_set.hpp"

namespace exportctl::batch {

void write_csv_report_header(std::string& out);

// Appends the rows of one determination; `line` is where the shipment starts in the input.
void write_csv_report(const RuleSet& rules, const Shipment& shipment, const Determination& answer, uint64_t line,
                      std::string& scratch, std::string& out);

// Appends the row of a line that could not be screened.
void write_csv_error(uint64_t line, std::string_view message, std::string& out);

}  // namespace exportctl::batch
