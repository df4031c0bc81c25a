// exportctl todo --db FILE [--today D] [--format text|json|ics] [--rules DIR]: the filing
// worklist (docs/todo.md): every open action for the recorded shipments that have not left,
// what to file, with whom, through which channel, by when, overdue ones first. The filing facts
// come from the rules (--rules, else the store's latest import). Exit 0, also with actions.
#include <iostream>

#include "commands.hpp"
#include "exportctl/todo.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

enum class TodoFormat { text, json, ics };

struct TodoArgs : RuleSourceArgs {
  std::optional<Date> today;  // nullopt: today, UTC
  std::optional<TodoFormat> format;
};

TodoFormat todo_format_value(const std::string& text) {
  if (text == "text") return TodoFormat::text;
  if (text == "json") return TodoFormat::json;
  if (text == "ics") return TodoFormat::ics;
  throw UsageError{"--format is text, json or ics, not \"" + text + "\""};
}

bool has_filing_facts(const Engine& engine) {
  for (const RuleVersion* version : engine.rule_versions())
    if (version->rule->kind == RuleKind::filing) return true;
  return false;
}

int run_todo(const TodoArgs& args) {
  Store store = open_store(args.db, Store::Mode::read_only);
  Engine engine = load_engine(args);
  // Without filing facts every action would say only "no filing fact": say why instead.
  if (!has_filing_facts(engine))
    std::cerr << "exportctl: warning: the rules have no filing facts (kind \"filing\", rules/filing/); import the "
                 "current rules into the store or pass --rules DIR\n";
  auto worklist = build_worklist(store, engine, args.today.value_or(today()));
  if (!worklist) throw RuntimeError{worklist.error().message()};
  TodoFormat format = args.format.value_or(output_format(std::nullopt) == Format::json ? TodoFormat::json : TodoFormat::text);
  std::string out;
  switch (format) {
    case TodoFormat::text: write_worklist_text(worklist.value(), out); break;
    case TodoFormat::json:
      write_worklist_json(worklist.value(), out);
      out += '\n';
      break;
    case TodoFormat::ics: write_worklist_ics(worklist.value(), out); break;
  }
  std::cout << out << std::flush;
  return 0;
}

}  // namespace

Command todo_command() {
  return make_command(CommandSpec<TodoArgs>{
      "todo",
      "todo --db FILE [--today D] [--format text|json|ics]   the filing worklist of the recorded shipments",
      none<TodoArgs>("todo takes no positional arguments"),
      {db_option<TodoArgs>("SQLite store whose decision log is read (and its latest rules, unless --rules)"),
       rules_option<TodoArgs>(),
       date<TodoArgs>("--today", &TodoArgs::today,
                      "the day the worklist is for: shipments ship on it or later, deadlines before it are overdue "
                      "(YYYY-MM-DD; default: today, UTC)"),
       {"--format", "", true, false, "text, json or ics (RFC 5545 calendar; default: text on a terminal, json otherwise)",
        [](TodoArgs& args, const std::string& value) { args.format = todo_format_value(value); }}},
      run_todo,
      "Lists every open action for the recorded shipments that have not left (the latest record of each\n"
      "shipment id, ship date on or after --today): a requirement missing or late, and the EEI filing in AES\n"
      "for an export from the US under a license. Each: what to file, with whom, channel, form, shipment,\n"
      "deadline (the answer's, else ship date minus the filing's lead time), overdue ones first.\n"
      "JSON: schema/json/todo.schema.json. Exit codes: 0 (with or without actions); 1 error; 2 usage."});
}

}  // namespace exportctl::cli
