// exportctl rules list|show|validate: inspect and check the rule data.
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_line.hpp"
#include "commands.hpp"

namespace exportctl::cli {
namespace {

nlohmann::json describe(const RuleVersion& version) {
  nlohmann::json out = {{"rule", version.rule->id},
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
  out["valid_to"] = version.valid_to == kMaxDate ? nlohmann::json() : nlohmann::json(to_string(version.valid_to));
  out["compliance_from"] =
      version.compliance_from == kMinDate ? nlohmann::json() : nlohmann::json(to_string(version.compliance_from));
  if (version.supersedes) out["supersedes"] = version.supersedes;
  if (!version.notes.empty()) out["notes"] = version.notes;
  return out;
}

// "2022-10-07..2023-01-16", or "..(until superseded)" when a later version takes over.
std::string dates_text(const RuleVersion& version, const std::vector<const RuleVersion*>& all) {
  bool has_successor = false;
  for (const RuleVersion* other : all)
    has_successor |= other->rule == version.rule && other->valid_from > version.valid_from;
  std::string text = to_string(version.valid_from);
  text += "..";
  if (version.valid_to != kMaxDate) text += to_string(version.valid_to);
  else if (has_successor) text += "(until superseded)";
  if (version.compliance_from != kMinDate) text += " (compliance " + to_string(version.compliance_from) + ")";
  return text + ", known " + to_string(version.known_from);
}


int list(const CommandLine& line) {
  Date date = date_option(line, "--date").value_or(today());
  auto known_on = date_option(line, "--known-on");
  Engine engine = load_engine(line);
  auto versions = engine.in_force(date, known_on, false);
  const auto all = engine.rule_versions();
  if (line.flag("--include-proposed")) {
    auto proposed = engine.in_force(date, known_on, true);
    versions.insert(versions.end(), proposed.begin(), proposed.end());
  }
  if (output_format(line) == "json") {
    nlohmann::json out = {{"date", to_string(date)}, {"known_on", known_on ? nlohmann::json(to_string(*known_on)) : nlohmann::json()},
                          {"rules", nlohmann::json::array()}};
    for (const RuleVersion* version : versions) out["rules"].push_back(describe(*version));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "In force on " << to_string(date) << (known_on ? " as known on " + to_string(*known_on) : "") << ": "
            << versions.size() << " rule versions\n";
  for (const RuleVersion* version : versions)
    std::cout << "  " << version->rule->id << " v" << version->number << (version->status == RuleStatus::proposed ? " [proposed]" : "")
              << "  " << version->rule->title << "\n      " << dates_text(*version, all) << "; " << version->citation << " ["
              << name(version->confidence) << "]\n";
  return 0;
}

int show(const CommandLine& line) {
  if (line.positional.size() != 2) throw UsageError{"rules show takes one rule ID"};
  Engine engine = load_engine(line);
  nlohmann::json out = nlohmann::json::array();
  for (const RuleVersion* version : engine.rule_versions())
    if (version->rule->id == line.positional[1]) {
      nlohmann::json entry = describe(*version);
      entry["content"] = nlohmann::json::parse(version->json);
      out.push_back(entry);
    }
  if (out.empty()) throw RuntimeError{"no rule with id \"" + line.positional[1] + "\"; 'exportctl rules list' shows the ids"};
  if (output_format(line) == "json") {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& entry : out) {
    std::cout << entry["rule"].get<std::string>() << " v" << entry["version"] << ": " << entry["title"].get<std::string>() << "\n"
              << entry["content"].dump(2) << "\n\n";
  }
  return 0;
}

int validate(const CommandLine& line) {
  if (line.positional.size() > 2) throw UsageError{"rules validate takes at most one DIR"};
  CommandLine with_dir = line;
  if (line.positional.size() == 2) with_dir.options["--rules"] = {line.positional[1]};
  Engine engine = load_engine(with_dir);
  // Loading validates everything: compiling a timeline later cannot fail.
  auto versions = engine.rule_versions();
  std::cout << "rules valid: " << versions.size() << " versions, " << engine.rules_digest() << "\n";
  return 0;
}

}  // namespace

int run_rules(const CommandLine& line) {
  if (line.positional.empty()) throw UsageError{"rules needs a subcommand: list, show ID or validate [DIR]"};
  const std::string& sub = line.positional[0];
  if (sub == "list") {
    if (line.positional.size() != 1) throw UsageError{"rules list takes no arguments"};
    return list(line);
  }
  if (sub == "show") return show(line);
  if (sub == "validate") return validate(line);
  throw UsageError{"unknown rules subcommand \"" + sub + "\" (list, show, validate)"};
}

}  // namespace exportctl::cli
