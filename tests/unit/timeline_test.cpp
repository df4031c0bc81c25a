// Which version of a rule binds on a day, as known on another day: effective and compliance
// dates, enforcement changes, knowledge time, corrections and proposed versions; and the
// compiled timeline agreeing with binding_version on every day.
#include <catch2/catch.hpp>

#include "rules/timeline.hpp"
#include "support.hpp"

using exportctl::Date;
using exportctl::kMaxDate;
using support::binding_number;
using support::day;
using support::version;

namespace {

exportctl::Engine one_rule(std::vector<nlohmann::json> versions) {
  return support::load({support::countries(), support::rule("license", "t.rule", std::move(versions))});
}

}  // namespace

TEST_CASE("timeline: valid_from and valid_to are inclusive", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01", R"({"valid_to": "2024-06-30"})")});
  CHECK(binding_number(engine, "t.rule", "2023-12-31") == 0);
  CHECK(binding_number(engine, "t.rule", "2024-01-01") == 1);
  CHECK(binding_number(engine, "t.rule", "2024-06-30") == 1);
  CHECK(binding_number(engine, "t.rule", "2024-07-01") == 0);
}

TEST_CASE("timeline: an open version runs until the next one", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01"), version(2, "2024-06-01", R"({"valid_to": "2024-12-31"})")});
  CHECK(binding_number(engine, "t.rule", "2024-05-31") == 1);
  CHECK(binding_number(engine, "t.rule", "2024-06-01") == 2);
  CHECK(binding_number(engine, "t.rule", "2024-12-31") == 2);
  CHECK(binding_number(engine, "t.rule", "2025-01-01") == 0);  // version 2 ended; version 1 had been replaced
}

TEST_CASE("timeline: the previous version binds until its successor's compliance date", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01"), version(2, "2025-01-15", R"({"compliance_from": "2025-03-15"})")});
  CHECK(binding_number(engine, "t.rule", "2025-01-14") == 1);
  CHECK(binding_number(engine, "t.rule", "2025-01-15") == 1);
  CHECK(binding_number(engine, "t.rule", "2025-03-14") == 1);
  CHECK(binding_number(engine, "t.rule", "2025-03-15") == 2);
  CHECK(binding_number(engine, "t.rule", "2026-01-01") == 2);
}

TEST_CASE("timeline: a new rule with a compliance date binds nothing before it", "[timeline]") {
  auto engine = one_rule({version(1, "2024-12-02", R"({"compliance_from": "2024-12-31"})")});
  CHECK(binding_number(engine, "t.rule", "2024-12-01") == 0);
  CHECK(binding_number(engine, "t.rule", "2024-12-02") == 0);
  CHECK(binding_number(engine, "t.rule", "2024-12-30") == 0);
  CHECK(binding_number(engine, "t.rule", "2024-12-31") == 1);
  CHECK(engine.rule_versions()[0]->binding_from() == day("2024-12-31"));
}

TEST_CASE("timeline: not_enforced is seen only from its known_from", "[timeline]") {
  auto engine = one_rule({version(1, "2025-01-13", R"({"compliance_from": "2025-05-15", "enforcement": [
      {"from": "2025-05-15", "status": "not_enforced", "known_from": "2025-05-13", "citation": "announcement"}]})")});
  CHECK(binding_number(engine, "t.rule", "2025-06-01", day("2025-05-12")) == 1);
  CHECK(binding_number(engine, "t.rule", "2025-06-01", day("2025-05-13")) == 0);
  CHECK(binding_number(engine, "t.rule", "2025-06-01") == 0);
  CHECK(binding_number(engine, "t.rule", "2030-01-01") == 0);  // no end: never enforced again
}

TEST_CASE("timeline: a suspension with an end", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01", R"({"enforcement": [
      {"from": "2024-03-01", "to": "2024-03-31", "status": "suspended", "known_from": "2024-02-15", "citation": "s"}]})")});
  CHECK(binding_number(engine, "t.rule", "2024-02-29") == 1);
  CHECK(binding_number(engine, "t.rule", "2024-03-01") == 0);
  CHECK(binding_number(engine, "t.rule", "2024-03-31") == 0);
  CHECK(binding_number(engine, "t.rule", "2024-04-01") == 1);
  // Replayed before the suspension was announced, the rule bound throughout March.
  CHECK(binding_number(engine, "t.rule", "2024-03-15", day("2024-02-14")) == 1);
  CHECK(binding_number(engine, "t.rule", "2024-03-15", day("2024-02-15")) == 0);
}

TEST_CASE("timeline: a later enforcement change overrides an earlier one", "[timeline]") {
  // Suspended from March, then (a later announcement) in force again from 15 April.
  auto engine = one_rule({version(1, "2024-01-01", R"({"enforcement": [
      {"from": "2024-03-01", "status": "suspended", "known_from": "2024-02-15", "citation": "s"},
      {"from": "2024-04-15", "status": "in_force", "known_from": "2024-04-01", "citation": "r"}]})")});
  CHECK(binding_number(engine, "t.rule", "2024-04-14") == 0);
  CHECK(binding_number(engine, "t.rule", "2024-04-15") == 1);
  CHECK(binding_number(engine, "t.rule", "2024-04-15", day("2024-03-31")) == 0);
}

TEST_CASE("timeline: known_from on the knowledge axis", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01"), version(2, "2024-06-01", R"({"known_from": "2024-05-01"})"),
                          version(3, "2024-09-01", R"({"known_from": "2024-09-10"})")});
  CHECK(binding_number(engine, "t.rule", "2024-07-01", day("2024-04-30")) == 1);
  CHECK(binding_number(engine, "t.rule", "2024-07-01", day("2024-05-01")) == 2);
  // Published after it took effect: before publication, replays see version 2.
  CHECK(binding_number(engine, "t.rule", "2024-09-05", day("2024-09-09")) == 2);
  CHECK(binding_number(engine, "t.rule", "2024-09-05", day("2024-09-10")) == 3);
  CHECK(binding_number(engine, "t.rule", "2024-09-05") == 3);
  // Nothing known yet.
  CHECK(binding_number(engine, "t.rule", "2024-07-01", day("2023-12-31")) == 0);
}

TEST_CASE("timeline: a correction replaces the version it supersedes from its known_from", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01"), version(2, "2024-01-01", R"({"supersedes": 1, "known_from": "2024-03-01"})"),
                          version(3, "2024-06-01")});
  CHECK(binding_number(engine, "t.rule", "2024-02-01", day("2024-02-29")) == 1);
  CHECK(binding_number(engine, "t.rule", "2024-02-01", day("2024-03-01")) == 2);
  CHECK(binding_number(engine, "t.rule", "2024-02-01") == 2);
  CHECK(binding_number(engine, "t.rule", "2024-07-01") == 3);
  CHECK(binding_number(engine, "t.rule", "2024-07-01", day("2024-02-29")) == 1);  // version 3 not yet known
}

TEST_CASE("timeline: a correction that moves the start date", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01"), version(2, "2024-02-01", R"({"supersedes": 1, "known_from": "2024-03-01"})")});
  CHECK(binding_number(engine, "t.rule", "2024-01-15", day("2024-02-29")) == 1);
  CHECK(binding_number(engine, "t.rule", "2024-01-15") == 0);  // as corrected, nothing bound in January
  CHECK(binding_number(engine, "t.rule", "2024-02-01") == 2);
}

TEST_CASE("timeline: proposed versions only when asked", "[timeline]") {
  auto engine = one_rule({version(1, "2024-01-01"), version(2, "2025-01-01", R"({"status": "proposed", "known_from": "2024-10-01"})")});
  CHECK(binding_number(engine, "t.rule", "2025-02-01") == 1);
  CHECK(binding_number(engine, "t.rule", "2025-02-01", kMaxDate, true) == 2);
  CHECK(binding_number(engine, "t.rule", "2024-12-31", kMaxDate, true) == 0);
  CHECK(binding_number(engine, "t.rule", "2025-02-01", day("2024-09-30"), true) == 0);

  auto in_force = engine.in_force(day("2025-02-01"), std::nullopt);
  REQUIRE(in_force.size() == 1);
  CHECK(in_force[0]->number == 1);
  auto proposed = engine.in_force(day("2025-02-01"), std::nullopt, true);
  REQUIRE(proposed.size() == 1);
  CHECK(proposed[0]->number == 2);
  CHECK(proposed[0]->status == exportctl::RuleStatus::proposed);
}

TEST_CASE("timeline: country group versions by date and knowledge", "[timeline]") {
  auto engine = support::load({support::countries(), support::group("G:1", R"([
      {"valid_from": "2020-01-01", "valid_to": "2024-12-31", "known_from": "2020-01-01", "members": ["CN"]},
      {"valid_from": "2025-01-01", "known_from": "2024-12-15", "members": ["CN", "VN"]},
      {"valid_from": "2025-01-01", "known_from": "2025-02-01", "members": ["CN", "VN", "TH"]}])")});
  const exportctl::CountryGroup& group =
      exportctl::rules_of(engine).groups[exportctl::rules_of(engine).group_by_id.at("G:1")];
  auto number = [&](std::string_view date, exportctl::Date known) {
    const exportctl::GroupVersion* found = exportctl::group_version(group, day(date), known);
    return found ? found->number : 0;
  };
  CHECK(number("2019-12-31", kMaxDate) == 0);
  CHECK(number("2020-01-01", kMaxDate) == 1);
  CHECK(number("2024-12-31", kMaxDate) == 1);
  CHECK(number("2025-01-01", kMaxDate) == 3);            // the later-known version for the same days wins
  CHECK(number("2025-01-10", day("2025-01-31")) == 2);
  CHECK(number("2025-01-10", day("2025-02-01")) == 3);
  CHECK(number("2025-01-10", day("2024-12-14")) == 0);   // version 1 ended; version 2 not yet known
  CHECK(number("2024-06-01", day("2024-12-14")) == 1);
}

TEST_CASE("timeline: snapshots hold the binding versions, by kind", "[timeline]") {
  auto engine = support::load(
      {support::countries(),
       support::rule("license", "t.lic", {version(1, "2024-01-01"), version(2, "2025-01-01", R"({"compliance_from": "2025-02-01"})")}),
       support::rule("exception", "t.exc", {version(1, "2024-06-01", R"({"name": "NAC", "covers": ["t.lic"]})")}),
       support::rule("review_policy", "t.rev",
                     {version(1, "2024-01-01", R"({"applies_to": "t.lic", "policies": [{"policy": "case_by_case"}]})")}),
       support::rule("license", "t.draft", {version(1, "2024-03-01", R"({"status": "proposed"})")})});
  const auto& timeline = exportctl::rules_of(engine).timeline(std::nullopt);
  CHECK(timeline.visible_versions == 5);
  for (size_t i = 1; i < timeline.starts.size(); ++i) {
    CHECK(timeline.starts[i - 1] < timeline.starts[i]);
    CHECK(timeline.snapshots[i - 1].to == timeline.starts[i] - 1);
  }
  const exportctl::Snapshot* before = timeline.at(day("2023-12-31"));
  CHECK(before->requirements.empty());
  CHECK(before->reviews.empty());

  const exportctl::Snapshot* may = timeline.at(day("2024-05-01"));
  REQUIRE(may->requirements.size() == 1);
  CHECK(may->requirements[0].meta()->rule->id == "t.lic");
  CHECK(may->requirements[0].exceptions.empty());
  REQUIRE(may->requirements[0].review != nullptr);
  CHECK(may->requirements[0].review->meta()->rule->id == "t.rev");
  REQUIRE(may->proposed.size() == 1);
  CHECK(may->proposed[0].meta()->rule->id == "t.draft");

  const exportctl::Snapshot* july = timeline.at(day("2024-07-01"));
  REQUIRE(july->requirements.size() == 1);
  REQUIRE(july->requirements[0].exceptions.size() == 1);
  CHECK(july->requirements[0].exceptions[0]->meta()->rule->id == "t.exc");
  CHECK(july->requirements[0].meta()->number == 1);

  CHECK(timeline.at(day("2025-01-31"))->requirements[0].meta()->number == 1);
  CHECK(timeline.at(day("2025-02-01"))->requirements[0].meta()->number == 2);
  CHECK(timeline.at(day("2025-02-01"))->from == day("2025-02-01"));

  // Known on a day before anything was known, nothing binds.
  const auto& empty = exportctl::rules_of(engine).timeline(day("2023-01-01"));
  CHECK(empty.visible_versions == 0);
  CHECK(empty.at(day("2025-06-01"))->requirements.empty());
}

TEST_CASE("timeline: compiled snapshots agree with binding_version on every day (bundled rules)", "[timeline][bundled]") {
  auto engine = exportctl::Engine::load_directory(std::string(EXPORTCTL_SOURCE_DIR) + "/rules");
  REQUIRE(engine);
  const auto& rules = exportctl::rules_of(engine.value());
  for (std::optional<Date> known_on :
       {std::optional<Date>{}, std::optional<Date>{day("2023-01-01")}, std::optional<Date>{day("2025-05-01")},
        std::optional<Date>{day("2025-05-14")}}) {
    const auto& timeline = rules.timeline(known_on);
    Date known_up_to = known_on.value_or(kMaxDate);
    int mismatches = 0;
    for (Date date = day("2022-06-01"); date <= day("2026-12-31"); date = date + 1) {
      const exportctl::Snapshot* snapshot = timeline.at(date);
      std::vector<const exportctl::RuleVersion*> compiled;
      for (const auto* list : {&snapshot->classification, &snapshot->requirements, &snapshot->exceptions, &snapshot->reviews})
        for (const auto& rule : *list) compiled.push_back(rule.meta());
      std::vector<const exportctl::RuleVersion*> expected;
      for (const auto& rule : rules.rules) {
        // Filing facts decide no screening, so no snapshot holds them (`todo` reads them itself).
        if (rule->info.kind == exportctl::RuleKind::filing) continue;
        if (const auto* version = exportctl::binding_version(*rule, date, known_up_to, false))
          expected.push_back(&version->meta);
      }
      std::sort(compiled.begin(), compiled.end());
      std::sort(expected.begin(), expected.end());
      if (compiled != expected) {
        ++mismatches;
        UNSCOPED_INFO("mismatch on " << exportctl::to_string(date));
      }
    }
    CHECK(mismatches == 0);
  }
}
