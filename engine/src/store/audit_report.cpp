// The audit report's content (exportctl/audit_report.hpp): the verification, the decisions of the
// period and the rule versions they used; and the report as CSV. The HTML is audit_report_html.cpp.
#include <map>

#include "exportctl/audit_report.hpp"
#include "store/csv_cell.hpp"
#include "store/store_state.hpp"

namespace exportctl {

Result<AuditReport> gather_audit_report(const Store& store, const DecisionFilter& period, std::string written_at) {
  AuditReport report;
  report.file = store.file().string();
  report.period = period;
  report.written_at = std::move(written_at);
  auto verification = verify_store(store);
  if (!verification) return verification.error();
  report.verification = std::move(verification).value();
  auto decisions = store.decisions(period);
  if (!decisions) return decisions.error();
  report.decisions = std::move(decisions).value();

  std::map<RuleVersionRef, UsedRuleVersion> used;
  for (const DecisionRecord& record : report.decisions) {
    RecordedDecision& recorded = report.recorded.emplace_back(read_recorded(record));
    for (const RuleVersionRef& ref : recorded.deciding_rules) {
      UsedRuleVersion& entry = used[ref];
      entry.rule = ref.rule;
      entry.version = ref.version;
      ++entry.decisions;
    }
    for (const RecordedRequirement& requirement : recorded.requirements) {
      UsedRuleVersion& entry = used[{requirement.rule, requirement.version}];
      if (entry.citation.empty()) entry.citation = requirement.citation;
    }
  }
  // A classification rule cites nothing in an answer: its citation is in the rule history.
  try {
    sqlite::Statement citation(store.state().db,
                               "SELECT citation FROM rule_versions WHERE rule_id = ?1 AND version = ?2 ORDER BY id DESC LIMIT 1");
    for (auto& [ref, entry] : used) {
      if (!entry.citation.empty()) continue;
      citation.reset();
      citation.bind(1, ref.rule).bind(2, int64_t{ref.version});
      if (citation.step()) entry.citation = citation.text(0);
    }
  } catch (const sqlite::SqliteError& failure) {
    return store.state().io_error(failure.what());
  }
  for (auto& [ref, entry] : used) report.rule_versions.push_back(std::move(entry));
  return report;
}

void write_audit_report_csv(const AuditReport& report, std::string& out) {
  out += "decision,recorded_at,shipment_id,ship_date,known_on,exporter,origin,destination,verdict,rules_digest,"
         "jurisdiction,authority,kind,status,rule,version,leg,deadline,review_policy,exception,citation,explanation\n";
  for (size_t i = 0; i < report.decisions.size(); ++i) {
    const DecisionRecord& record = report.decisions[i];
    const RecordedDecision& recorded = report.recorded[i];
    auto decision_cells = [&] {
      for (const std::string& cell : {std::to_string(record.id), record.recorded_at, record.shipment_id, record.ship_date,
                                      record.known_on, recorded.exporter, recorded.origin, recorded.destination,
                                      record.verdict, record.rules_digest})
        append_csv_cell(cell, out);
    };
    if (recorded.requirements.empty()) {
      decision_cells();
      for (int empty = 0; empty < 12; ++empty) append_csv_cell("", out);  // the requirement's columns
      end_csv_row(out);
      continue;
    }
    for (const RecordedRequirement& requirement : recorded.requirements) {
      decision_cells();
      for (const std::string& cell :
           {requirement.jurisdiction, requirement.authority, requirement.kind, requirement.status, requirement.rule,
            std::to_string(requirement.version), requirement.leg, requirement.deadline, requirement.review_policy,
            requirement.exception, requirement.citation, requirement.explanation})
        append_csv_cell(cell, out);
      end_csv_row(out);
    }
  }
}

}  // namespace exportctl
