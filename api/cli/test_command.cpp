// exportctl test: runs scenario files, the executable specification of the rules. A scenario is
// a shipment, the options to screen it with, and the determination fields expected:
//
//   {"story": "...", "source": "...", "shipment": {...}, "options": {"known_on": "..."},
//    "expect": {"verdict": "cleared", "items": [{"index": 0, "eccn": null}], "requirements": [...]}}
//
// `expect` is matched against the determination JSON: objects by the keys given (others are
// ignored), arrays exactly (same length, each expected element matching a distinct actual one,
// in any order), values by equality. Prints "N passed, M failed" and exits 1 on any failure.
//
// A scenario may also declare a register (docs/register.md) in a temporary SQLite store of its
// own: "register": {"entries": [ENTRY...], "recorded": [SHIPMENT...], "voided": [DECISION...]}:
// the entries are added, then each recorded shipment is screened and recorded as `check
// --record` does (drawing on the entries and joining its consignee's annual count), then the
// usage of the voided decisions (1: the first recorded) is voided, then the scenario's shipment
// is screened against what the register holds and the count.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>

#include "commands.hpp"
#include "exportctl/register.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

using nlohmann::json;

bool matches(const json& expected, const json& actual);

bool matches_array(const json& expected, const json& actual) {
  if (!actual.is_array() || actual.size() != expected.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const json& want : expected) {
    bool found = false;
    for (size_t i = 0; i < actual.size() && !found; ++i)
      if (!used[i] && matches(want, actual[i])) used[i] = found = true;
    if (!found) return false;
  }
  return true;
}

bool matches(const json& expected, const json& actual) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        if (!value.is_null()) return false;  // an absent key matches an expected null
        continue;
      }
      if (!matches(value, actual[key])) return false;
    }
    return true;
  }
  if (expected.is_array()) return matches_array(expected, actual);
  if (expected.is_number() && actual.is_number()) return expected.get<double>() == actual.get<double>();
  return expected == actual;
}

// Rule versions a determination rests on: classification, requirements, exceptions, warnings.
void collect_deciding(const json& determination, std::set<std::string>& out) {
  for (const json& item : determination["items"]) {
    const json& us = item["classification"]["US"];
    if (!us["rule"].is_null()) out.insert(us["rule"].get<std::string>() + " v" + std::to_string(us["version"].get<int>()));
  }
  for (const json& requirement : determination["requirements"])
    out.insert(requirement["rule"].get<std::string>() + " v" + std::to_string(requirement["version"].get<int>()));
  // Exceptions and review policies decide for an item; a rule's shipment-level "when" holding
  // alone decides nothing, so item-less trace entries do not count.
  for (const json& entry : determination["trace"])
    if (entry["outcome"] == "applies" && entry.contains("item"))
      out.insert(entry["rule"].get<std::string>() + " v" + std::to_string(entry["version"].get<int>()));
}

std::vector<std::filesystem::path> scenario_files(const std::vector<std::string>& roots) {
  std::vector<std::filesystem::path> files;
  for (const std::string& root : roots) {
    std::error_code error;
    if (std::filesystem::is_regular_file(root, error)) {
      files.emplace_back(root);
      continue;
    }
    if (!std::filesystem::is_directory(root, error)) throw RuntimeError{root + ": no such scenario file or directory"};
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
      if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A store file of its own for one scenario's register, removed with its WAL files.
struct ScenarioStore {
  std::filesystem::path path;
  ScenarioStore() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("exportctl-scenario-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
    remove();
  }
  ~ScenarioStore() { remove(); }
  void remove() const {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ignored);
  }
};

// Builds the scenario's register (entries, then earlier recorded shipments) and screens the
// shipment against it; returns "" or what went wrong.
std::string screen_with_scenario_register(const Engine& engine, const std::filesystem::path& file, const json& declared,
                                          const ScreenOptions& options, Shipment& shipment, Determination& answer) {
  for (const auto& [key, value] : declared.items())
    if (key != "entries" && key != "recorded" && key != "voided") return "register: unknown key \"" + key + "\"";
  ScenarioStore temporary;
  auto opened = Store::open(temporary.path, Store::Mode::create);
  if (!opened) return opened.error().message();
  Store store = std::move(opened).value();
  std::unique_ptr<Register> register_ = open_register(store);
  const json none = json::array();
  const json& entries = declared.contains("entries") ? declared["entries"] : none;
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string source = file.string() + " register/entries/" + std::to_string(i);
    RegisterEntry entry;
    if (Status read = parse_register_entry(engine, entries[i].dump(), source, entry); !read) return read.error().message();
    if (auto added = register_->add(entry); !added) return source + ": " + added.error().message();
  }
  const json& recorded = declared.contains("recorded") ? declared["recorded"] : none;
  for (size_t i = 0; i < recorded.size(); ++i) {
    std::string source = file.string() + " register/recorded/" + std::to_string(i);
    std::string text = recorded[i].dump();
    Shipment earlier;
    if (Status read = engine.parse_shipment(text, source, earlier); !read) return read.error().message();
    Determination earlier_answer;
    std::string earlier_json;
    ScreenOptions earlier_options = options;
    earlier_options.trace = false;
    auto id = screen_and_record(engine, *register_, earlier, earlier_options, text, earlier.ship_date, earlier_answer,
                                earlier_json);
    if (!id) return source + ": " + id.error().message();
  }
  // Recorded shipments that will not leave (register void-usage), by decision id: 1 is the first
  // recorded.
  const json& voided = declared.contains("voided") ? declared["voided"] : none;
  for (const json& decision : voided)
    if (Status done = register_->void_usage(decision.get<int64_t>(), "scenario", "will not leave"); !done)
      return file.string() + " register/voided: " + done.error().message();
  if (Status screened = screen_with_register(engine, *register_, shipment, options, answer); !screened)
    return screened.error().message();
  return "";
}

// Runs one scenario; returns "" when it passes, else what went wrong.
std::string run_scenario(const Engine& engine, const std::filesystem::path& file, std::set<std::string>& deciding) {
  json scenario;
  try {
    scenario = json::parse(read_input(file.string()));
  } catch (const json::parse_error& error) {
    return std::string("not valid JSON: ") + error.what();
  }
  for (const auto& [key, value] : scenario.items())
    if (key != "story" && key != "source" && key != "shipment" && key != "options" && key != "expect" &&
        key != "register")
      return "unknown key \"" + key + "\"";
  for (const char* key : {"story", "source", "shipment", "expect"})
    if (!scenario.contains(key)) return std::string("missing key \"") + key + "\"";
  ScreenOptions options;
  options.trace = true;  // the trace shows which rules applied, for the coverage check
  if (scenario.contains("options")) {
    for (const auto& [key, value] : scenario["options"].items()) {
      if (key == "include_proposed") options.include_proposed = value.get<bool>();
      else if (key == "known_on") options.known_on = parse_date(value.get<std::string>());
      else return "unknown option \"" + key + "\"";
    }
  }
  const json& expect = scenario["expect"];
  Shipment shipment;
  Status parsed = engine.parse_shipment(scenario["shipment"].dump(), file.string() + " shipment", shipment);
  if (expect.contains("error")) {
    if (parsed) return "expected the error \"" + expect["error"].get<std::string>() + "\", but the shipment parsed";
    if (parsed.error().message().find(expect["error"].get<std::string>()) == std::string::npos)
      return "error \"" + parsed.error().message() + "\" does not contain \"" + expect["error"].get<std::string>() +
             "\"";
    return "";
  }
  if (!parsed) return parsed.error().message();
  Determination answer;
  if (scenario.contains("register")) {
    if (std::string failure = screen_with_scenario_register(engine, file, scenario["register"], options, shipment, answer);
        !failure.empty())
      return failure;
  } else {
    engine.screen(shipment, options, answer);
  }
  std::string rendered;
  engine.write_json(shipment, answer, {true}, rendered);
  json actual = json::parse(rendered);
  collect_deciding(actual, deciding);
  std::string failures;
  for (const auto& [key, value] : expect.items()) {
    if (!actual.contains(key)) {
      failures += "\n    no field \"" + key + "\" in the determination";
      continue;
    }
    if (!matches(value, actual[key]))
      failures += "\n    " + key + ": expected " + value.dump() + "\n      actual " + actual[key].dump();
  }
  return failures;
}

struct TestArgs : RuleSourceArgs {
  std::vector<std::string> roots;  // scenario files and directories; none: tests/scenarios
  bool coverage = false;
  bool verbose = false;
};

int run_test(const TestArgs& args) {
  std::vector<std::string> roots = args.roots;
  if (roots.empty()) roots.push_back("tests/scenarios");
  Engine engine = load_engine(args);
  std::set<std::string> deciding;
  int passed = 0, failed = 0;
  for (const auto& file : scenario_files(roots)) {
    std::string failure;
    try {
      failure = run_scenario(engine, file, deciding);
    } catch (const std::exception& error) {
      failure = error.what();
    } catch (const RuntimeError& error) {
      failure = error.message;
    }
    if (failure.empty()) {
      ++passed;
      if (args.verbose) std::cout << "ok   " << file.string() << "\n";
    } else {
      ++failed;
      std::cout << "FAIL " << file.string() << ": " << failure << "\n";
    }
  }
  if (args.coverage) {
    int uncovered = 0;
    for (const RuleVersion* version : engine.rule_versions()) {
      std::string key = version->rule->id + " v" + std::to_string(version->number);
      if (version->status == RuleStatus::proposed) continue;  // shown only as warnings
      // A filing fact decides no screening: tests/todo checks the worklist that reads them.
      if (version->rule->kind == RuleKind::filing) continue;
      if (!deciding.count(key)) {
        std::cout << "UNCOVERED " << key << ": no scenario is decided by it (" << version->rule->file << ")\n";
        ++uncovered;
      }
    }
    if (uncovered) {
      ++failed;
      std::cout << uncovered << " rule versions decide no scenario\n";
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? kExitError : 0;
}

}  // namespace

Command test_command() {
  return make_command(CommandSpec<TestArgs>{
      "test",
      "test [DIR...] [--coverage]   run scenario files (default: tests/scenarios)",
      any_number(&TestArgs::roots),
      {rules_option<TestArgs>(), db_option<TestArgs>(),
       flag<TestArgs>("--coverage", &TestArgs::coverage, "fail if a rule version decides no scenario"),
       flag<TestArgs>("--verbose", &TestArgs::verbose, "print every scenario, not only failures")},
      run_test});
}

}  // namespace exportctl::cli
