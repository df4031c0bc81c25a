// A logged decision as its stored texts say (exportctl/audit.hpp): the facts of the request and
// the answer that listings and reports show, read without re-evaluating anything.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "exportctl/audit.hpp"

namespace exportctl {
namespace {

using nlohmann::json;

std::string text_at(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

int number_at(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<int>() : 0;
}

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

RecordedRequirement requirement_of(const json& entry) {
  RecordedRequirement requirement;
  requirement.jurisdiction = text_at(entry, "jurisdiction");
  requirement.authority = text_at(entry, "authority");
  requirement.kind = text_at(entry, "kind");
  requirement.status = text_at(entry, "status");
  requirement.rule = text_at(entry, "rule");
  requirement.leg = text_at(entry, "leg");
  requirement.version = number_at(entry, "version");
  requirement.deadline = text_at(entry, "deadline");
  requirement.ready_on = text_at(entry, "ready_on");
  requirement.review_policy = text_at(entry, "review_policy");
  requirement.exception = text_at(entry, "exception");
  requirement.authorization = text_at(entry, "authorization");
  requirement.citation = text_at(entry, "citation");
  requirement.confidence = text_at(entry, "confidence");
  requirement.explanation = text_at(entry, "explanation");
  requirement.notes = text_at(entry, "notes");
  for (const json& item : member(entry, "items"))
    if (item.is_number_integer()) requirement.items.push_back(item.get<int>());
  return requirement;
}

RecordedItem item_of(const json& entry) {
  RecordedItem item;
  item.index = number_at(entry, "index");
  item.model = text_at(entry, "model");
  const json& us = member(member(entry, "classification"), "US");
  item.eccn = text_at(us, "eccn");
  item.indeterminate = member(us, "indeterminate") == json(true);
  item.basis = text_at(us, "basis");
  item.rule = text_at(us, "rule");
  item.version = number_at(us, "version");
  return item;
}

}  // namespace

RecordedDecision read_recorded(const DecisionRecord& record) {
  RecordedDecision recorded;
  json request = json::parse(record.request_json, nullptr, false);
  json answer = json::parse(record.determination_json, nullptr, false);
  recorded.readable = request.is_object() && answer.is_object();
  recorded.exporter = text_at(member(request, "exporter"), "name");
  recorded.origin = text_at(request, "origin");
  recorded.destination = text_at(request, "destination");
  recorded.earliest_ship_date = text_at(answer, "earliest_ship_date");
  const json& versions = member(member(answer, "rules"), "versions");
  if (versions.is_number_integer()) recorded.rules_versions = versions.dump();
  for (const json& item : member(answer, "items")) recorded.items.push_back(item_of(item));
  for (const json& requirement : member(answer, "requirements")) recorded.requirements.push_back(requirement_of(requirement));
  for (const json& warning : member(answer, "warnings")) recorded.warnings.push_back(text_at(warning, "message"));
  for (const RecordedItem& item : recorded.items)
    if (!item.rule.empty()) recorded.deciding_rules.push_back({item.rule, item.version});
  for (const RecordedRequirement& requirement : recorded.requirements)
    if (!requirement.rule.empty()) recorded.deciding_rules.push_back({requirement.rule, requirement.version});
  std::sort(recorded.deciding_rules.begin(), recorded.deciding_rules.end());
  recorded.deciding_rules.erase(std::unique(recorded.deciding_rules.begin(), recorded.deciding_rules.end()),
                                recorded.deciding_rules.end());
  return recorded;
}

}  // namespace exportctl
