// exportctl diff SHIPMENTS.jsonl: screens every shipment (JSON Lines, or objects one after another,
// pretty-printed or not; split_shipments) twice, under
// side A and side B, and lists each shipment whose verdict or requirements differ, with the rule
// versions responsible (those of the requirements present in one answer and not the other).
//
// The sides differ in knowledge date, rule data, or both:
//   --known-on K1 --known-on K2      the same rules as known on two dates
//   --rules DIR1 --rules DIR2        two rule directories
//   --db A --db B                    the latest imports of two stores
// An option given once applies to both sides; with one --rules and one --db, A is the directory
// and B the store. Without --known-on each shipment's own known_on (else everything) is used.
// JSON output: one object per differing shipment, then {"summary": ...}; "before" is side A.
// Exit 0 when no shipment differs, 6 when one does.
#include <iostream>
#include <map>

#include "audit_output.hpp"
#include "exportctl/batch.hpp"
#include "commands.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct Side {
  size_t engine = 0;  // index into the loaded engines
  std::optional<Date> known_on;
  std::string label;
};

struct DiffArgs {
  std::string file;  // "-": standard input
  std::vector<std::string> rules_dirs, dbs;  // the rule sources, A first
  std::vector<Date> known_ons;               // A, then B
  bool include_proposed = false;
  std::optional<Format> format;
};

int run_diff(const DiffArgs& args) {
  const std::string& path = args.file;
  bool json_output = output_format(args.format) == Format::json;

  // The rule sources, A first.
  struct Source {
    std::string label;
    bool store;
  };
  std::vector<Source> sources;
  for (const std::string& dir : args.rules_dirs) sources.push_back({dir, false});
  for (const std::string& db : args.dbs) sources.push_back({db, true});
  if (sources.size() > 2) throw UsageError{"diff compares two sides: give --rules/--db at most twice in all"};
  std::vector<std::optional<Date>> known_ons(args.known_ons.begin(), args.known_ons.end());
  if (known_ons.size() > 2) throw UsageError{"--known-on is given at most twice (side A, side B)"};
  if (sources.size() < 2 && known_ons.size() < 2)
    throw UsageError{"diff needs two sides: --known-on K1 --known-on K2, --rules DIR1 --rules DIR2 or --db A --db B"};

  std::vector<Engine> engines;
  std::vector<std::string> source_labels;
  if (sources.empty()) {
    engines.push_back(load_engine(RuleSourceArgs{}));  // the default rules
    source_labels.push_back("default rules");
  }
  for (const Source& source : sources) {
    engines.push_back(source.store ? load_engine_from_store(open_store(source.label, Store::Mode::read_only))
                                   : load_engine_from_directory(source.label));
    source_labels.push_back(source.label);
  }
  Side sides[2];
  for (size_t s = 0; s < 2; ++s) {
    sides[s].engine = std::min(s, engines.size() - 1);
    if (!known_ons.empty()) sides[s].known_on = known_ons[std::min(s, known_ons.size() - 1)];
    sides[s].label = source_labels[sides[s].engine] + " (" + engines[sides[s].engine].rules_digest() + ")" +
                     (sides[s].known_on ? " as known on " + to_string(*sides[s].known_on)
                                        : std::string(" as known on each shipment's known_on"));
  }

  std::string source = path == "-" ? "<stdin>" : path;
  std::string text = read_input(path);
  size_t shipments = 0, differing = 0, verdicts_changed = 0;
  std::map<RuleVersionRef, size_t> responsible;
  std::string out, answers[2];
  Shipment shipment;
  Determination answer;
  for (const ShipmentText& found : split_shipments(text)) {
    std::string_view entry = found.text;
    uint64_t number = found.line;
    ++shipments;
    for (size_t s = 0; s < 2; ++s) {
      // Parsed per side: country and model ids belong to the rule set that resolved them.
      const Engine& engine = engines[sides[s].engine];
      shipment.clear();
      if (Status parsed = engine.parse_shipment(entry, source + ":" + std::to_string(number), shipment); !parsed)
        throw RuntimeError{parsed.error().message()};
      ScreenOptions options;
      options.known_on = sides[s].known_on;
      options.include_proposed = args.include_proposed;
      engine.screen(shipment, options, answer);
      answers[s].clear();
      engine.write_json(shipment, answer, {}, answers[s]);
    }
    auto difference = compare_determinations(answers[0], answers[1]);
    if (!difference) throw RuntimeError{source + ":" + std::to_string(number) + ": " + difference.error().message()};
    const AnswerDifference& changes = difference.value();
    if (!changes.differs) continue;
    ++differing;
    if (changes.verdict_before != changes.verdict_after) ++verdicts_changed;
    for (const RuleVersionRef& ref : changes.responsible) ++responsible[ref];
    if (json_output) {
      nlohmann::json entry_json = difference_json(changes);
      entry_json["line"] = number;
      entry_json["shipment_id"] = shipment.id;
      out += entry_json.dump() + "\n";
    } else {
      out += "line " + std::to_string(number) + " " + (shipment.id.empty() ? "(no id)" : shipment.id) + "\n";
      append_difference_text(changes, out);
    }
  }

  if (json_output) {
    nlohmann::json summary = {{"a", sides[0].label},          {"b", sides[1].label},
                              {"shipments", shipments},       {"differing", differing},
                              {"verdicts_changed", verdicts_changed}};
    summary["rule_versions"] = nlohmann::json::array();
    for (const auto& [ref, count] : responsible)
      summary["rule_versions"].push_back({{"rule", ref.rule}, {"version", ref.version}, {"shipments", count}});
    out += nlohmann::json{{"summary", summary}}.dump() + "\n";
  } else {
    out = "A: " + sides[0].label + "\nB: " + sides[1].label + "\n" + out;
    out += std::to_string(differing) + " of " + std::to_string(shipments) + " shipments differ (" +
           std::to_string(verdicts_changed) + " verdicts changed)\n";
    for (const auto& [ref, count] : responsible)
      out += "  " + rule_version_text(ref) + ": " + std::to_string(count) + " shipment" + (count == 1 ? "" : "s") + "\n";
  }
  std::cout << out;
  return differing > 0 ? kExitChanged : 0;
}

}  // namespace

Command diff_command() {
  CommandSpec<DiffArgs> spec{
      "diff",
      "diff SHIPMENTS.jsonl --known-on K1 --known-on K2 | --rules D1 --rules D2 | --db A --db B   what changed",
      one(&DiffArgs::file, "diff takes one SHIPMENTS.jsonl (or -)"),
      {texts<DiffArgs>("--rules", &DiffArgs::rules_dirs, "rule data directory; twice: side A, side B"),
       texts<DiffArgs>("--db", &DiffArgs::dbs, "SQLite store whose latest rules to use; twice: side A, side B"),
       {"--known-on", "", true, true, "knowledge date; twice: side A, side B",
        [](DiffArgs& args, const std::string& value) { args.known_ons.push_back(date_value("--known-on", value)); }},
       flag<DiffArgs>("--include-proposed", &DiffArgs::include_proposed,
                      "evaluate proposed rules too (reported as warnings)"),
       format_option<DiffArgs>()},
      run_diff,
      "SHIPMENTS is JSON Lines, or JSON objects one after another (pretty-printed or not).\n"
      "Exit codes: 0 no shipment differs; 6 some shipment differs; 1 error; 2 usage."};
  return make_command(std::move(spec));
}

}  // namespace exportctl::cli
