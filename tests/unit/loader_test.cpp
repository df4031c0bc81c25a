// Loader validation: every problem in rule data is reported as "FILE: /pointer: what (rule ID)";
// a load fails with the first and can list them all. Each case builds the smallest rule set that
// shows the problem.
#include <catch2/catch.hpp>

#include "rules/loader.hpp"
#include "support.hpp"

using exportctl::SourceDocument;
using support::countries;
using support::load_error;
using support::rule;
using support::version;

namespace {

// A license rule with one version from 2024-01-01 carrying `extra`.
std::string license_error(std::string_view extra, std::vector<SourceDocument> more = {}) {
  support::Documents documents{countries(), rule("license", "t.lic", {version(1, "2024-01-01", extra)})};
  for (auto& document : more) documents.push_back(document);
  return load_error(documents);
}

SourceDocument acme() {
  return support::catalog("ACME", {support::model("X1", R"({"tpp": 100})")});
}

SourceDocument group_g1() {
  return support::group("G:1", R"([{"valid_from": "2020-01-01", "known_from": "2020-01-01", "members": ["CN"]}])");
}

}  // namespace

TEST_CASE("loader: a valid small rule set loads", "[loader]") {
  auto engine = support::load({countries(), acme(), group_g1(),
                               rule("license", "t.lic",
                                    {version(1, "2024-01-01", R"({"when": {"fact": "destination", "in_groups": ["G:1"]},
                                      "items": {"fact": "model", "in": ["X1"]}, "at": ["US"]})")})});
  CHECK(exportctl::rules_of(engine).countries.size() == 9);
  CHECK(exportctl::rules_of(engine).catalog.size() == 1);
  CHECK(exportctl::rules_of(engine).version_count == 1);
  REQUIRE(engine.rule_versions().size() == 1);
  CHECK(engine.rule_versions()[0]->rule->id == "t.lic");
  CHECK(engine.rule_versions()[0]->citation == "Test cite 1");
  CHECK(engine.rules_digest().rfind("sha256:", 0) == 0);
  CHECK(engine.rules_digest().size() == 7 + 64);
}

TEST_CASE("loader: unknown fact", "[loader]") {
  CHECK(license_error(R"({"items": {"fact": "tppp", ">=": 1}})") ==
        "t.lic.json: /versions/0/items/fact: unknown fact \"tppp\" (rule t.lic)");
}

TEST_CASE("loader: operator that does not fit the fact's type", "[loader]") {
  CHECK(license_error(R"({"when": {"fact": "destination", ">=": 1}})") ==
        "t.lic.json: /versions/0/when/>=: fact \"destination\" is not a number (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "tpp", "in": ["CN"]}})") ==
        "t.lic.json: /versions/0/items/in: \"in\" needs a fact with symbols (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "tpp", "is": true}})") ==
        "t.lic.json: /versions/0/items/is: fact \"tpp\" is not true/false (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "model", "in_groups": ["G:1"]}})", {group_g1()}) ==
        "t.lic.json: /versions/0/items/in_groups: \"in_groups\" needs a country fact (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "datacenter", "is": "yes"}})") ==
        "t.lic.json: /versions/0/items/is: expected true or false (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "tpp", "==": 1}})") ==
        "t.lic.json: /versions/0/items/==: unknown operator \"==\" (use >=, >, <=, <, is, in, in_groups) (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "tpp", ">=": 1, "<": 5}})") ==
        "t.lic.json: /versions/0/items: a comparison has \"fact\" and exactly one operator (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "kind", "in": ["gpu"]}})") ==
        "t.lic.json: /versions/0/items/in/0: kind is one of ic, system, hbm (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "eccn", "in": ["3A090.z"]}})") ==
        "t.lic.json: /versions/0/items/in/0: unknown ECCN \"3A090.z\" (rule t.lic)");
  CHECK(license_error(R"({"items": {"fact": "eccn", "in": []}})") ==
        "t.lic.json: /versions/0/items/in: needs at least one value (rule t.lic)");
  CHECK(license_error(R"({"items": {"all": []}})") ==
        "t.lic.json: /versions/0/items/all: needs at least one condition (rule t.lic)");
  CHECK(license_error(R"({"items": {"all": [{"fact": "tpp", ">": 1}], "any": [{"fact": "tpp", ">": 1}]}})") ==
        "t.lic.json: /versions/0/items/any: unknown key \"any\" (rule t.lic)");
}

TEST_CASE("loader: unknown country", "[loader]") {
  CHECK(license_error(R"({"when": {"fact": "destination", "in": ["CN", "XX"]}})") ==
        "t.lic.json: /versions/0/when/in/1: unknown country code \"XX\" (rule t.lic)");
  CHECK(license_error(R"({"at": ["MY", "ZZ"]})") == "t.lic.json: /versions/0/at/1: unknown country code \"ZZ\" (rule t.lic)");
  CHECK(load_error({countries(), support::group("G:1", R"([{"valid_from": "2020-01-01", "known_from": "2020-01-01",
                                                             "members": ["CN", "cn"]}])")}) ==
        "group-G-1.json: /versions/0/members/1: unknown country code \"cn\" (group G:1)");
}

TEST_CASE("loader: unknown country group", "[loader]") {
  CHECK(license_error(R"({"when": {"fact": "destination", "in_groups": ["G:1", "D:9"]}})", {group_g1()}) ==
        "t.lic.json: /versions/0/when/in_groups/1: unknown country group \"D:9\" (rule t.lic)");
}

TEST_CASE("loader: unknown catalog model", "[loader]") {
  CHECK(license_error(R"({"items": {"fact": "models", "in": ["X1", "X9"]}})", {acme()}) ==
        "t.lic.json: /versions/0/items/in/1: unknown catalog model \"X9\" (rule t.lic)");
}

TEST_CASE("loader: overlapping versions", "[loader]") {
  SECTION("an explicit end after the successor's start") {
    CHECK(load_error({countries(), rule("license", "t.lic",
                                        {version(1, "2024-01-01", R"({"valid_to": "2024-12-31"})"),
                                         version(2, "2024-12-31")})}) ==
          "t.lic.json: /versions/1/valid_from: overlaps version 1, valid to 2024-12-31 (rule t.lic)");
  }
  SECTION("two versions starting the same day") {
    CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01"), version(2, "2024-01-01")})}) ==
          "t.lic.json: /versions/1/valid_from: version 2 does not start after version 1 (overlapping versions; a "
          "correction names the version it supersedes) (rule t.lic)");
  }
  SECTION("adjacent versions do not overlap") {
    auto engine = support::load({countries(), rule("license", "t.lic",
                                                   {version(1, "2024-01-01", R"({"valid_to": "2024-12-30"})"),
                                                    version(2, "2024-12-31")})});
    CHECK(exportctl::rules_of(engine).version_count == 2);
  }
  SECTION("a correction may cover the same days as the version it supersedes") {
    auto engine = support::load({countries(), rule("license", "t.lic",
                                                   {version(1, "2024-01-01"),
                                                    version(2, "2024-01-01", R"({"supersedes": 1, "known_from": "2024-03-01"})")})});
    CHECK(exportctl::rules_of(engine).version_count == 2);
  }
  SECTION("an early version may be corrected after later versions exist") {
    auto engine = support::load({countries(), rule("license", "t.lic",
                                                   {version(1, "2024-01-01"), version(2, "2024-06-01"),
                                                    version(3, "2024-01-01", R"({"supersedes": 1, "known_from": "2024-09-01"})"),
                                                    version(4, "2024-06-01", R"({"supersedes": 2, "known_from": "2024-09-01"})")})});
    CHECK(exportctl::rules_of(engine).version_count == 4);
  }
  SECTION("a correction must still start before the version after the one it corrects") {
    CHECK(load_error({countries(), rule("license", "t.lic",
                                        {version(1, "2024-01-01"), version(2, "2024-06-01"),
                                         version(3, "2024-07-01", R"({"supersedes": 1, "known_from": "2024-09-01"})")})}) ==
          "t.lic.json: /versions/2/valid_from: version 2 does not start after version 3 (overlapping versions; a "
          "correction names the version it supersedes) (rule t.lic)");
  }
  SECTION("a proposed version may overlap an in-force one") {
    auto engine = support::load({countries(), rule("license", "t.lic",
                                                   {version(1, "2024-01-01"),
                                                    version(2, "2024-01-01", R"({"status": "proposed"})")})});
    CHECK(exportctl::rules_of(engine).version_count == 2);
  }
}

TEST_CASE("loader: versions out of order", "[loader]") {
  CHECK(load_error({countries(), rule("license", "t.lic", {version(2, "2024-01-01"), version(1, "2025-01-01")})}) ==
        "t.lic.json: /versions/0/version: versions are numbered 1, 2, ... in order (rule t.lic)");
  CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2025-01-01"), version(2, "2024-01-01")})}) ==
        "t.lic.json: /versions/1/valid_from: version 2 does not start after version 1 (overlapping versions; a "
        "correction names the version it supersedes) (rule t.lic)");
  CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01", R"({"supersedes": 1})")})}) ==
        "t.lic.json: /versions/0/supersedes: a correction supersedes an earlier version (rule t.lic)");
}

TEST_CASE("loader: date checks inside a version", "[loader]") {
  CHECK(license_error(R"({"compliance_from": "2023-12-31"})") ==
        "t.lic.json: /versions/0/compliance_from: compliance_from is before valid_from (rule t.lic)");
  CHECK(license_error(R"({"valid_to": "2023-12-31"})") ==
        "t.lic.json: /versions/0/valid_to: valid_to is before valid_from (rule t.lic)");
  CHECK(license_error(R"({"enforcement": [{"from": "2024-05-01", "to": "2024-04-30", "status": "suspended",
                         "known_from": "2024-04-01", "citation": "c"}]})") ==
        "t.lic.json: /versions/0/enforcement/0/to: to is before from (rule t.lic)");
  CHECK(
      license_error(R"({"enforcement": [{"from": "2024-05-01", "status": "paused", "known_from": "2024-04-01",
                         "citation": "c"}]})") ==
      "t.lic.json: /versions/0/enforcement/0/status: status is one of in_force, not_enforced, suspended (rule t.lic)");
  // compliance_from on valid_from is allowed.
  auto engine = support::load({countries(), rule("license", "t.lic", {version(1, "2024-01-01", R"({"compliance_from": "2024-01-01"})")})});
  CHECK(engine.rule_versions()[0]->binding_from() == support::day("2024-01-01"));
}

TEST_CASE("loader: a shipment-level `when` may not read item facts", "[loader]") {
  CHECK(license_error(R"({"when": {"all": [{"fact": "destination", "in": ["CN"]}, {"fact": "tpp", ">=": 4800}]}})") ==
        "t.lic.json: /versions/0/when: this condition is about the shipment and may not read item facts (put those "
        "under \"items\") (rule t.lic)");
  // The same facts under "items" are fine, and "items" may read shipment facts too.
  auto engine = support::load(
      {countries(), rule("license", "t.lic", {version(1, "2024-01-01", R"({"items": {"all": [{"fact": "destination",
                                                  "in": ["CN"]}, {"fact": "tpp", ">=": 4800}]}})")})});
  CHECK(exportctl::rules_of(engine).version_count == 1);
}

TEST_CASE("loader: unknown covers and applies_to", "[loader]") {
  auto exception = rule("exception", "t.exc",
                        {version(1, "2024-01-01", R"({"name": "NAC", "covers": ["t.lic", "t.nope"]})")});
  CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01")}), exception}) ==
        "t.exc.json: /versions/0/covers: unknown rule \"t.nope\" (rule t.exc)");
  auto review = rule("review_policy", "t.rev",
                     {version(1, "2024-01-01", R"({"applies_to": "t.missing", "policies": [{"policy": "case_by_case"}]})")});
  CHECK(load_error({countries(), review}) == "t.rev.json: /versions/0/applies_to: unknown rule \"t.missing\" (rule t.rev)");
}

TEST_CASE("loader: an exception's reference_pattern must be a reference pattern", "[loader]") {
  auto nac = [](std::string_view pattern) {
    nlohmann::json extra = {{"name", "NAC"}, {"covers", {"t.lic"}}, {"notice_days", 25}, {"reference_pattern", pattern}};
    return load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01")}),
                       rule("exception", "t.nac", {version(1, "2024-01-01", extra.dump())})});
  };
  CHECK(nac("A[0-9") == "t.nac.json: /versions/0/reference_pattern: not a reference pattern (rules/README.md): "
                        "unclosed \"[\" at character 6 (rule t.nac)");
  CHECK(nac("(A|B)[0-9]+") == "t.nac.json: /versions/0/reference_pattern: not a reference pattern (rules/README.md): "
                              "\"(\" is not supported (no groups, alternation or anchors: the whole reference is "
                              "matched) at character 1 (rule t.nac)");
}

TEST_CASE("loader: keys that do not belong to the rule's kind", "[loader]") {
  CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01", R"({"covers": ["x"]})")})}) ==
        "t.lic.json: /versions/0/covers: unknown key \"covers\" for a rule of kind license (rule t.lic)");
  CHECK(load_error({countries(), rule("classification", "t.cls", {version(1, "2024-01-01", R"({"classes": [], "when": {}})")})}) ==
        "t.cls.json: /versions/0/when: unknown key \"when\" for a rule of kind classification (rule t.cls)");
}

TEST_CASE("loader: required values", "[loader]") {
  CHECK(load_error({countries(), rule("notification", "t.note", {version(1, "2024-01-01")}, "MY", "MY-MITI")}) ==
        "t.note.json: /versions/0: a notification rule needs notice_days (rule t.note)");
  CHECK(license_error(R"({"notice_days": 0})") ==
        "t.lic.json: /versions/0/notice_days: notice_days is a number of days, 1 to 3650 (rule t.lic)");
  CHECK(license_error(R"({"citation": ""})") == "t.lic.json: /versions/0/citation: a rule version needs its citation (rule t.lic)");
  CHECK(license_error(R"({"status": "draft"})") ==
        "t.lic.json: /versions/0/status: status is one of in_force, proposed (rule t.lic)");
  CHECK(license_error(R"({"confidence": "high"})") ==
        "t.lic.json: /versions/0/confidence: confidence is one of primary, secondary, inferred (rule t.lic)");
  CHECK(load_error({countries(), rule("license", "t.lic", {})}) == "t.lic.json: /versions: a rule needs at least one version (rule t.lic)");
  CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01")}, "EU")}) ==
        "t.lic.json: /jurisdiction: jurisdiction is one of US, MY, TH (rule t.lic)");
  CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01")}, "US", "BIS")}) ==
        "t.lic.json: /authority: authority is one of US-BIS, MY-MITI, TH-DFT, US-OFAC (rule t.lic)");
}

TEST_CASE("loader: rule files, kinds and countries", "[loader]") {
  CHECK(load_error({rule("license", "t.lic", {version(1, "2024-01-01")})}) ==
        "rules: no countries file (kind \"countries\") found");
  CHECK(load_error({countries(), {"odd.json", R"({"kind": "regulation"})"}}) == "odd.json: /kind: unknown kind \"regulation\"");
  CHECK(load_error({countries(), rule("license", "t.lic", {version(1, "2024-01-01")}),
                    {"again.json", rule("license", "t.lic", {version(1, "2024-01-01")}).text}}) ==
        "t.lic.json: /id: rule t.lic is defined twice (rule t.lic)");
  CHECK(load_error({{"c.json", R"({"kind": "countries", "countries": [{"code": "US", "name": "A"}, {"code": "US", "name": "B"}]})"}}) ==
        "c.json: /countries/1/code: country US listed twice");
  CHECK(load_error({{"c.json", R"({"kind": "countries", "countries": [{"code": "usa", "name": "A"}]})"}}) ==
        "c.json: /countries/0/code: a country code is two upper-case letters (ISO 3166-1 alpha-2)");
}

TEST_CASE("loader: catalog checks", "[loader]") {
  CHECK(load_error({countries(), support::catalog("ACME", {support::model("S1", "{}", R"({"kind": "system",
                                                   "contains": [{"model": "X1", "count": 1}]})")})}) ==
        "catalog-ACME.json: /models/0/contains/0/model: unknown catalog model \"X1\" (list parts before systems)");
  CHECK(load_error({countries(), support::catalog("ACME", {support::model("X1", "{}"),
                                                              support::model("X-1", "{}")})}) ==
        "catalog-ACME.json: /models/1/name: \"ACME X-1\" is ambiguous: it also names ACME X1");
  CHECK(load_error({countries(), support::catalog("ACME", {support::model("X1", R"({"tpp": 5})",
                                                                               R"({"inferred": ["die_area_mm2"]})")})}) ==
        "catalog-ACME.json: /models/0/inferred/0: \"die_area_mm2\" is not among this model's metrics");
  CHECK(load_error({countries(), support::catalog("ACME", {support::model("X1", R"({"tpp": -5})")})}) ==
        "catalog-ACME.json: /models/0/metrics/tpp: must not be negative");
  CHECK(load_error({countries(), support::catalog("ACME", {support::model("X1", R"({"tops": 5})")})}) ==
        "catalog-ACME.json: /models/0/metrics/tops: unknown key \"tops\"");
  CHECK(load_error({countries(), support::catalog("ACME", {support::model("X1", "{}", R"({"contains": []})")})}) ==
        "catalog-ACME.json: /models/0/contains: only a system (kind \"system\") contains other models");
}

TEST_CASE("loader: country group checks", "[loader]") {
  CHECK(load_error({countries(), support::group("G:1", R"([{"valid_from": "2020-01-01", "known_from": "2020-01-01",
      "members": ["CN"]}, {"valid_from": "2020-01-01", "known_from": "2020-01-01", "members": ["HK"]}])")}) ==
        "group-G-1.json: /versions/1/valid_from: overlaps version 1 known on the same day (group G:1)");
  CHECK(load_error({countries(), support::group("G:1", "[]")}) == "group-G-1.json: /versions: a group needs at least one version");
  CHECK(load_error({countries(), group_g1(), {"other.json", group_g1().text}}) ==
        "other.json: /id: country group G:1 defined twice");
}

TEST_CASE("loader: the digest covers every document and ignores their order", "[loader]") {
  auto a = support::load({countries(), rule("license", "t.lic", {version(1, "2024-01-01")}), acme()});
  auto b = support::load({acme(), rule("license", "t.lic", {version(1, "2024-01-01")}), countries()});
  auto c = support::load({countries(), rule("license", "t.lic", {version(1, "2024-01-02")}), acme()});
  CHECK(a.rules_digest() == b.rules_digest());
  CHECK(a.rules_digest() != c.rules_digest());
}

TEST_CASE("loader: directories", "[loader]") {
  auto missing = exportctl::Engine::load_directory(std::string(EXPORTCTL_SOURCE_DIR) + "/no-such-dir");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == exportctl::ErrorCode::io);
  CHECK(missing.error().message() == std::string(EXPORTCTL_SOURCE_DIR) + "/no-such-dir: not a directory of rule data");

  auto bundled = exportctl::Engine::load_directory(std::string(EXPORTCTL_SOURCE_DIR) + "/rules");
  REQUIRE(bundled);
  auto documents = exportctl::read_rule_directory(std::string(EXPORTCTL_SOURCE_DIR) + "/rules");
  REQUIRE(documents);
  size_t rule_files = 0;
  for (const auto& document : documents.value()) {
    CHECK(document.name.find(EXPORTCTL_SOURCE_DIR) == std::string::npos);  // names are relative
    CHECK(document.name.size() > 5);
    CHECK(document.name.substr(document.name.size() - 5) == ".json");
    rule_files += nlohmann::json::parse(document.text)["kind"] != "countries" &&
                  nlohmann::json::parse(document.text)["kind"] != "country_group" &&
                  nlohmann::json::parse(document.text)["kind"] != "catalog";
  }
  CHECK(exportctl::rules_of(bundled.value()).rules.size() == rule_files);
  // The same documents from memory give the same digest.
  auto from_memory = exportctl::Engine::load_documents(documents.value());
  REQUIRE(from_memory);
  CHECK(from_memory.value().rules_digest() == bundled.value().rules_digest());
}

namespace {

// Every problem of a load that must fail, as messages; checks that the load's error is the first.
std::vector<std::string> all_problems(support::Documents documents) {
  std::vector<exportctl::Error> problems;
  auto engine = exportctl::Engine::load_documents(std::move(documents), &problems);
  if (engine) FAIL("rules loaded but were expected to fail");
  REQUIRE_FALSE(problems.empty());
  CHECK(engine.error().message() == problems.front().message());
  std::vector<std::string> messages;
  for (const exportctl::Error& problem : problems) {
    CHECK(problem.code == exportctl::ErrorCode::bad_rules);
    messages.push_back(problem.message());
  }
  return messages;
}

}  // namespace

TEST_CASE("loader: every problem is listed, in the order the load meets them, and the load goes on after each",
          "[loader]") {
  // The order: files that are not JSON, then countries, groups, catalogs and rules, each in file
  // order, then references between rules.
  auto problems = all_problems(
      {countries(), acme(),
       support::group("G:1", R"([{"valid_from": "2020-01-01", "known_from": "2020-01-01", "members": ["XX"]},
                                 {"valid_from": "2021-01-01", "known_from": "2021-01-01", "members": ["CN"]}])"),
       support::catalog("Beta", {support::model("B1", R"({"tpp": -1})"), support::model("B2", "{}")}),
       rule("license", "t.lic",
            {version(1, "2024-01-01", R"({"items": {"fact": "tppp", ">=": 1}})"),
             version(2, "2024-06-01", R"({"valid_to": "2024-02-30"})"),
             version(3, "2024-09-01", R"({"items": {"fact": "model", "in": ["X1", "B2"]}})"),
             version(4, "2024-08-01")}),
       rule("exception", "t.exc", {version(1, "2024-01-01", R"({"name": "E", "covers": ["t.licence"]})")}),
       {"broken.json", R"({"kind": "license", )"}});
  CHECK(
      problems ==
      std::vector<std::string>{
          "broken.json: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 21: syntax "
          "error while "
          "parsing object key - unexpected end of input; expected string literal",
          "group-G-1.json: /versions/0/members/0: unknown country code \"XX\" (group G:1)",
          "catalog-Beta.json: /models/0/metrics/tpp: must not be negative",
          "t.lic.json: /versions/0/items/fact: unknown fact \"tppp\" (rule t.lic)",
          "t.lic.json: /versions/1/valid_to: \"2024-02-30\" is not a date (YYYY-MM-DD, a day that exists) (rule t.lic)",
          "t.lic.json: /versions/3/valid_from: version 4 does not start after version 3 (overlapping versions; a "
          "correction "
          "names the version it supersedes) (rule t.lic)",
          "t.exc.json: /versions/0/covers: unknown rule \"t.licence\" (rule t.exc)",
      });
}

TEST_CASE("loader: the list of problems stops at its limit and says so", "[loader]") {
  support::Documents documents{countries()};
  for (size_t i = 0; i < exportctl::kMaxRuleProblems + 20; ++i)
    documents.push_back(rule("license", "t.lic" + std::to_string(1000 + i),
                             {version(1, "2024-01-01", R"({"items": {"fact": "x", ">=": 1}})")}));
  auto problems = all_problems(documents);
  REQUIRE(problems.size() == exportctl::kMaxRuleProblems + 1);
  CHECK(problems[0] == "t.lic1000.json: /versions/0/items/fact: unknown fact \"x\" (rule t.lic1000)");
  CHECK(problems.back() == "t.lic1100.json: more problems follow; only the first 100 are listed");
}

TEST_CASE("loader: without a countries file the load stops before the files that name countries", "[loader]") {
  CHECK(all_problems({group_g1(), rule("license", "t.lic", {version(1, "2024-01-01", R"({"at": ["US"]})")})}) ==
        std::vector<std::string>{"rules: no countries file (kind \"countries\") found"});
}

TEST_CASE("loader: what a broken entry names stays known, so files naming it are not reported again", "[loader]") {
  const std::string covering = R"({"name": "E", "covers": ["t.lic"]})";
  // A license whose header fails, and one with a duplicate key: the exception covering it is fine.
  CHECK(all_problems({countries(), rule("license", "t.lic", {version(1, "2024-01-01")}, "EU"),
                      rule("exception", "t.exc", {version(1, "2024-01-01", covering)})}) ==
        std::vector<std::string>{"t.lic.json: /jurisdiction: jurisdiction is one of US, MY, TH (rule t.lic)"});
  SourceDocument duplicate = rule("license", "t.lic", {version(1, "2024-01-01")});
  duplicate.text.replace(duplicate.text.find("\"title\":"), 8, "\"title\": \"x\", \"title\":");
  CHECK(all_problems({countries(), duplicate, rule("exception", "t.exc", {version(1, "2024-01-01", covering)})}) ==
        std::vector<std::string>{"t.lic.json: /title: duplicate key \"title\" (rule t.lic)"});
  // A catalog model with a bad figure, a country without its name, a group with an unknown key.
  CHECK(all_problems(
            {countries(), support::catalog("ACME", {support::model("X1", R"({"tpp": -1})")}),
             rule("license", "t.lic", {version(1, "2024-01-01", R"({"items": {"fact": "model", "in": ["X1"]}})")})}) ==
        std::vector<std::string>{"catalog-ACME.json: /models/0/metrics/tpp: must not be negative"});
  CHECK(
      all_problems({{"c.json", R"({"kind": "countries", "countries": [{"code": "US", "name": "A"}, {"code": "CN"}]})"},
                    rule("license", "t.lic", {version(1, "2024-01-01", R"({"at": ["CN"]})")})}) ==
      std::vector<std::string>{"c.json: /countries/1: missing required key \"name\""});
  SourceDocument group = group_g1();
  group.text.replace(group.text.find("\"name\":"), 7, "\"title\": \"x\", \"name\":");
  CHECK(
      all_problems({countries(), group,
                    rule("license", "t.lic",
                         {version(1, "2024-01-01", R"({"when": {"fact": "destination", "in_groups": ["G:1"]}})")})}) ==
      std::vector<std::string>{"group-G-1.json: /title: unknown key \"title\""});
}

TEST_CASE("loader: a collision with a version and with its correction is one problem", "[loader]") {
  CHECK(all_problems({countries(), rule("license", "t.lic",
                                        {version(1, "2024-01-01"), version(2, "2024-06-01"),
                                         version(3, "2024-06-01", R"({"supersedes": 2, "known_from": "2024-09-01"})"),
                                         version(4, "2024-06-01")})}) ==
        std::vector<std::string>{"t.lic.json: /versions/3/valid_from: version 4 does not start after version 2 (overlapping "
                                 "versions; a correction names the version it supersedes) (rule t.lic)"});
}
