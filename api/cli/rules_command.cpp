// exportctl rules list|show|validate: inspect and check the rule data.
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exportctl/rule_listing.hpp"
#include "shared_options.hpp"

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

struct ListArgs : RuleSourceArgs {
  std::optional<Date> date;  // nullopt: today
  std::optional<Date> known_on;
  bool include_proposed = false;
  std::optional<Format> format;
};

int list(const ListArgs& args) {
  Date date = args.date.value_or(today());
  const std::optional<Date>& known_on = args.known_on;
  Format format = output_format(args.format);
  Engine engine = load_engine(args);
  auto versions = engine.in_force(date, known_on, false);
  const auto all = engine.rule_versions();
  if (args.include_proposed) {
    auto proposed = engine.in_force(date, known_on, true);
    versions.insert(versions.end(), proposed.begin(), proposed.end());
  }
  if (format == Format::json) {
    std::string out;
    write_rules_in_force_json(engine, date, known_on, args.include_proposed, out, 2);
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

struct ShowArgs : RuleSourceArgs {
  std::string id;
  std::optional<Format> format;
};

int show(const ShowArgs& args) {
  Format format = output_format(args.format);
  Engine engine = load_engine(args);
  std::string text;
  if (Status shown = write_rule_json(engine, args.id, text, 2); !shown) throw RuntimeError{shown.error().message()};
  if (format == Format::json) {
    std::cout << text << "\n";
    return 0;
  }
  for (const auto& entry : nlohmann::json::parse(text)) {
    std::cout << entry["rule"].get<std::string>() << " v" << entry["version"] << ": " << entry["title"].get<std::string>() << "\n"
              << entry["content"].dump(2) << "\n\n";
  }
  return 0;
}

struct ValidateArgs : RuleSourceArgs {
  std::optional<std::string> dir;  // the positional DIR, the same as --rules DIR
};

// Lists every problem in the rule data, one per line, not only the first.
int validate(const ValidateArgs& args) {
  if (args.dir && !args.rules_dir.empty()) throw UsageError{"give the rule directory once: DIR or --rules DIR"};
  std::string dir = args.dir ? *args.dir : args.rules_dir;
  std::vector<Error> problems;
  std::string where;  // for a store's import: the store, before each problem
  std::optional<Engine> engine;
  if (dir.empty() && !args.db.empty()) {
    Store store = open_store(args.db, Store::Mode::read_only);
    auto documents = store.current_documents();
    if (!documents) throw RuntimeError{documents.error().message()};
    if (documents.value().empty()) load_engine_from_store(store);  // fails: says that nothing was imported
    where = store.file().string() + ": ";
    if (auto loaded = Engine::load_documents(std::move(documents).value(), &problems))
      engine.emplace(std::move(loaded).value());
  } else {
    if (dir.empty()) dir = default_rules_dir();
    if (auto loaded = Engine::load_directory(dir, &problems)) engine.emplace(std::move(loaded).value());
  }
  if (!engine) {
    RuntimeErrors errors;
    for (const Error& problem : problems) errors.messages.push_back(where + problem.message());
    if (problems.size() > 1) errors.messages.push_back(std::to_string(problems.size()) + " problems in the rule data");
    throw errors;
  }
  // Loading validates everything: compiling a timeline later cannot fail.
  std::cout << "rules valid: " << engine->rule_versions().size() << " versions, " << engine->rules_digest() << "\n";
  return 0;
}

}  // namespace

Command rules_command() {
  return make_group(
      "rules", "rules list [--date D] | rules show ID | rules validate [DIR]   inspect rule data",
      {make_command(CommandSpec<ListArgs>{
           "list",
           "rules list [--date D] [--known-on K] [--include-proposed]   the rule versions in force on a date",
           none<ListArgs>("rules list takes no arguments"),
           {rules_option<ListArgs>(), db_option<ListArgs>(), known_on_option<ListArgs>(),
            include_proposed_option<ListArgs>(), format_option<ListArgs>(),
            date<ListArgs>("--date", &ListArgs::date, "list what is in force on this date (default: today)")},
           list}),
       make_command(CommandSpec<ShowArgs>{"show",
                                          "rules show ID   every version of one rule, with its content",
                                          one(&ShowArgs::id, "rules show takes one rule ID"),
                                          {rules_option<ShowArgs>(), db_option<ShowArgs>(), format_option<ShowArgs>()},
                                          show}),
       make_command(CommandSpec<ValidateArgs>{"validate",
                                              "rules validate [DIR]   check rule data and list every problem in it",
                                              optional_one(&ValidateArgs::dir, "rules validate takes at most one DIR"),
                                              {rules_option<ValidateArgs>(), db_option<ValidateArgs>()},
                                              validate})});
}

}  // namespace exportctl::cli
