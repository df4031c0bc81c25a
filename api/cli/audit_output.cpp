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
  for (const RequirementSummary& requirement : difference.only_before) append_requirement('-', requirement, out);
  for (const RequirementSummary& requirement : difference.only_after) append_requirement('+', requirement, out);
}

int64_t parse_decision_id(const std::string& text) {
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0)
    throw UsageError{"\"" + text + "\" is not a decision id (a positive number)"};
  return id;
}

}  // namespace exportctl::cli
