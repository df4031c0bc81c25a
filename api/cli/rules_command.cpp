// exportctl rules list|show|validate: inspect and check the rule data.
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_line.hpp"
#include "commands.hpp"
#include "exportctl/rule_listing.hpp"

namespace exportctl::cli {
namespace {

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
    std::string out;
    write_rules_in_force_json(engine, date, known_on, line.flag("--include-proposed"), out, 2);
    std::cout << out << "\n";
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
  std::string text;
  if (Status shown = write_rule_json(engine, line.positional[1], text, 2); !shown) throw RuntimeError{shown.error().message};
  if (output_format(line) == "json") {
    std::cout << text << "\n";
    return 0;
  }
  for (const auto& entry : nlohmann::json::parse(text)) {
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
