// The audit report of a period: every decision recorded in it with its requirements, the counts
// by verdict and by destination, the rule versions the decisions used, and the verification of
// the whole store at the time of writing. One self-contained HTML page (no script, no fetched
// resource; laid out for printing) and the same decisions as CSV, one row per requirement.
//
//   exportctl::DecisionFilter period;
//   period.recorded_from = exportctl::parse_date("2025-05-01");
//   period.recorded_to = exportctl::parse_date("2025-05-31");
//   auto report = exportctl::gather_audit_report(store, period, exportctl::utc_timestamp());
//   if (!report) ...                                      // io: the store could not be read
//   std::string html;
//   exportctl::write_audit_report_html(report.value(), html);
//
// Everything taken from the store (shipment ids, names, explanations) is escaped for HTML, and
// CSV cells a spreadsheet would evaluate as formulas are defused (see write_decision_list_row).
// Nothing here throws or writes to the store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "exportctl/audit.hpp"
#include "exportctl/result.hpp"
#include "exportctl/store.hpp"
#include "exportctl/verify.hpp"

namespace exportctl {

// A rule version that decided something in the period, with what it cites.
struct UsedRuleVersion {
  std::string rule;
  int version = 0;
  std::string citation;  // from the decisions' requirements, else the store's rule history; "" if neither has it
  int64_t decisions = 0; // in the period
};

struct AuditReport {
  std::string file;                          // the store
  DecisionFilter period;                     // the decisions reported
  std::string written_at;                    // UTC
  StoreCheck verification;                   // of the whole store, at writing
  std::vector<DecisionRecord> decisions;     // in id order
  std::vector<RecordedDecision> recorded;    // what each decision's stored texts say, in the same order
  std::vector<UsedRuleVersion> rule_versions;  // sorted by rule, then version
};

// Verifies the store and reads the decisions `period` selects. io when the store cannot be read.
Result<AuditReport> gather_audit_report(const Store& store, const DecisionFilter& period, std::string written_at);

// The report as one HTML document (UTF-8), deterministic for a given report.
void write_audit_report_html(const AuditReport& report, std::string& out);

// The decisions as CSV: a header row, then one row per requirement (a decision without any has
// one row with the requirement columns empty).
void write_audit_report_csv(const AuditReport& report, std::string& out);

}  // namespace exportctl
