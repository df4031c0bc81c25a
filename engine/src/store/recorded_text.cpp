// A recorded determination for a person (exportctl/audit.hpp), from the stored texts alone: the
// layout of the check command's text report, so that a logged answer reads as it did.
#include <nlohmann/json.hpp>

#include "exportctl/audit.hpp"
#include "report/vocabulary_words.hpp"

namespace exportctl {
namespace {

std::string text_or(const std::string& text, const char* fallback) { return text.empty() ? fallback : text; }

}  // namespace

void write_recorded_text(const DecisionRecord& record, std::string& out) {
  RecordedDecision recorded = read_recorded(record);
  auto answer = nlohmann::json::parse(record.determination_json, nullptr, false);
  auto member_text = [&](const char* key) {
    auto found = answer.is_object() ? answer.find(key) : answer.end();
    return answer.is_object() && found != answer.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  if (!recorded.readable) {
    out += "(the stored request or determination is not JSON: run 'exportctl audit verify')\n";
    return;
  }
  out += "VERDICT: " + upper(record.verdict);
  if (!recorded.earliest_ship_date.empty()) out += " (may ship from " + recorded.earliest_ship_date + ")";
  std::string known_on = member_text("known_on");
  out += "\nShipment " + text_or(record.shipment_id, "(no id)") + ", ship date " + record.ship_date + ", " +
         recorded.origin + " -> " + recorded.destination + ", " +
         (known_on.empty() ? std::string("rules as recorded") : "rules as known on " + known_on) + "\n";
  out += "\nItems\n";
  for (const RecordedItem& item : recorded.items) {
    out += "  [" + std::to_string(item.index) + "] " + text_or(item.model, "(no model)") + ": US " +
           (item.indeterminate ? std::string("indeterminate") : item.eccn.empty() ? std::string("not 3A090/4A090") : item.eccn) +
           " (" + item.basis;
    if (!item.rule.empty()) out += "; " + item.rule + " v" + std::to_string(item.version);
    out += ")\n";
  }
  out += "\nRequirements\n";
  if (recorded.requirements.empty()) out += "  none\n";
  for (size_t r = 0; r < recorded.requirements.size(); ++r) {
    const RecordedRequirement& requirement = recorded.requirements[r];
    out += "  " + std::to_string(r + 1) + ". " + requirement.authority + " " + requirement.kind + ": " +
           upper(requirement.status) + " [" + requirement.leg + "; items";
    for (int item : requirement.items) {
      out += ' ';  // two appends: `" " + string` trips gcc 12's false -Wrestrict (its bug 105329)
      out += std::to_string(item);
    }
    out += "]";
    if (!requirement.review_policy.empty()) out += " review: " + spaced(requirement.review_policy);
    out += "\n     " + requirement.explanation + "\n";
    out += "     Cites: " + requirement.citation + " (" + requirement.rule + " v" + std::to_string(requirement.version) +
           (requirement.confidence.empty() ? "" : ", " + requirement.confidence) + ")\n";
    if (!requirement.notes.empty()) out += "     Note: " + requirement.notes + "\n";
  }
  if (!recorded.warnings.empty()) {
    out += "\nWarnings\n";
    for (const std::string& warning : recorded.warnings) out += "  - " + warning + "\n";
  }
  std::string disclaimer = member_text("disclaimer");
  if (!disclaimer.empty()) out += "\n" + disclaimer + "\n";
  out += "Rules " + record.rules_digest;
  if (!recorded.rules_versions.empty()) out += " (" + recorded.rules_versions + " versions)";
  out += "\n";
}

}  // namespace exportctl
