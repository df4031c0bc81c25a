#include "audit_output.hpp"

#include <charconv>

#include "command.hpp"
#include "exportctl/audit.hpp"

namespace exportctl::cli {
namespace {

void append_requirement(char sign, const RequirementSummary& requirement, std::string& out) {
  out += "    ";
  out += sign;
  out += ' ' + requirement.jurisdiction + ' ' + requirement.kind + ' ' + requirement.status + ": " +
         rule_version_text({requirement.rule, requirement.version}) + " (" + requirement.leg + ")\n";
}

std::string or_none(const std::string& text) { return text.empty() ? "none" : text; }

// A field value as JSON text, for a person: a string without its quotes, an absent one as "none".
std::string value_text(const std::string& json_text) {
  if (json_text.empty()) return "none";
  auto value = nlohmann::json::parse(json_text, nullptr, false);
  if (value.is_string()) return value.get<std::string>();
  return json_text;
}

}  // namespace

std::string rule_version_text(const RuleVersionRef& ref) { return ref.rule + " v" + std::to_string(ref.version); }

nlohmann::json difference_json(const AnswerDifference& difference) {
  std::string text;
  write_difference_json(difference, text);
  return nlohmann::json::parse(text);
}

void append_difference_text(const AnswerDifference& difference, std::string& out) {
  if (difference.verdict_before != difference.verdict_after)
    out += "    verdict: " + difference.verdict_before + " -> " + difference.verdict_after + "\n";
  else
    out += "    verdict: " + difference.verdict_before + " (unchanged)\n";
  if (difference.earliest_ship_date_before != difference.earliest_ship_date_after)
    out += "    earliest ship date: " + or_none(difference.earliest_ship_date_before) + " -> " +
           or_none(difference.earliest_ship_date_after) + "\n";
  std::vector<bool> paired_before(difference.only_before.size()), paired_after(difference.only_after.size());
  for (const RequirementChange& change : difference.changed) {
    paired_before[change.before] = true;
    paired_after[change.after] = true;
  }
  for (size_t i = 0; i < difference.only_before.size(); ++i)
    if (!paired_before[i]) append_requirement('-', difference.only_before[i], out);
  for (size_t i = 0; i < difference.only_after.size(); ++i)
    if (!paired_after[i]) append_requirement('+', difference.only_after[i], out);
  for (const RequirementChange& change : difference.changed) {
    const RequirementSummary& before = difference.only_before[change.before];
    const RequirementSummary& after = difference.only_after[change.after];
    out += "    ~ " + before.jurisdiction + ' ' + before.kind + " (" + before.leg + "): " +
           rule_version_text({before.rule, before.version});
    if (after.version != before.version) out += " -> v" + std::to_string(after.version);
    out += "\n";
    for (const FieldChange& field : change.fields) {
      // The explanation restates the other fields in words: that it changed is enough here.
      if (field.field == "explanation") out += "        explanation: reworded\n";
      else out += "        " + field.field + ": " + value_text(field.before) + " -> " + value_text(field.after) + "\n";
    }
  }
}

void append_record_header(const DecisionRecord& record, std::string& out) {
  out += "decision " + std::to_string(record.id) + ", recorded " + record.recorded_at + "\n";
  out += "  shipment " + (record.shipment_id.empty() ? std::string("(no id)") : record.shipment_id) + ", ship date " +
         record.ship_date + ", known on " + record.known_on + (record.include_proposed ? ", with proposed rules" : "") +
         "\n";
  out += "  exportctl " + record.engine_version + ", rules " + record.rules_digest + "\n";
  out += "  previous " + record.previous_hash + "\n";
  out += "  hash     " + record.hash + "\n";
}

int64_t parse_decision_id(const std::string& text) {
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0)
    throw UsageError{"\"" + text + "\" is not a decision id (a positive number)"};
  return id;
}

}  // namespace exportctl::cli
