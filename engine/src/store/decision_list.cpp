// One line per logged decision (exportctl/audit.hpp): `audit list` as text, JSON Lines or CSV.
#include <nlohmann/json.hpp>

#include "exportctl/audit.hpp"
#include "store/csv_cell.hpp"

namespace exportctl {
namespace {

std::string rules_text(const std::vector<RuleVersionRef>& rules) {
  std::string out;
  for (const RuleVersionRef& ref : rules) {
    if (!out.empty()) out += "; ";
    out += ref.rule + " v" + std::to_string(ref.version);
  }
  return out;
}

}  // namespace

void write_decision_list_header(ListFormat format, std::string& out) {
  if (format == ListFormat::csv)
    out += "id,recorded_at,shipment_id,ship_date,known_on,verdict,include_proposed,exporter,origin,destination,"
           "rules_digest,deciding_rules,hash\n";
}

void write_decision_list_row(const DecisionRecord& record, ListFormat format, std::string& out) {
  RecordedDecision recorded = read_recorded(record);
  switch (format) {
    case ListFormat::text:
      out += std::to_string(record.id) + "  " + record.recorded_at + "  " +
             (record.shipment_id.empty() ? std::string("(no id)") : record.shipment_id) + "  ship " + record.ship_date +
             "  known on " + record.known_on + "  " + record.verdict + "  " + recorded.origin + "->" + recorded.destination;
      if (!recorded.exporter.empty()) out += "  exporter " + recorded.exporter;
      out += '\n';
      return;
    case ListFormat::jsonl: {
      nlohmann::json rules = nlohmann::json::array();
      for (const RuleVersionRef& ref : recorded.deciding_rules) rules.push_back({{"rule", ref.rule}, {"version", ref.version}});
      nlohmann::json row = {{"id", record.id},
                            {"recorded_at", record.recorded_at},
                            {"shipment_id", record.shipment_id},
                            {"ship_date", record.ship_date},
                            {"known_on", record.known_on},
                            {"verdict", record.verdict},
                            {"include_proposed", record.include_proposed},
                            {"exporter", recorded.exporter},
                            {"origin", recorded.origin},
                            {"destination", recorded.destination},
                            {"rules_digest", record.rules_digest},
                            {"deciding_rules", std::move(rules)},
                            {"hash", record.hash}};
      out += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      out += '\n';
      return;
    }
    case ListFormat::csv:
      for (const std::string& cell :
           {std::to_string(record.id), record.recorded_at, record.shipment_id, record.ship_date, record.known_on,
            record.verdict, std::string(record.include_proposed ? "true" : "false"), recorded.exporter, recorded.origin,
            recorded.destination, record.rules_digest, rules_text(recorded.deciding_rules), record.hash})
        append_csv_cell(cell, out);
      end_csv_row(out);
      return;
  }
}

}  // namespace exportctl
