// Comparing two determinations on what matters to a shipper: verdict and requirements, and
// for a requirement present on both sides with other content, field by field.
#include <algorithm>
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

// The fields a reader looks at first, in this order; any other field follows in key order.
constexpr std::string_view kFieldOrder[] = {"status",  "review_policy", "deadline", "ready_on",  "notice_days",
                                            "version", "citation",      "exception", "authorization", "items"};

std::vector<FieldChange> field_changes(const json& before, const json& after) {
  std::vector<std::string> fields;
  for (std::string_view field : kFieldOrder) fields.emplace_back(field);
  for (const json* side : {&before, &after})
    for (const auto& [key, value] : side->items())
      if (std::find(fields.begin(), fields.end(), key) == fields.end()) fields.push_back(key);
  std::sort(fields.begin() + std::size(kFieldOrder), fields.end());
  fields.erase(std::unique(fields.begin() + std::size(kFieldOrder), fields.end()), fields.end());
  std::vector<FieldChange> out;
  for (const std::string& field : fields) {
    auto in_before = before.find(field);
    auto in_after = after.find(field);
    std::string was = in_before == before.end() ? "" : in_before->dump();
    std::string is = in_after == after.end() ? "" : in_after->dump();
    if (was != is) out.push_back({field, std::move(was), std::move(is)});
  }
  return out;
}

// Pairs what was removed with what was added when both are the same requirement: same
// jurisdiction, kind, rule and leg (in order, for a requirement that occurs more than once).
std::vector<RequirementChange> pair_changes(const std::vector<RequirementSummary>& before,
                                            const std::vector<RequirementSummary>& after) {
  std::vector<RequirementChange> out;
  std::vector<bool> taken(after.size(), false);
  for (size_t b = 0; b < before.size(); ++b)
    for (size_t a = 0; a < after.size(); ++a) {
      const RequirementSummary &was = before[b], &is = after[a];
      if (taken[a] || was.jurisdiction != is.jurisdiction || was.kind != is.kind || was.rule != is.rule ||
          was.leg != is.leg)
        continue;
      taken[a] = true;
      out.push_back({b, a, field_changes(json::parse(was.json), json::parse(is.json))});
      break;
    }
  return out;
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
  difference.changed = pair_changes(difference.only_before, difference.only_after);
  difference.earliest_ship_date_before = string_field(before.value(), "earliest_ship_date");
  difference.earliest_ship_date_after = string_field(after.value(), "earliest_ship_date");
  std::set<RuleVersionRef> responsible;
  for (const auto* list : {&difference.only_before, &difference.only_after})
    for (const RequirementSummary& requirement : *list) responsible.insert({requirement.rule, requirement.version});
  difference.responsible.assign(responsible.begin(), responsible.end());
  difference.differs = difference.verdict_before != difference.verdict_after || !difference.only_before.empty() ||
                       !difference.only_after.empty();
  return difference;
}

}  // namespace exportctl
