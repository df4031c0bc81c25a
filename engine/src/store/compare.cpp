// Comparing two determinations on what matters to a shipper: verdict and requirements.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "exportctl/store.hpp"

namespace exportctl {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

RequirementSummary summarise(const json& requirement) {
  RequirementSummary summary;
  summary.jurisdiction = string_field(requirement, "jurisdiction");
  summary.kind = string_field(requirement, "kind");
  summary.status = string_field(requirement, "status");
  summary.rule = string_field(requirement, "rule");
  summary.leg = string_field(requirement, "leg");
  auto version = requirement.find("version");
  if (version != requirement.end() && version->is_number_integer()) summary.version = version->get<int>();
  summary.json = requirement.dump();  // nlohmann objects keep keys sorted
  return summary;
}

Result<json> parse_determination(std::string_view text, const char* which) {
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("verdict") || !parsed["verdict"].is_string() ||
      !parsed.contains("requirements") || !parsed["requirements"].is_array())
    return make_error(ErrorCode::bad_input, std::string(which) + " determination", "not a determination JSON object");
  return parsed;
}

// The requirements of `from` that `other` lacks, counting duplicates.
std::vector<RequirementSummary> missing_from(const json& from, const json& other) {
  std::map<std::string, int> available;
  for (const json& requirement : other) ++available[requirement.dump()];
  std::vector<RequirementSummary> out;
  for (const json& requirement : from) {
    int& count = available[requirement.dump()];
    if (count > 0) --count;
    else out.push_back(summarise(requirement));
  }
  return out;
}

}  // namespace

Result<AnswerDifference> compare_determinations(std::string_view before_json, std::string_view after_json) {
  auto before = parse_determination(before_json, "first");
  if (!before) return before.error();
  auto after = parse_determination(after_json, "second");
  if (!after) return after.error();
  AnswerDifference difference;
  difference.verdict_before = before.value()["verdict"].get<std::string>();
  difference.verdict_after = after.value()["verdict"].get<std::string>();
  difference.only_before = missing_from(before.value()["requirements"], after.value()["requirements"]);
  difference.only_after = missing_from(after.value()["requirements"], before.value()["requirements"]);
  std::set<RuleVersionRef> responsible;
  for (const auto* list : {&difference.only_before, &difference.only_after})
    for (const RequirementSummary& requirement : *list) responsible.insert({requirement.rule, requirement.version});
  difference.responsible.assign(responsible.begin(), responsible.end());
  difference.differs = difference.verdict_before != difference.verdict_after || !difference.only_before.empty() ||
                       !difference.only_after.empty();
  return difference;
}

}  // namespace exportctl
