#include "exportctl/rule_listing.hpp"

#include <nlohmann/json.hpp>

namespace exportctl {
namespace {

using nlohmann::json;

json describe(const RuleVersion& version) {
  json out = {{"rule", version.rule->id},
              {"version", version.number},
              {"title", version.rule->title},
              {"kind", name(version.rule->kind)},
              {"jurisdiction", name(version.rule->jurisdiction)},
              {"authority", name(version.rule->authority)},
              {"status", name(version.status)},
              {"confidence", name(version.confidence)},
              {"valid_from", to_string(version.valid_from)},
              {"known_from", to_string(version.known_from)},
              {"citation", version.citation},
              {"source_url", version.source_url},
              {"file", version.rule->file}};
  out["valid_to"] = version.valid_to == kMaxDate ? json() : json(to_string(version.valid_to));
  out["compliance_from"] = version.compliance_from == kMinDate ? json() : json(to_string(version.compliance_from));
  if (version.supersedes) out["supersedes"] = version.supersedes;
  if (!version.notes.empty()) out["notes"] = version.notes;
  return out;
}

// Rule data passed the loader's strict UTF-8 checks; `replace` only keeps a stray byte from
// throwing through a header that promises no exceptions.
void append(const json& document, int indent, std::string& out) {
  out += document.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void write_rules_in_force_json(const Engine& engine, Date date, std::optional<Date> known_on, bool include_proposed,
                               std::string& out, int indent) {
  auto versions = engine.in_force(date, known_on, false);
  if (include_proposed) {
    auto proposed = engine.in_force(date, known_on, true);
    versions.insert(versions.end(), proposed.begin(), proposed.end());
  }
  json document = {{"date", to_string(date)}, {"known_on", known_on ? json(to_string(*known_on)) : json()},
                   {"rules", json::array()}};
  for (const RuleVersion* version : versions) document["rules"].push_back(describe(*version));
  append(document, indent, out);
}

Status write_rule_json(const Engine& engine, std::string_view rule_id, std::string& out, int indent) {
  json document = json::array();
  for (const RuleVersion* version : engine.rule_versions())
    if (version->rule->id == rule_id) {
      json entry = describe(*version);
      // The loader stored this text from a document it had parsed, so it parses.
      entry["content"] = json::parse(version->json, nullptr, false);
      document.push_back(std::move(entry));
    }
  if (document.empty())
    return make_error(ErrorCode::bad_input, "",
                      "no rule with id \"" + std::string(rule_id) + "\"; 'exportctl rules list' shows the ids");
  append(document, indent, out);
  return Ok{};
}

}  // namespace exportctl
