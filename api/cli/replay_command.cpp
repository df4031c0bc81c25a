// exportctl replay ID --db FILE: re-evaluates a logged decision with the rules as they were
// known when it was made (its recorded known_on; --known-on K for another knowledge date) and
// prints a record of it: the decision as recorded and as re-evaluated, both in full, then what
// changed, field by field, with the rule versions that explain it. Rules come from --rules, else
// the store's latest import; --as-recorded uses the exact rule set the decision was made with
// (the store's import with the recorded digest), which must reproduce it. Exit 0 identical,
// 6 changed.
#include <iostream>

#include "audit_output.hpp"
#include "commands.hpp"
#include "exportctl/audit.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct ReplayArgs : RuleSourceArgs {
  std::string id;
  std::optional<Date> known_on;  // nullopt: the recorded known_on
  bool include_proposed = false;
  std::optional<Format> format;
  bool as_recorded = false;
};

int run_replay(const ReplayArgs& args) {
  int64_t id = parse_decision_id(args.id);
  if (args.as_recorded && !args.rules_dir.empty()) throw UsageError{"--as-recorded and --rules exclude each other"};
  bool json_output = output_format(args.format) == Format::json;
  Store store = open_store(args.db, Store::Mode::read_only);
  auto found = store.decision(id);
  if (!found) throw RuntimeError{found.error().message()};
  const DecisionRecord& record = found.value();

  // Only the rules the replay uses are loaded: --as-recorded needs none besides the store's.
  std::optional<Engine> engine;
  if (!args.as_recorded) engine.emplace(load_engine(args));
  ReplayOptions options;
  options.known_on = args.known_on;
  options.include_proposed = args.include_proposed;
  options.as_recorded = args.as_recorded;
  auto replayed = replay_decision(store, record, engine ? &*engine : nullptr, options);
  if (!replayed) throw RuntimeError{replayed.error().message()};
  const AnswerDifference& changes = replayed.value().difference;

  int code = changes.differs ? kExitChanged : 0;
  std::string known_on = to_string(replayed.value().known_on);
  std::string out;
  if (json_output) {
    write_replay_json(replayed.value(), out);
    std::cout << out << "\n";
    return code;
  }
  out = "decision " + std::to_string(id) + " (" + record.shipment_id + ", ship date " + record.ship_date +
        ") replayed as known on " + known_on + ": " + (changes.differs ? "changed" : "identical") + "\n";
  out += "\n== As recorded ==\n";
  append_record_header(record, out);
  out += '\n';
  write_recorded_text(record, out);
  out += "\n== As re-evaluated: known on " + known_on + ", rules " + replayed.value().rules_digest + " ==\n";
  DecisionRecord now = record;
  now.determination_json = replayed.value().replayed_json;
  now.verdict = changes.verdict_after;
  write_recorded_text(now, out);
  out += "\n== Differences ==\n";
  if (!changes.differs) {
    out += "    none: the same verdict and requirements\n";
  } else {
    append_difference_text(changes, out);
    out += "  explained by:";
    for (const RuleVersionRef& ref : changes.responsible) {
      out += ' ';  // two appends: `" " + string` trips gcc 12's false -Wrestrict (its bug 105329)
      out += rule_version_text(ref);
    }
    out += "\n";
  }
  if (replayed.value().rules_digest != record.rules_digest)
    out += "  rules " + replayed.value().rules_digest + " (recorded with " + record.rules_digest + ")\n";
  std::cout << out;
  return code;
}

}  // namespace

Command replay_command() {
  return make_command(
      CommandSpec<ReplayArgs>{"replay",
                              "replay ID --db FILE [--known-on K] [--as-recorded]   re-evaluate a logged decision",
                              one(&ReplayArgs::id, "replay takes one decision ID"),
                              {rules_option<ReplayArgs>(), db_option<ReplayArgs>(), known_on_option<ReplayArgs>(),
                               include_proposed_option<ReplayArgs>(), format_option<ReplayArgs>(),
                               flag<ReplayArgs>("--as-recorded", &ReplayArgs::as_recorded,
                                                "use the exact rule set the decision was made with")},
                              run_replay,
                              "Prints the decision as recorded and as re-evaluated, both in full, then the differences field\n"
                              "by field with the rule versions that explain them (JSON: \"recorded\", \"replayed\",\n"
                              "\"requirements_changed\", ...). Exit codes: 0 identical; 6 changed; 1 error; 2 usage."});
}

}  // namespace exportctl::cli
