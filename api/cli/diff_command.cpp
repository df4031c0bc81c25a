// exportctl diff SHIPMENTS.jsonl: screens every shipment (one JSON object per line) twice, under
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
#include <iostream>
#include <map>

#include "audit_output.hpp"
#include "command_line.hpp"
#include "commands.hpp"

namespace exportctl::cli {
namespace {

struct Side {
  size_t engine = 0;  // index into the loaded engines
  std::optional<Date> known_on;
  std::string label;
};

std::vector<OptionSpec> options_list() {
  return {
      {"--rules", true, true, "rule data directory; twice: side A, side B"},
      {"--db", true, true, "SQLite store whose latest rules to use; twice: side A, side B"},
      {"--known-on", true, true, "knowledge date; twice: side A, side B"},
      {"--include-proposed", false, false, "evaluate proposed rules too (reported as warnings)"},
      {"--format", true, false, "json or text (default: text on a terminal, json otherwise)"},
  };
}


}  // namespace

std::vector<OptionSpec> diff_options() { return options_list(); }

int run_diff(const CommandLine& line) {
  if (line.positional.size() != 1) throw UsageError{"diff takes one SHIPMENTS.jsonl (or -)"};
  const std::string& path = line.positional[0];
  bool json_output = output_format(line) == "json";

  // The rule sources, A first.
  struct Source {
    std::string label;
    bool store;
  };
  std::vector<Source> sources;
  for (const std::string& dir : line.values("--rules")) sources.push_back({dir, false});
  for (const std::string& db : line.values("--db")) sources.push_back({db, true});
  if (sources.size() > 2) throw UsageError{"diff compares two sides: give --rules/--db at most twice in all"};
  std::vector<std::optional<Date>> known_ons;
  for (const std::string& text : line.values("--known-on")) {
    auto date = parse_date(text);
    if (!date) throw UsageError{"--known-on: \"" + text + "\" is not a date (YYYY-MM-DD, a day that exists)"};
    known_ons.push_back(date);
  }
  if (known_ons.size() > 2) throw UsageError{"--known-on is given at most twice (side A, side B)"};
  if (sources.size() < 2 && known_ons.size() < 2)
    throw UsageError{"diff needs two sides: --known-on K1 --known-on K2, --rules DIR1 --rules DIR2 or --db A --db B"};

  std::vector<Engine> engines;
  std::vector<std::string> source_labels;
  if (sources.empty()) {
    engines.push_back(load_engine(line));  // the default rules
    source_labels.push_back("default rules");
  }
  for (const Source& source : sources) {
    engines.push_back(source.store ? load_engine_from_store(open_store(source.label, Store::Mode::existing))
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
  size_t number = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view entry = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++number;
    if (entry.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++shipments;
    for (size_t s = 0; s < 2; ++s) {
      // Parsed per side: country and model ids belong to the rule set that resolved them.
      const Engine& engine = engines[sides[s].engine];
      shipment.clear();
      if (Status parsed = engine.parse_shipment(entry, source + ":" + std::to_string(number), shipment); !parsed)
        throw RuntimeError{parsed.error().message};
      ScreenOptions options;
      options.known_on = sides[s].known_on;
      options.include_proposed = line.flag("--include-proposed");
      engine.screen(shipment, options, answer);
      answers[s].clear();
      engine.write_json(shipment, answer, {}, answers[s]);
    }
    auto difference = compare_determinations(answers[0], answers[1]);
    if (!difference) throw RuntimeError{source + ":" + std::to_string(number) + ": " + difference.error().message};
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
  return 0;
}

}  // namespace exportctl::cli
