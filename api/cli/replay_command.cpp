// exportctl replay ID --db FILE: re-evaluates a logged decision with the rules as they were
// known when it was made (its recorded known_on; --known-on K for another knowledge date) and
// reports "identical" or how the verdict and requirements changed. Rules come from --rules, else
// the store's latest import; --as-recorded uses the exact rule set the decision was made with
// (the store's import with the recorded digest), which must reproduce it.
#include <iostream>

#include "audit_output.hpp"
#include "command_line.hpp"
#include "commands.hpp"

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

  std::optional<Engine> engine;
  if (line.flag("--as-recorded")) {
    auto documents = store.documents_with_digest(record.rules_digest);
    if (!documents) throw RuntimeError{documents.error().message};
    if (documents.value().empty())
      throw RuntimeError{store.file().string() + ": decision " + std::to_string(id) + " was made with rules " +
                         record.rules_digest + ", which were never imported into this store"};
    auto loaded = Engine::load_documents(std::move(documents).value());
    if (!loaded) throw RuntimeError{store.file().string() + ": " + loaded.error().message};
    engine.emplace(std::move(loaded).value());
  } else {
    engine.emplace(load_engine(line));
  }

  ScreenOptions options;
  options.known_on = date_option(line, "--known-on");
  if (!options.known_on) options.known_on = parse_date(record.known_on);
  if (!options.known_on) throw RuntimeError{store.file().string() + ": decision " + std::to_string(id) + ": known_on \"" +
                                            record.known_on + "\" is not a date"};
  options.include_proposed = record.include_proposed || line.flag("--include-proposed");
  Shipment shipment;
  std::string source = store.file().string() + ": decision " + std::to_string(id);
  if (Status parsed = engine->parse_shipment(record.request_json, source, shipment); !parsed)
    throw RuntimeError{parsed.error().message};
  Determination answer;
  engine->screen(shipment, options, answer);
  std::string replayed;
  engine->write_json(shipment, answer, {}, replayed);
  auto difference = compare_determinations(record.determination_json, replayed);
  if (!difference) throw RuntimeError{source + ": " + difference.error().message};
  const AnswerDifference& changes = difference.value();

  std::string known_on = to_string(*options.known_on);
  if (json_output) {
    nlohmann::json out = difference_json(changes);
    out["decision"] = id;
    out["shipment_id"] = record.shipment_id;
    out["ship_date"] = record.ship_date;
    out["known_on"] = {{"recorded", record.known_on}, {"replayed", known_on}};
    out["rules_digest"] = {{"recorded", record.rules_digest}, {"replayed", engine->rules_digest()}};
    out["result"] = changes.differs ? "changed" : "identical";
    std::cout << out.dump() << "\n";
    return 0;
  }
  std::string out = "decision " + std::to_string(id) + " (" + record.shipment_id + ", ship date " + record.ship_date +
                    ") replayed as known on " + known_on + ": " + (changes.differs ? "changed" : "identical") + "\n";
  if (changes.differs) append_difference_text(changes, out);
  if (engine->rules_digest() != record.rules_digest)
    out += "    rules " + engine->rules_digest() + " (recorded with " + record.rules_digest + ")\n";
  std::cout << out;
  return 0;
}

}  // namespace exportctl::cli
