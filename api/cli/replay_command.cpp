// exportctl replay ID --db FILE: re-evaluates a logged decision with the rules as they were
// known when it was made (its recorded known_on; --known-on K for another knowledge date) and
// reports "identical" or how the verdict and requirements changed. Rules come from --rules, else
// the store's latest import; --as-recorded uses the exact rule set the decision was made with
// (the store's import with the recorded digest), which must reproduce it.
#include <iostream>

#include "audit_output.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "exportctl/audit.hpp"

namespace exportctl::cli {

int run_replay(const CommandLine& line) {
  if (line.positional.size() != 1) throw UsageError{"replay takes one decision ID"};
  int64_t id = parse_decision_id(line.positional[0]);
  if (line.flag("--as-recorded") && line.value("--rules")) throw UsageError{"--as-recorded and --rules exclude each other"};
  bool json_output = output_format(line) == "json";
  Store store = open_store(line, Store::Mode::existing);
  auto found = store.decision(id);
  if (!found) throw RuntimeError{found.error().message};
  const DecisionRecord& record = found.value();

  // Only the rules the replay uses are loaded: --as-recorded needs none besides the store's.
  std::optional<Engine> engine;
  if (!line.flag("--as-recorded")) engine.emplace(load_engine(line));
  ReplayOptions options;
  options.known_on = date_option(line, "--known-on");
  options.include_proposed = line.flag("--include-proposed");
  options.as_recorded = line.flag("--as-recorded");
  auto replayed = replay_decision(store, record, engine ? &*engine : nullptr, options);
  if (!replayed) throw RuntimeError{replayed.error().message};
  const AnswerDifference& changes = replayed.value().difference;

  std::string known_on = to_string(replayed.value().known_on);
  if (json_output) {
    std::string out;
    write_replay_json(replayed.value(), out);
    std::cout << out << "\n";
    return 0;
  }
  std::string out = "decision " + std::to_string(id) + " (" + record.shipment_id + ", ship date " + record.ship_date +
                    ") replayed as known on " + known_on + ": " + (changes.differs ? "changed" : "identical") + "\n";
  if (changes.differs) append_difference_text(changes, out);
  if (replayed.value().rules_digest != record.rules_digest)
    out += "    rules " + replayed.value().rules_digest + " (recorded with " + record.rules_digest + ")\n";
  std::cout << out;
  return 0;
}

}  // namespace exportctl::cli
