// The structural fuzzer (issue 14): generates shipments that are valid JSON of the contract but
// extreme in shape -- lists at and just over each limit of limits.hpp, strings of 1000 and 1001
// characters (multi-byte), ship dates at the ends of the documented range, many stops, notices and
// authorizations, expired licenses listed before the valid one -- and checks on every answer:
//
//   1. a list or string over its limit is a bad_input error naming its JSON pointer and the
//      limit; anything else parses;
//   2. every index of the answer names the right entry: a movement's stop is a via stop of the
//      movement's country; a requirement's authorization is one the shipment lists, of the
//      requirement's authority and valid on the ship date, and the JSON cites its number; a
//      matched notice is of the requirement's authority; items, warnings and trace entries name
//      entries that exist (tests/fuzz/answer_invariants.hpp);
//   3. monotonicity: the same shipment padded with what cannot matter -- expired licenses and
//      licenses for another destination, transit stops put first, a longer id -- keeps every
//      requirement (jurisdiction, kind, rule) of the smaller one, and is never cleared when the
//      smaller one is not;
//   4. every --exit-every'th shipment also goes through `exportctl check`: the exit code is the
//      contract's for the verdict, and the verdict that of the library.
//
//   structural_fuzz --rules rules [--exportctl build/exportctl] [--seed N] [--cases N] [--seconds S]
//   structural_fuzz --rules rules --seed 7 --case 123 --print     # one case again, shown
//
// Case I of seed S is generated from (S, I) alone, so a failure prints the two numbers that
// reproduce it. Exits 1 on the first broken invariant.
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "answer_invariants.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/limits.hpp"
#include "exportctl/vocabulary.hpp"

namespace {

using nlohmann::json;

struct Options {
  std::string rules = "rules";
  std::string exportctl;  // empty: no runs of the binary
  uint64_t seed = 14;
  long cases = 400;
  double seconds = 60;
  long only_case = -1;
  bool print = false;
  long exit_every = 25;
};

// What the generator draws from: real country codes and catalog names, so that rules apply.
struct Vocabulary {
  std::vector<std::string> countries;
  std::vector<std::string> models;
};

Vocabulary read_vocabulary(const std::filesystem::path& rules) {
  Vocabulary vocabulary;
  json countries = json::parse(std::ifstream(rules / "groups/countries.json"));
  for (const json& country : countries["countries"]) vocabulary.countries.push_back(country["code"]);
  for (const auto& entry : std::filesystem::directory_iterator(rules / "catalog")) {
    json catalog = json::parse(std::ifstream(entry.path()));
    for (const json& model : catalog["models"])
      vocabulary.models.push_back(catalog.value("vendor", "") + " " + model["name"].get<std::string>());
  }
  std::sort(vocabulary.models.begin(), vocabulary.models.end());
  return vocabulary;
}

// Countries the rules of rules/ single out, drawn more often than the others.
const std::vector<std::string> kWatched = {"CN", "MY", "TH", "VN", "SG", "AE", "SA", "RU", "IR", "KP", "HK", "IN", "DE"};
const std::vector<std::string> kAuthorities = {"US-BIS", "MY-MITI", "TH-DFT", "US-OFAC"};

struct Generated {
  json shipment;
  std::string over_pointer;  // set when a list or string is over its limit on purpose
  size_t over_limit = 0;
};

class Generator {
 public:
  Generator(const Vocabulary& vocabulary, uint64_t seed, long index)
      : vocabulary_(vocabulary), random_(seed * 1000003ULL + static_cast<uint64_t>(index)) {}

  Generated shipment() {
    Generated out;
    json& s = out.shipment;
    ship_day_ = pick_day();
    s["id"] = "S-" + std::to_string(random_() % 100000);
    s["ship_date"] = day_text(ship_day_);
    s["origin"] = chance(0.85) ? "US" : country();
    s["destination"] = country();
    s["exporter"] = {{"name", chance(0.5) ? "NVIDIA Corporation" : "Example Trading Sdn Bhd"},
                     {"country", s["origin"]},
                     {"headquarters", chance(0.8) ? s["origin"].get<std::string>() : country()}};
    s["items"] = json::array();
    s["via"] = json::array();
    s["parties"] = json::array();
    s["notices"] = json::array();
    s["authorizations"] = json::array();
    for (int i = 0, n = 1 + static_cast<int>(random_() % 3); i < n; ++i) s["items"].push_back(item());
    for (int i = 0, n = static_cast<int>(random_() % 3); i < n; ++i) s["via"].push_back(stop());
    for (int i = 0, n = static_cast<int>(random_() % 2); i < n; ++i) s["parties"].push_back(party(s["destination"]));
    for (int i = 0, n = static_cast<int>(random_() % 2); i < n; ++i) s["notices"].push_back(notice());
    add_authorizations(s, static_cast<int>(random_() % 3));

    // One dimension pushed to its limit, or just over it.
    const bool over = chance(0.3);
    switch (random_() % 10) {
      case 0: fill(s["via"], exportctl::kMaxStops, over, [&] { return stop(); }, "/via", out); break;
      case 1: fill(s["parties"], exportctl::kMaxParties, over, [&] { return party(s["destination"]); }, "/parties", out); break;
      case 2: fill(s["items"], exportctl::kMaxItems, over, [&] { return item(); }, "/items", out); break;
      case 3: fill(s["notices"], exportctl::kMaxNotices, over, [&] { return notice(); }, "/notices", out); break;
      case 4: {
        // Expired licenses first, then (at the end) one that is valid: the wrap case.
        size_t count = exportctl::kMaxAuthorizations + (over ? 1 : 0);
        s["authorizations"] = json::array();
        add_authorizations(s, static_cast<int>(count) - 1, /*expired=*/true);
        add_authorizations(s, 1);
        if (over) out.over_pointer = "/authorizations", out.over_limit = exportctl::kMaxAuthorizations;
        break;
      }
      case 5: {
        if (s["authorizations"].empty()) add_authorizations(s, 1);
        json& destinations = s["authorizations"][0]["destinations"];
        fill(destinations, exportctl::kMaxListedCodes, over, [&] { return json(country()); },
             "/authorizations/0/destinations", out);
        break;
      }
      case 6: {
        if (s["authorizations"].empty()) add_authorizations(s, 1);
        json& models = s["authorizations"][0]["models"];
        fill(models, exportctl::kMaxListedCodes, over, [&] { return json(model()); }, "/authorizations/0/models", out);
        break;
      }
      case 7: {
        json& first = s["items"][0];
        first.erase("model");
        first["contains"] = json::array();
        fill(first["contains"], exportctl::kMaxParts, over, [&] { return json{{"model", model()}, {"count", 1}}; },
             "/items/0/contains", out);
        break;
      }
      case 8: {
        // A string of exactly the limit in characters (each two bytes of UTF-8), or one more.
        std::string text;
        for (size_t i = 0; i < exportctl::kMaxStringChars + (over ? 1 : 0); ++i) text += "\xC3\xA9";
        static const std::vector<std::string> kFields = {"/id", "/exporter/name", "/items/0/description"};
        std::string pointer = kFields[random_() % kFields.size()];
        s[json::json_pointer(pointer)] = text;
        if (over) out.over_pointer = pointer, out.over_limit = exportctl::kMaxStringChars;
        break;
      }
      default: break;  // an ordinary shipment, at an extreme date perhaps
    }
    if (s["via"].empty()) s.erase("via");
    if (s["parties"].empty()) s.erase("parties");
    if (s["notices"].empty()) s.erase("notices");
    if (s["authorizations"].empty()) s.erase("authorizations");
    return out;
  }

  // The same shipment with what cannot matter added: licenses that expired before the ship
  // date or are for a destination elsewhere, transit stops through the US first, a longer id.
  json padded(json s) {
    json& authorizations = s["authorizations"];
    if (!authorizations.is_array()) authorizations = json::array();
    // Nothing can have expired before the first day of the range.
    size_t room = ship_day_ <= first_day() ? 0 : exportctl::kMaxAuthorizations - authorizations.size();
    for (size_t i = 0, n = std::min<size_t>(room, 1 + random_() % 8); i < n; ++i) {
      json expired = authorization(/*expired=*/true);
      expired["number"] = "PAD-" + std::to_string(i);
      authorizations.insert(authorizations.begin(), expired);
    }
    if (authorizations.empty()) s.erase("authorizations");
    // Transit stops in Canada before the others: a leg more, never a requirement less.
    json& via = s["via"];
    if (!via.is_array()) via = json::array();
    for (size_t i = 0, n = std::min<size_t>(exportctl::kMaxStops - via.size(), random_() % 4); i < n; ++i)
      via.insert(via.begin(), json{{"country", "CA"}, {"activity", "transit"}});
    if (via.empty()) s.erase("via");
    std::string id = s["id"];
    if (id.size() < 800) s["id"] = id + std::string(800 - id.size(), '-');  // bytes, so under 1,000 characters
    return s;
  }

  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }

 private:
  // Days since 1970-01-01 (Howard Hinnant's days_from_civil), to move dates by days.
  static long days(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
  }
  static std::string day_text(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char text[32];  // room for any long year: the compiler cannot see that y stays four digits
    std::snprintf(text, sizeof text, "%04ld-%02u-%02u", y, m, d);
    return text;
  }
  static long first_day() { return days(1900, 1, 1); }
  static long last_day() { return days(9999, 12, 31); }
  long clamp(long day) const { return std::max(first_day(), std::min(last_day(), day)); }

  long pick_day() {
    switch (random_() % 6) {
      case 0: return first_day() + static_cast<long>(random_() % 400);
      case 1: return last_day() - static_cast<long>(random_() % 400);
      default: return days(2022, 1, 1) + static_cast<long>(random_() % (365 * 5));
    }
  }
  std::string country() {
    if (chance(0.7)) return kWatched[random_() % kWatched.size()];
    return vocabulary_.countries[random_() % vocabulary_.countries.size()];
  }
  std::string model() { return vocabulary_.models[random_() % vocabulary_.models.size()]; }
  json item() {
    json item = {{"model", model()}, {"quantity", 1 + random_() % 5000}};
    if (chance(0.2)) item["unit_value_usd"] = random_() % 100000;
    return item;
  }
  json stop() {
    json stop = {{"country", country()}, {"activity", chance(0.5) ? "transit" : "transshipment"}};
    if (chance(0.3)) stop["date"] = day_text(clamp(ship_day_ + static_cast<long>(random_() % 30)));
    return stop;
  }
  json party(const json& destination) {
    static const std::vector<std::string> kRoles = {"purchaser", "intermediate_consignee", "ultimate_consignee", "end_user"};
    std::string where = chance(0.7) ? destination.get<std::string>() : country();
    return {{"role", kRoles[random_() % kRoles.size()]}, {"name", "Example Party"}, {"country", where}, {"headquarters", where}};
  }
  json notice() {
    // Filed up to 60 days before the ship date, or late, near the end of the date range too.
    long filed = clamp(ship_day_ - 60 + static_cast<long>(random_() % 90));
    return {{"authority", kAuthorities[random_() % kAuthorities.size()]}, {"filed_on", day_text(filed)},
            {"reference", "REF-" + std::to_string(random_() % 1000)}};
  }
  json authorization(bool expired) {
    long from = clamp(ship_day_ - 1 - static_cast<long>(random_() % 700));
    long to = expired ? clamp(std::max(from, ship_day_ - 1 - static_cast<long>(random_() % 30)))
                      : clamp(ship_day_ + static_cast<long>(random_() % 700));
    if (expired && to >= ship_day_) from = to = ship_day_ - 1;  // the range's first day: nothing expired before it
    json authorization = {{"authority", chance(0.7) ? "US-BIS" : kAuthorities[random_() % kAuthorities.size()]},
                          {"kind", chance(0.7) ? "license" : "permit"},
                          {"number", "N-" + std::to_string(random_() % 100000)},
                          {"valid_from", day_text(from)},
                          {"valid_to", day_text(to)}};
    if (chance(0.5)) authorization["destinations"] = json::array({country()});
    if (chance(0.3)) authorization["models"] = json::array({model()});
    return authorization;
  }
  void add_authorizations(json& s, int count, bool expired = false) {
    for (int i = 0; i < count; ++i) {
      if (expired && ship_day_ <= first_day()) return;  // nothing can have expired before 1900-01-01
      json next = authorization(expired);
      next["number"] = (expired ? "EXPIRED-" : "L-") + std::to_string(s["authorizations"].size());
      s["authorizations"].push_back(next);
    }
  }
  template <typename Make>
  void fill(json& list, size_t limit, bool over, Make make, const std::string& pointer, Generated& out) {
    if (!list.is_array()) list = json::array();
    while (list.size() < limit + (over ? 1 : 0)) list.push_back(make());
    if (over) out.over_pointer = pointer, out.over_limit = limit;
  }

  const Vocabulary& vocabulary_;
  std::mt19937_64 random_;
  long ship_day_ = 0;
};

using RequirementKey = std::tuple<std::string, std::string, std::string>;  // jurisdiction, kind, rule

std::set<RequirementKey> requirement_keys(const json& answer) {
  std::set<RequirementKey> keys;
  for (const json& requirement : answer["requirements"])
    keys.insert({requirement["jurisdiction"].get<std::string>(), requirement["kind"].get<std::string>(),
                 requirement["rule"].get<std::string>()});
  return keys;
}

struct Failure {
  std::string what;
};

class Checker {
 public:
  Checker(const exportctl::Engine& engine, const Options& options) : engine_(engine), options_(options) {}

  // Parses and screens; returns the JSON answer (null when the shipment was refused).
  json answer(const json& shipment, const Generated* expected) {
    const std::string text = shipment.dump();
    exportctl::Shipment parsed;
    exportctl::Status status = engine_.parse_shipment(text, "gen.json", parsed);
    if (expected && !expected->over_pointer.empty()) {
      std::string want = "over the limit of " + std::to_string(expected->over_limit);
      if (status) throw Failure{expected->over_pointer + " is over its limit and the shipment parsed"};
      if (status.error().pointer != expected->over_pointer || status.error().problem.find(want) == std::string::npos)
        throw Failure{"expected " + expected->over_pointer + ": " + want + "; got " + status.error().message()};
      return nullptr;
    }
    if (!status) throw Failure{"a valid shipment was refused: " + status.error().message()};
    exportctl::Determination determination;
    engine_.screen(parsed, {.include_proposed = false, .trace = true, .known_on = std::nullopt}, determination);
    fuzz::check_answer(parsed, determination);  // aborts, printing fuzz::failure_context()
    for (const exportctl::Requirement& requirement : determination.requirements) {
      if (requirement.authorization >= 0) {
        const exportctl::Authorization& cited = parsed.authorizations[static_cast<size_t>(requirement.authorization)];
        if (cited.valid_from > parsed.ship_date || cited.valid_to < parsed.ship_date)
          throw Failure{"a requirement cites authorization " + std::to_string(requirement.authorization) + " (" +
                        cited.number + "), not valid on the ship date"};
      }
    }
    std::string out;
    engine_.write_json(parsed, determination, {true}, out);
    json answer = json::parse(out);
    for (const json& requirement : answer["requirements"]) {
      if (!requirement.contains("authorization")) continue;
      std::string number = requirement["authorization"];
      bool listed = false;
      for (const json& authorization : shipment.value("authorizations", json::array()))
        if (authorization["number"] == number) {
          listed = true;
          if (authorization["number"].get<std::string>().rfind("EXPIRED-", 0) == 0 ||
              authorization["number"].get<std::string>().rfind("PAD-", 0) == 0)
            throw Failure{"the answer cites expired authorization " + number};
          if (authorization["authority"] != requirement["authority"])
            throw Failure{"the answer cites " + number + " of another authority"};
        }
      if (!listed) throw Failure{"the answer cites authorization " + number + ", which the shipment does not list"};
    }
    if (answer["verdict"] != std::string(exportctl::name(determination.verdict))) throw Failure{"verdicts differ"};
    return answer;
  }

  void exit_code(const json& shipment, const json& answer) {
    if (options_.exportctl.empty()) return;
    std::filesystem::path file = std::filesystem::temp_directory_path() /
                                 ("exportctl-structural-" + std::to_string(::getpid()) + ".json");
    std::ofstream(file) << shipment.dump();
    std::string command = options_.exportctl + " check " + file.string() + " --rules " + options_.rules +
                          " --format json --trace > " + file.string() + ".out 2>&1";
    int status = std::system(command.c_str());
    std::ifstream printed(file.string() + ".out");
    std::string printed_text((std::istreambuf_iterator<char>(printed)), std::istreambuf_iterator<char>());
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + ".out");
    if (!WIFEXITED(status)) throw Failure{"exportctl check did not exit normally"};
    json from_binary = json::parse(printed_text, nullptr, false);
    if (from_binary.is_discarded()) throw Failure{"exportctl check printed no JSON: " + printed_text.substr(0, 300)};
    if (from_binary != answer) throw Failure{"exportctl check answers differently from the library"};
    int expected = -1;
    for (auto verdict : {exportctl::Verdict::cleared, exportctl::Verdict::action_required, exportctl::Verdict::prohibited,
                         exportctl::Verdict::indeterminate})
      if (answer["verdict"] == std::string(exportctl::name(verdict))) expected = exportctl::exit_code(verdict);
    if (WEXITSTATUS(status) != expected)
      throw Failure{"exit code " + std::to_string(WEXITSTATUS(status)) + " for verdict " + answer["verdict"].get<std::string>()};
  }

 private:
  const exportctl::Engine& engine_;
  const Options& options_;
};

Options read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--rules") options.rules = value();
    else if (arg == "--exportctl") options.exportctl = value();
    else if (arg == "--seed") options.seed = std::stoull(value());
    else if (arg == "--cases") options.cases = std::stol(value());
    else if (arg == "--seconds") options.seconds = std::stod(value());
    else if (arg == "--case") options.only_case = std::stol(value());
    else if (arg == "--exit-every") options.exit_every = std::stol(value());
    else if (arg == "--print") options.print = true;
    else {
      std::fprintf(stderr, "unknown option %s\n", arg.c_str());
      std::exit(2);
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = read_options(argc, argv);
  auto engine = exportctl::Engine::load_directory(options.rules);
  if (!engine) {
    std::fprintf(stderr, "%s\n", engine.error().message().c_str());
    return 1;
  }
  Vocabulary vocabulary = read_vocabulary(options.rules);
  Checker checker(engine.value(), options);
  const auto started = std::chrono::steady_clock::now();
  long run = 0, refused = 0, compared = 0, through_binary = 0;
  long first = options.only_case >= 0 ? options.only_case : 0;
  long last = options.only_case >= 0 ? options.only_case + 1 : options.cases;
  for (long index = first; index < last; ++index) {
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() > options.seconds) break;
    Generator generator(vocabulary, options.seed, index);
    fuzz::failure_context() = "structural fuzzer case " + std::to_string(index) + " of seed " +
                              std::to_string(options.seed) + " (--seed " + std::to_string(options.seed) + " --case " +
                              std::to_string(index) + " --print)";
    Generated generated = generator.shipment();
    if (options.print) std::printf("%s\n", generated.shipment.dump(2).c_str());
    try {
      json answer = checker.answer(generated.shipment, &generated);
      ++run;
      if (answer.is_null()) {
        ++refused;
        continue;
      }
      if (options.exit_every > 0 && index % options.exit_every == 0) {
        checker.exit_code(generated.shipment, answer);
        ++through_binary;
      }
      json larger = generator.padded(generated.shipment);
      json larger_answer = checker.answer(larger, nullptr);
      auto smaller_keys = requirement_keys(answer);
      auto larger_keys = requirement_keys(larger_answer);
      for (const RequirementKey& key : smaller_keys)
        if (!larger_keys.count(key))
          throw Failure{"padding removed requirement " + std::get<0>(key) + " " + std::get<1>(key) + " " +
                        std::get<2>(key)};
      if (answer["verdict"] != "cleared" && larger_answer["verdict"] == "cleared")
        throw Failure{"padding made a " + answer["verdict"].get<std::string>() + " shipment cleared"};
      ++compared;
    } catch (const Failure& failure) {
      std::fprintf(stderr, "structural fuzzer: case %ld of seed %llu: %s\n  reproduce: %s --rules %s --seed %llu --case %ld --print\n",
                   index, static_cast<unsigned long long>(options.seed), failure.what.c_str(), argv[0],
                   options.rules.c_str(), static_cast<unsigned long long>(options.seed), index);
      return 1;
    }
  }
  std::printf("structural fuzzer: seed %llu, %ld shipments (%ld over a limit, refused as they must be), %ld compared "
              "with a padded twin, %ld through exportctl check, %.1f s\n",
              static_cast<unsigned long long>(options.seed), run, refused, compared, through_binary,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}
