// Screening: route legs, notice periods, authorizations, license exceptions, is-informed letters,
// review policies, verdict precedence and how item outcomes group into requirements. Every test
// loads a small law of its own on top of a test catalog and a one-line classification rule.
#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include "decide/screen.hpp"
#include "support.hpp"

using exportctl::Determination;
using exportctl::SourceDocument;
using exportctl::Requirement;
using exportctl::RequirementStatus;
using exportctl::ReviewPolicy;
using exportctl::Verdict;
using support::rule;
using support::Run;
using support::version;

namespace {

using Documents = support::Documents;

// Big and Huge are 3A090.a under the test classification (TPP >= 4800); Small is not.
Documents law(Documents rules) {
  Documents documents{
      support::countries(),
      support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "die_area_mm2": 814, "datacenter": true})",
                                               R"({"aliases": ["B1"]})"),
                                support::model("Huge", R"({"tpp": 20000, "datacenter": true})"),
                                support::model("Small", R"({"tpp": 100, "datacenter": true})")}),
      rule("classification", "t.classify",
           {version(1, "2020-01-01", R"({"classes": [{"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 4800}}]})")})};
  for (auto& document : rules) documents.push_back(std::move(document));
  return documents;
}

exportctl::Engine engine_with(Documents rules) { return support::load(law(std::move(rules))); }

// A US license for 3A090.a items to China or Viet Nam; `extra` is merged into its version.
SourceDocument license(std::string_view extra = "{}", std::string_view id = "t.lic") {
  nlohmann::json v = version(1, "2020-01-01",
                             R"({"when": {"fact": "destination", "in": ["CN", "VN"]},
                                 "items": {"fact": "eccn", "in": ["3A090.a"]}})");
  v.update(nlohmann::json::parse(extra));
  return rule("license", id, {v});
}

// A shipment of one "ACME Big" from the US to China on 2025-08-01; `overrides` replaces top-level keys.
std::string shipment(std::string_view overrides = "{}") {
  nlohmann::json s = {{"id", "T-1"}, {"ship_date", "2025-08-01"}, {"origin", "US"}, {"destination", "CN"},
                      {"items", nlohmann::json::array({{{"model", "ACME Big"}}})}};
  s.update(nlohmann::json::parse(overrides));
  return s.dump();
}

std::string status(const Requirement& requirement) { return std::string(exportctl::name(requirement.status)); }
std::string verdict(const Run& run) { return std::string(exportctl::name(run.answer.verdict)); }
std::string date(std::optional<exportctl::Date> value) { return value ? exportctl::to_string(*value) : "none"; }

std::vector<int> items_of(const Determination& answer, const Requirement& requirement) {
  std::vector<int> items;
  for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k) items.push_back(answer.item_indexes[k]);
  return items;
}

// The requirements of rule `id`, in order.
std::vector<const Requirement*> of_rule(const Run& run, std::string_view id) {
  std::vector<const Requirement*> found;
  for (const Requirement& requirement : run.answer.requirements)
    if (requirement.rule->rule->id == id) found.push_back(&requirement);
  return found;
}

const Requirement& only(const Run& run, std::string_view id) {
  auto found = of_rule(run, id);
  INFO("requirements of " << id);
  REQUIRE(found.size() == 1);
  return *found[0];
}

}  // namespace

// ---- route legs -------------------------------------------------------------------------------

TEST_CASE("screen: route legs are the export and each via stop", "[screen]") {
  auto engine = engine_with({license()});
  auto run = support::screen(engine, shipment(R"({"destination": "VN", "via": [
      {"country": "MY", "activity": "transshipment", "date": "2025-08-05"}, {"country": "SG", "activity": "transit"}]})"));
  const auto& movements = run.answer.movements;
  REQUIRE(movements.size() == 3);
  CHECK(movements[0].kind == exportctl::MovementKind::export_);
  CHECK(movements[0].at == support::country(engine, "US"));
  CHECK(exportctl::to_string(movements[0].date) == "2025-08-01");
  CHECK(movements[0].stop == -1);
  CHECK(movements[1].kind == exportctl::MovementKind::transshipment);
  CHECK(movements[1].at == support::country(engine, "MY"));
  CHECK(exportctl::to_string(movements[1].date) == "2025-08-05");
  CHECK(movements[1].stop == 0);
  CHECK(movements[2].kind == exportctl::MovementKind::transit);
  CHECK(movements[2].at == support::country(engine, "SG"));
  CHECK(exportctl::to_string(movements[2].date) == "2025-08-01");  // a stop without a date: the ship date
  CHECK(movements[2].stop == 1);
  // The license is an export rule (the default movement): one requirement, on the export leg.
  const Requirement& requirement = only(run, "t.lic");
  CHECK(requirement.movement == 0);
}

TEST_CASE("screen: origin == destination is not an export", "[screen]") {
  auto engine = engine_with({license(R"({"when": {"fact": "origin", "in": ["US"]}})")});
  auto run = support::screen(engine, shipment(R"({"destination": "US"})"));
  CHECK(run.answer.movements.empty());
  CHECK(run.answer.requirements.empty());
  CHECK(verdict(run) == "cleared");
  CHECK(run.answer.items.size() == 1);  // items are still classified
  CHECK(run.answer.items[0].eccn == exportctl::Eccn::c3A090_a);
}

TEST_CASE("screen: rules act only on their movements and places", "[screen]") {
  auto engine = engine_with(
      {rule("permit", "t.permit", {version(1, "2020-01-01", R"({"movements": ["transshipment"], "at": ["MY"]})")}, "MY",
            "MY-MITI"),
       rule("advisory", "t.transit", {version(1, "2020-01-01", R"({"movements": ["transit", "transshipment"]})")}, "TH",
            "TH-DFT")});
  auto run = support::screen(engine, shipment(R"({"destination": "VN", "via": [
      {"country": "SG", "activity": "transshipment"}, {"country": "MY", "activity": "transit"},
      {"country": "MY", "activity": "transshipment"}]})"));
  REQUIRE(run.answer.movements.size() == 4);
  const Requirement& permit = only(run, "t.permit");
  CHECK(permit.movement == 3);  // not the SG transshipment, not the MY transit
  CHECK(permit.kind == exportctl::RequirementKind::permit);
  CHECK(status(permit) == "missing");
  auto advisories = of_rule(run, "t.transit");
  REQUIRE(advisories.size() == 3);
  CHECK(advisories[0]->movement == 1);
  CHECK(advisories[1]->movement == 2);
  CHECK(advisories[2]->movement == 3);
  CHECK(status(*advisories[0]) == "advisory");
  CHECK(verdict(run) == "action_required");
}

// ---- notices ------------------------------------------------------------------------------------

TEST_CASE("screen: a notice period at N-1, N and N+1 days", "[screen]") {
  auto engine = engine_with({rule("notification", "t.notice",
                                  {version(1, "2020-01-01", R"({"movements": ["transshipment"], "at": ["MY"], "notice_days": 30})")},
                                  "MY", "MY-MITI")});
  // The movement in Malaysia is on 2025-08-05, four days after the ship date.
  auto with_notice = [&](std::string_view filed_on) {
    std::string notices = filed_on.empty() ? "[]"
                                           : R"([{"authority": "MY-MITI", "filed_on": ")" + std::string(filed_on) +
                                                 R"(", "reference": "STS/1"}])";
    return support::screen(engine, shipment(R"({"destination": "VN", "via": [{"country": "MY", "activity":
        "transshipment", "date": "2025-08-05"}], "notices": )" + notices + "}"));
  };
  SECTION("filed N+1 days before: satisfied") {
    auto run = with_notice("2025-07-05");
    const Requirement& notice = only(run, "t.notice");
    CHECK(status(notice) == "satisfied");
    CHECK(notice.notice == 0);
    CHECK(notice.notice_days == 30);
    CHECK(date(notice.deadline) == "2025-07-06");
    CHECK(date(notice.ready_on) == "none");
    CHECK(verdict(run) == "cleared");
  }
  SECTION("filed exactly N days before: satisfied") {
    auto run = with_notice("2025-07-06");
    CHECK(status(only(run, "t.notice")) == "satisfied");
    CHECK(verdict(run) == "cleared");
    CHECK(date(run.answer.earliest_ship_date) == "none");
  }
  SECTION("filed N-1 days before: late, ready a day later") {
    auto run = with_notice("2025-07-07");
    const Requirement& notice = only(run, "t.notice");
    CHECK(status(notice) == "late");
    CHECK(date(notice.deadline) == "2025-07-06");
    CHECK(date(notice.ready_on) == "2025-08-06");
    CHECK(verdict(run) == "action_required");
    // The ship date moves by as much as the Malaysian movement must.
    CHECK(date(run.answer.earliest_ship_date) == "2025-08-02");
  }
  SECTION("filed after the movement: late") {
    auto run = with_notice("2025-08-10");
    const Requirement& notice = only(run, "t.notice");
    CHECK(status(notice) == "late");
    CHECK(date(notice.ready_on) == "2025-09-09");
    CHECK(date(run.answer.earliest_ship_date) == "2025-09-05");
  }
  SECTION("no notice: missing, with its deadline") {
    auto run = with_notice("");
    const Requirement& notice = only(run, "t.notice");
    CHECK(status(notice) == "missing");
    CHECK(notice.notice == -1);
    CHECK(date(notice.deadline) == "2025-07-06");
    CHECK(date(run.answer.earliest_ship_date) == "none");
    CHECK(verdict(run) == "action_required");
  }
}

TEST_CASE("screen: a notice period that would end after 9999-12-31", "[screen][limits]") {
  // 9999-12-31 is the last day a date may be given as; the day a late notice's period ends is
  // then past the calendar: no day to move on, never an overflow (issue 14, finding 3).
  auto engine = engine_with({rule("notification", "t.notice",
                                  {version(1, "2020-01-01", R"({"movements": ["transshipment"], "at": ["MY"], "notice_days": 30})")},
                                  "MY", "MY-MITI")});
  auto run = support::screen(engine, shipment(R"({"ship_date": "9999-12-31", "destination": "VN",
      "via": [{"country": "MY", "activity": "transshipment"}],
      "notices": [{"authority": "MY-MITI", "filed_on": "9999-12-30", "reference": "STS/1"}]})"));
  const Requirement& notice = only(run, "t.notice");
  CHECK(status(notice) == "late");
  CHECK(date(notice.deadline) == "9999-12-01");
  CHECK(date(notice.ready_on) == "none");
  CHECK(date(run.answer.earliest_ship_date) == "none");
  CHECK(verdict(run) == "action_required");
  std::string text;
  engine.write_text(run.shipment, run.answer, text);
  CHECK_THAT(text, Catch::Contains("the last day to file was 9999-12-01; the notice period runs past 9999-12-31"));
  std::string json;
  engine.write_json(run.shipment, run.answer, {}, json);
  CHECK_THAT(json, Catch::Contains(R"("deadline":"9999-12-01")"));
  CHECK_THAT(json, !Catch::Contains("ready_on"));
  // Filed on time on the last day of the calendar: satisfied, nothing to compute past it.
  auto early = support::screen(engine, shipment(R"({"ship_date": "9999-12-31", "destination": "VN",
      "via": [{"country": "MY", "activity": "transshipment"}],
      "notices": [{"authority": "MY-MITI", "filed_on": "9999-11-01", "reference": "STS/1"}]})"));
  CHECK(status(only(early, "t.notice")) == "satisfied");
}

TEST_CASE("screen: notices count only for their authority, the earliest wins", "[screen]") {
  auto engine = engine_with({rule("notification", "t.notice", {version(1, "2020-01-01", R"({"notice_days": 10})")}, "MY",
                                  "MY-MITI")});
  auto other_authority = support::screen(
      engine, shipment(R"({"notices": [{"authority": "US-BIS", "filed_on": "2025-07-01", "reference": "X"}]})"));
  CHECK(status(only(other_authority, "t.notice")) == "missing");
  auto two = support::screen(engine, shipment(R"({"notices": [
      {"authority": "MY-MITI", "filed_on": "2025-07-30", "reference": "late one"},
      {"authority": "US-BIS", "filed_on": "2025-07-01"},
      {"authority": "MY-MITI", "filed_on": "2025-07-20", "reference": "early one"}]})"));
  const Requirement& notice = only(two, "t.notice");
  CHECK(status(notice) == "satisfied");
  CHECK(notice.notice == 2);
}

// ---- authorizations -----------------------------------------------------------------------------

TEST_CASE("screen: authorizations are matched by authority, kind, dates, destinations and models", "[screen]") {
  auto engine = engine_with({license()});
  auto with = [&](std::string_view authorization) {
    return support::screen(engine, shipment(R"({"authorizations": [)" + std::string(authorization) + "]}"));
  };
  const std::string base = R"("authority": "US-BIS", "kind": "license", "number": "D1")";
  auto check = [&](std::string_view fields, const char* expected) {
    INFO("authorization: " << fields);
    auto run = with("{" + base + std::string(fields) + "}");
    const Requirement& requirement = only(run, "t.lic");
    CHECK(status(requirement) == expected);
    CHECK(requirement.authorization == (std::string(expected) == "satisfied" ? 0 : -1));
  };
  check("", "satisfied");
  check(R"(, "valid_from": "2025-08-01", "valid_to": "2025-08-01")", "satisfied");  // both ends inclusive
  check(R"(, "valid_from": "2025-08-02")", "missing");
  check(R"(, "valid_to": "2025-07-31")", "missing");
  check(R"(, "destinations": ["CN", "HK"])", "satisfied");
  check(R"(, "destinations": ["VN"])", "missing");
  check(R"(, "models": ["ACME Big"])", "satisfied");
  check(R"(, "models": ["acme big"])", "satisfied");
  check(R"(, "models": ["ACME-BIG"])", "satisfied");
  check(R"(, "models": ["ACME Huge"])", "missing");
  check(R"(, "models": ["ACME Huge", "ACME Big"])", "satisfied");

  auto wrong_authority = with(R"({"authority": "MY-MITI", "kind": "license", "number": "M1"})");
  CHECK(status(only(wrong_authority, "t.lic")) == "missing");
  auto wrong_kind = with(R"({"authority": "US-BIS", "kind": "permit", "number": "P1"})");
  CHECK(status(only(wrong_kind, "t.lic")) == "missing");
  // The second of two authorizations can be the one that covers.
  auto second = support::screen(engine, shipment(R"({"authorizations": [
      {"authority": "US-BIS", "kind": "license", "number": "OLD", "valid_to": "2024-12-31"},
      {"authority": "US-BIS", "kind": "license", "number": "NEW", "valid_from": "2025-01-01"}]})"));
  CHECK(only(second, "t.lic").authorization == 1);
}

TEST_CASE("screen: authorization models: vendor prefix optional, aliases", "[screen]") {
  // A catalog model matches whichever of its names either side uses.
  auto engine = engine_with({license()});
  auto run = [&](std::string_view item, std::string_view listed) {
    return support::screen(engine, shipment(R"({"items": [{"model": ")" + std::string(item) +
                                            R"("}], "authorizations": [{"authority": "US-BIS", "kind": "license",
                                            "number": "D1", "models": [")" + std::string(listed) + R"("]}]})"));
  };
  CHECK(status(only(run("ACME Big", "Big"), "t.lic")) == "satisfied");
  CHECK(status(only(run("Big", "ACME Big"), "t.lic")) == "satisfied");
  CHECK(status(only(run("B1", "ACME Big"), "t.lic")) == "satisfied");
  CHECK(status(only(run("ACME Big", "b-1"), "t.lic")) == "satisfied");
  CHECK(status(only(run("ACME Big", "Huge"), "t.lic")) == "missing");
}

TEST_CASE("screen: an uncatalogued model is matched by its normalized name", "[screen]") {
  auto engine = engine_with({license()});
  auto run = [&](std::string_view listed) {
    return support::screen(engine, shipment(R"({"items": [{"model": "Custom X-9", "metrics": {"tpp": 9000}}],
        "authorizations": [{"authority": "US-BIS", "kind": "license", "number": "D1", "models": [")" +
                                            std::string(listed) + R"("]}]})"));
  };
  CHECK(status(only(run("custom x9"), "t.lic")) == "satisfied");
  CHECK(status(only(run("Custom X-10"), "t.lic")) == "missing");
}

TEST_CASE("screen: a permit is matched on the date of its movement", "[screen]") {
  auto engine = engine_with({rule("permit", "t.permit", {version(1, "2020-01-01", R"({"movements": ["transshipment"],
                                  "at": ["MY"]})")}, "MY", "MY-MITI")});
  auto with_permit_to = [&](std::string_view valid_to) {
    return support::screen(engine, shipment(R"({"destination": "VN", "via": [{"country": "MY", "activity": "transshipment",
        "date": "2025-08-10"}], "authorizations": [{"authority": "MY-MITI", "kind": "permit", "number": "P9",
        "valid_to": ")" + std::string(valid_to) + R"("}]})"));
  };
  CHECK(status(only(with_permit_to("2025-08-10"), "t.permit")) == "satisfied");
  CHECK(status(only(with_permit_to("2025-08-09"), "t.permit")) == "missing");  // valid on the ship date, not in MY
}

// ---- license exceptions -------------------------------------------------------------------------

TEST_CASE("screen: a license exception with a notice period", "[screen]") {
  auto engine = engine_with(
      {license(), rule("exception", "t.nac", {version(1, "2020-01-01", R"({"name": "NAC", "covers": ["t.lic"],
          "notice_days": 25, "reference_pattern": "A[0-9]+", "when": {"fact": "destination", "in": ["CN"]}})")})});
  auto with_notices = [&](std::string_view notices, std::string_view destination = "CN") {
    return support::screen(engine, shipment(R"({"destination": ")" + std::string(destination) + R"(", "notices": )" +
                                            std::string(notices) + "}"));
  };
  SECTION("notice on time: exception") {
    auto run = with_notices(R"([{"authority": "US-BIS", "filed_on": "2025-07-07", "reference": "A000001"}])");
    const Requirement& requirement = only(run, "t.lic");
    CHECK(status(requirement) == "exception");
    REQUIRE(requirement.exception_rule != nullptr);
    CHECK(requirement.exception_rule->rule->id == "t.nac");
    CHECK(requirement.notice == 0);
    CHECK(date(requirement.deadline) == "2025-07-07");
    CHECK(verdict(run) == "cleared");
  }
  SECTION("notice a day late: late, with the day it may ship") {
    auto run = with_notices(R"([{"authority": "US-BIS", "filed_on": "2025-07-08", "reference": "A000001"},
        {"authority": "US-BIS", "filed_on": "2025-07-01", "reference": "A12x"}])");  // the earlier one's reference is bad
    const Requirement& requirement = only(run, "t.lic");
    CHECK(status(requirement) == "late");
    CHECK(requirement.exception_rule->rule->id == "t.nac");
    CHECK(date(requirement.ready_on) == "2025-08-02");
    CHECK(date(run.answer.earliest_ship_date) == "2025-08-02");
    CHECK(verdict(run) == "action_required");
  }
  SECTION("notice without a reference matching the pattern does not count") {
    auto run = with_notices(R"([{"authority": "MY-MITI", "filed_on": "2025-06-01", "reference": "A1"},
        {"authority": "US-BIS", "filed_on": "2025-07-01", "reference": "STS/1"}, {"authority": "US-BIS", "filed_on": "2025-06-30"}])");
    const Requirement& requirement = only(run, "t.lic");
    CHECK(status(requirement) == "missing");
    CHECK(requirement.notice == 2);  // named (the earliest to US-BIS), so the explanation can say why it fails
    REQUIRE(requirement.exception_rule != nullptr);  // named as the way out, with its deadline
    CHECK(date(requirement.deadline) == "2025-07-07");
    CHECK(date(run.answer.earliest_ship_date) == "none");
  }
  SECTION("exception whose condition does not hold") {
    auto run = with_notices(R"([{"authority": "US-BIS", "filed_on": "2025-07-01", "reference": "A1"}])", "VN");
    const Requirement& requirement = only(run, "t.lic");
    CHECK(status(requirement) == "missing");
    CHECK(requirement.exception_rule == nullptr);
    CHECK_FALSE(requirement.deadline.has_value());
  }
}

TEST_CASE("screen: a license exception without notice, and precedence of an authorization", "[screen]") {
  auto engine = engine_with(
      {license(), rule("exception", "t.aca", {version(1, "2020-01-01", R"({"name": "ACA", "covers": ["t.lic"],
          "items": {"fact": "model", "in": ["Huge"]}})")})});
  auto run = support::screen(engine, shipment(R"({"items": [{"model": "Big"}, {"model": "Huge"}]})"));
  auto requirements = of_rule(run, "t.lic");
  REQUIRE(requirements.size() == 2);
  CHECK(status(*requirements[0]) == "missing");
  CHECK(items_of(run.answer, *requirements[0]) == std::vector<int>{0});
  CHECK(status(*requirements[1]) == "exception");
  CHECK(items_of(run.answer, *requirements[1]) == std::vector<int>{1});
  CHECK(requirements[1]->notice == -1);
  CHECK_FALSE(requirements[1]->deadline.has_value());

  auto licensed = support::screen(engine, shipment(R"({"items": [{"model": "Huge"}],
      "authorizations": [{"authority": "US-BIS", "kind": "license", "number": "L1"}]})"));
  const Requirement& requirement = only(licensed, "t.lic");
  CHECK(status(requirement) == "satisfied");
  CHECK(requirement.exception_rule == nullptr);
}

TEST_CASE("screen: of two exceptions the one that is met wins", "[screen]") {
  auto engine = engine_with(
      {license(),
       rule("exception", "t.a-notice", {version(1, "2020-01-01", R"({"name": "NAC", "covers": ["t.lic"], "notice_days": 25})")}),
       rule("exception", "t.b-free", {version(1, "2020-01-01", R"({"name": "LPP", "covers": ["t.lic"]})")})});
  auto run = support::screen(engine, shipment());
  const Requirement& requirement = only(run, "t.lic");
  CHECK(status(requirement) == "exception");
  CHECK(requirement.exception_rule->rule->id == "t.b-free");
}

// ---- is-informed letters ------------------------------------------------------------------------

TEST_CASE("screen: exporter_matches: case-insensitive whole words", "[screen]") {
  using exportctl::exporter_matches;
  const std::vector<std::string> nvidia{"NVIDIA"};
  CHECK(exporter_matches("NVIDIA Corporation", nvidia));
  CHECK(exporter_matches("nvidia corp", nvidia));
  CHECK(exporter_matches("Resold by NVIDIA", nvidia));
  CHECK(exporter_matches("NVIDIA", nvidia));
  CHECK(exporter_matches("NVIDIA-Singapore Pte", nvidia));
  CHECK_FALSE(exporter_matches("NVIDIAX Ltd", nvidia));
  CHECK_FALSE(exporter_matches("XNVIDIA", nvidia));
  CHECK_FALSE(exporter_matches("NVIDI", nvidia));
  CHECK_FALSE(exporter_matches("", nvidia));
  CHECK(exporter_matches("Advanced Micro Devices (AMD)", {"NVIDIA", "AMD"}));
  CHECK_FALSE(exporter_matches("anything", {""}));
}

TEST_CASE("screen: an is-informed letter binds the informed exporter only", "[screen]") {
  auto engine = engine_with({license(R"({"binds_exporters": ["ACME"], "when": {"fact": "destination", "in": ["CN"]},
      "items": {"fact": "model", "in": ["Small"]}})", "t.letter")});
  auto with_exporter = [&](std::string_view exporter) {
    return support::screen(engine, shipment(std::string(R"({"items": [{"model": "Small"}])") +
                                            (exporter.empty() ? "" : R"(, "exporter": )" + std::string(exporter)) + "}"));
  };
  SECTION("the informed exporter needs a license") {
    auto run = with_exporter(R"({"name": "Acme Corporation", "country": "US", "headquarters": "US"})");
    const Requirement& requirement = only(run, "t.letter");
    CHECK(requirement.kind == exportctl::RequirementKind::license);
    CHECK(status(requirement) == "missing");
    CHECK(requirement.exporter_bound);
    CHECK(verdict(run) == "action_required");
  }
  SECTION("another exporter gets an advisory") {
    auto run = with_exporter(R"({"name": "Acmeville Trading", "country": "US"})");
    const Requirement& requirement = only(run, "t.letter");
    CHECK(requirement.kind == exportctl::RequirementKind::advisory);
    CHECK(status(requirement) == "advisory");
    CHECK_FALSE(requirement.exporter_bound);
    CHECK(verdict(run) == "cleared");
  }
  SECTION("no exporter named: treated as the informed one") {
    auto run = with_exporter("");
    const Requirement& requirement = only(run, "t.letter");
    CHECK(status(requirement) == "missing");
    CHECK(requirement.exporter_bound);
  }
}

TEST_CASE("screen: an exporter given without a name is treated as the informed one", "[screen]") {
  // An exporter object without "name" is unnamed too: the conservative reading binds it.
  auto engine = engine_with({license(R"({"binds_exporters": ["ACME"], "when": {"fact": "destination", "in": ["CN"]},
      "items": {"fact": "model", "in": ["Small"]}})", "t.letter")});
  auto run = support::screen(engine, shipment(R"({"items": [{"model": "Small"}], "exporter": {"country": "US"}})"));
  const Requirement& requirement = only(run, "t.letter");
  CHECK(status(requirement) == "missing");
  CHECK(requirement.exporter_bound);
}

// ---- review policies ----------------------------------------------------------------------------

TEST_CASE("screen: review policies, the first clause that holds decides, an undecidable one makes it stricter", "[screen]") {
  auto engine = engine_with(
      {license(), rule("review_policy", "t.rev", {version(1, "2020-01-01", R"({"applies_to": "t.lic", "policies": [
          {"policy": "presumption_of_denial", "when": {"fact": "destination", "in": ["CN"]}},
          {"policy": "case_by_case", "when": {"fact": "party_headquarters", "in": ["CN"]}},
          {"policy": "presumption_of_approval"}]})")})});
  auto policy = [&](std::string_view destination, std::string_view parties) {
    auto run = support::screen(engine, shipment(R"({"destination": ")" + std::string(destination) + R"(", "parties": )" +
                                                std::string(parties) + "}"));
    return std::string(exportctl::name(only(run, "t.lic").review_policy));
  };
  CHECK(policy("CN", "[]") == "presumption_of_denial");
  // No party listed: nobody's headquarters is known, so the case_by_case clause might hold.
  CHECK(policy("VN", "[]") == "case_by_case");
  CHECK(policy("VN", R"([{"role": "end_user", "headquarters": "VN"}])") == "presumption_of_approval");
  CHECK(policy("VN", R"([{"role": "end_user", "headquarters": "VN"}, {"role": "purchaser", "headquarters": "CN"}])") ==
        "case_by_case");
  // A party without headquarters: the case_by_case clause might hold, so approval is not enough.
  CHECK(policy("VN", R"([{"role": "end_user", "name": "Unknown Co"}])") == "case_by_case");
}

TEST_CASE("screen: an undecidable clause never loosens a stricter later clause", "[screen]") {
  auto engine = engine_with(
      {license(), rule("review_policy", "t.rev", {version(1, "2020-01-01", R"({"applies_to": "t.lic", "policies": [
          {"policy": "presumption_of_approval", "when": {"fact": "party_headquarters", "in": ["VN"]}},
          {"policy": "presumption_of_denial", "when": {"fact": "destination", "in": ["VN"]}}]})")})});
  auto policy = [&](std::string_view destination, std::string_view parties) {
    auto run = support::screen(engine, shipment(R"({"destination": ")" + std::string(destination) + R"(", "parties": )" +
                                                std::string(parties) + "}"));
    return std::string(exportctl::name(only(run, "t.lic").review_policy));
  };
  CHECK(policy("VN", R"([{"role": "end_user"}])") == "presumption_of_denial");
  CHECK(policy("VN", R"([{"role": "end_user", "headquarters": "VN"}])") == "presumption_of_approval");
  CHECK(policy("CN", R"([{"role": "end_user"}])") == "presumption_of_approval");  // only the undecidable clause
  CHECK(policy("CN", R"([{"role": "end_user", "headquarters": "CN"}])") == "");   // no clause holds
}

// ---- verdicts -----------------------------------------------------------------------------------

TEST_CASE("screen: verdict precedence", "[screen]") {
  auto engine = engine_with(
      {license(),
       rule("prohibition", "t.ban", {version(1, "2020-01-01", R"({"when": {"fact": "destination", "in": ["CN"]},
           "items": {"fact": "model", "in": ["Huge"]}})")}),
       rule("advisory", "t.note", {version(1, "2020-01-01", R"({"when": {"fact": "destination", "in": ["TH"]}})")})});
  // An item whose class cannot be decided (no TPP) makes the license rule undecidable for it.
  const std::string unknown_item = R"({"description": "custom", "metrics": {"die_area_mm2": 100}})";
  auto run = [&](std::string_view destination, std::string_view items) {
    return support::screen(engine, shipment(R"({"destination": ")" + std::string(destination) + R"(", "items": )" +
                                            std::string(items) + "}"));
  };
  auto prohibited = run("CN", R"([{"model": "Huge"}, {"model": "Big"}, )" + unknown_item + "]");
  CHECK(verdict(prohibited) == "prohibited");
  CHECK(exportctl::exit_code(prohibited.answer.verdict) == 4);
  CHECK(status(only(prohibited, "t.ban")) == "missing");
  CHECK(only(prohibited, "t.ban").kind == exportctl::RequirementKind::prohibition);

  auto action = run("CN", R"([{"model": "Big"}, )" + unknown_item + "]");
  CHECK(verdict(action) == "action_required");
  CHECK(exportctl::exit_code(action.answer.verdict) == 3);

  auto indeterminate = run("CN", "[" + unknown_item + "]");
  CHECK(verdict(indeterminate) == "indeterminate");
  CHECK(exportctl::exit_code(indeterminate.answer.verdict) == 5);
  CHECK(indeterminate.answer.requirements.empty());
  // The license cannot be decided (class unknown); the ban can (an item named by no model is not
  // the banned one).
  REQUIRE(indeterminate.answer.warnings.size() == 1);
  CHECK(indeterminate.answer.warnings[0].code == exportctl::WarningCode::indeterminate);
  CHECK(indeterminate.answer.warnings[0].item == 0);
  CHECK(indeterminate.answer.warnings[0].rule->rule->id == "t.lic");
  CHECK(indeterminate.answer.items[0].indeterminate);

  auto cleared = run("CN", R"([{"model": "Small"}])");
  CHECK(verdict(cleared) == "cleared");
  CHECK(exportctl::exit_code(cleared.answer.verdict) == 0);
  CHECK(cleared.answer.requirements.empty());

  auto advisory_only = run("TH", R"([{"model": "Big"}])");  // advisories never block
  CHECK(status(only(advisory_only, "t.note")) == "advisory");
  CHECK(verdict(advisory_only) == "cleared");
}

TEST_CASE("screen: an unknown shipment fact makes a rule undecidable for every item", "[screen]") {
  auto engine = engine_with({rule("license", "t.hq", {version(1, "2020-01-01", R"({"when": {"fact": "party_headquarters",
                                  "in": ["CN"]}})")})});
  auto run = support::screen(engine, shipment(R"({"destination": "VN", "items": [{"model": "Big"}, {"model": "Small"}],
      "parties": [{"role": "end_user"}]})"));
  CHECK(run.answer.requirements.empty());
  REQUIRE(run.answer.warnings.size() == 2);
  CHECK(run.answer.warnings[0].item == 0);
  CHECK(run.answer.warnings[1].item == 1);
  CHECK(verdict(run) == "indeterminate");
}

TEST_CASE("screen: shipment_total_tpp sums TPP x quantity", "[screen]") {
  auto engine = engine_with({rule("license", "t.volume", {version(1, "2020-01-01", R"({"when": {"fact": "shipment_total_tpp",
                                  ">": 100000}})")})});
  CHECK(verdict(support::screen(engine, shipment(R"({"items": [{"model": "Big", "quantity": 6}]})"))) == "cleared");
  CHECK(verdict(support::screen(engine, shipment(R"({"items": [{"model": "Big", "quantity": 7}]})"))) ==
        "action_required");
  CHECK(verdict(support::screen(engine, shipment(R"({"items": [{"model": "Big", "quantity": 6},
      {"model": "Small", "quantity": 100}]})"))) == "action_required");
}

// ---- an exception limited per consignee and year (LPP) -------------------------------------------

TEST_CASE("screen: consignee_year_total_tpp adds the shipments the store counted", "[screen]") {
  // ACME Big: 15,832 TPP. The exception covers up to 100,000 TPP per consignee per year.
  auto engine = engine_with({license(), rule("exception", "t.lpp", {version(1, "2020-01-01", R"({"name": "LPP",
      "covers": ["t.lic"], "when": {"fact": "consignee_year_total_tpp", "<=": 100000}})")})});
  auto run_with = [&](std::optional<std::vector<exportctl::CountedShipment>> counted, int quantity = 1) {
    Run run;
    run.shipment = support::parse(engine, shipment(R"({"items": [{"model": "ACME Big", "quantity": )" +
                                                   std::to_string(quantity) + "}]}"));
    run.shipment.counted_shipments = std::move(counted);
    engine.screen(run.shipment, {}, run.answer);
    return run;
  };
  auto earlier = [](double tpp) { return exportctl::CountedShipment{7, "SO-7", support::day("2025-03-01"), tpp}; };
  SECTION("a store with nothing counted decides: this shipment alone") {
    auto run = run_with(std::vector<exportctl::CountedShipment>{});
    CHECK(status(only(run, "t.lic")) == "exception");
    CHECK(only(run, "t.lic").counted);
    CHECK(run.answer.total_tpp == 15832);
  }
  SECTION("within the limit with an earlier shipment") {
    auto run = run_with(std::vector{earlier(84168)});  // 15,832 + 84,168 = 100,000
    CHECK(status(only(run, "t.lic")) == "exception");
  }
  SECTION("over the limit because of an earlier shipment") {
    auto run = run_with(std::vector{earlier(84169)});
    CHECK(status(only(run, "t.lic")) == "missing");
    CHECK(only(run, "t.lic").counted);
    CHECK(verdict(run) == "action_required");
  }
  SECTION("an earlier shipment of unknown TPP leaves the year unknown: indeterminate, never cleared") {
    auto run = run_with(std::vector{earlier(exportctl::kUnknown)});
    CHECK(run.answer.requirements.empty());
    REQUIRE(run.answer.warnings.size() == 1);
    CHECK(run.answer.warnings[0].rule->rule->id == "t.lpp");
    CHECK(verdict(run) == "indeterminate");
  }
  SECTION("without a store the count is unknown: indeterminate, naming the exception") {
    auto run = run_with(std::nullopt);
    CHECK(run.answer.requirements.empty());
    REQUIRE(run.answer.warnings.size() == 1);
    CHECK(run.answer.warnings[0].code == exportctl::WarningCode::indeterminate);
    CHECK(run.answer.warnings[0].rule->rule->id == "t.lpp");
    CHECK(verdict(run) == "indeterminate");
  }
  SECTION("without a store, a shipment over the limit alone is over it whatever came before") {
    auto run = run_with(std::nullopt, 7);  // 110,824 TPP
    CHECK(status(only(run, "t.lic")) == "missing");
    CHECK_FALSE(only(run, "t.lic").counted);
    CHECK(verdict(run) == "action_required");
  }
}

// ---- grouping -----------------------------------------------------------------------------------

TEST_CASE("screen: items with the same outcome share one requirement", "[screen]") {
  auto engine = engine_with({license()});
  auto run = support::screen(engine, shipment(R"({"items": [{"model": "ACME Big"}, {"model": "Huge"}, {"model": "Small"},
      {"model": "ACME Big", "quantity": 3}], "authorizations": [{"authority": "US-BIS", "kind": "license", "number": "L1",
      "models": ["ACME Big"]}]})"));
  auto requirements = of_rule(run, "t.lic");
  REQUIRE(requirements.size() == 2);
  CHECK(status(*requirements[0]) == "satisfied");
  CHECK(items_of(run.answer, *requirements[0]) == std::vector<int>{0, 3});
  CHECK(status(*requirements[1]) == "missing");
  CHECK(items_of(run.answer, *requirements[1]) == std::vector<int>{1});
  CHECK(run.answer.item_indexes.size() == 3);  // Small (not 3A090) is in no requirement
}

TEST_CASE("screen: each movement and each rule gets its own requirement", "[screen]") {
  auto engine = engine_with(
      {license(), rule("permit", "t.permit", {version(1, "2020-01-01", R"({"movements": ["export", "transit"]})")}, "MY",
                       "MY-MITI")});
  auto run = support::screen(engine, shipment(R"({"destination": "VN", "items": [{"model": "Big"}, {"model": "Huge"}],
      "via": [{"country": "SG", "activity": "transit"}]})"));
  REQUIRE(run.answer.requirements.size() == 3);
  // Order: movement by movement, rules in file order, items grouped.
  CHECK(run.answer.requirements[0].rule->rule->id == "t.lic");
  CHECK(run.answer.requirements[0].movement == 0);
  CHECK(items_of(run.answer, run.answer.requirements[0]) == std::vector<int>{0, 1});
  CHECK(run.answer.requirements[1].rule->rule->id == "t.permit");
  CHECK(run.answer.requirements[1].movement == 0);
  CHECK(run.answer.requirements[2].rule->rule->id == "t.permit");
  CHECK(run.answer.requirements[2].movement == 1);
}

// ---- dates, knowledge and warnings ---------------------------------------------------------------

TEST_CASE("screen: each leg is judged under the rules of its own date", "[screen]") {
  // The classification changes on 2025-08-04: Big is 3A090.a before and unclassified after.
  auto engine = support::load(
      {support::countries(),
       support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "datacenter": true})")}),
       rule("classification", "t.classify",
            {version(1, "2020-01-01", R"({"valid_to": "2025-08-03", "classes": [{"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 4800}}]})"),
             version(2, "2025-08-04", R"({"classes": [{"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 50000}}]})")}),
       rule("permit", "t.permit", {version(1, "2020-01-01", R"({"movements": ["export", "transshipment"],
            "items": {"fact": "eccn", "in": ["3A090.a"]}})")}, "MY", "MY-MITI")});
  auto run = support::screen(engine, shipment(R"({"destination": "VN", "via": [{"country": "MY", "activity":
      "transshipment", "date": "2025-08-05"}]})"));
  CHECK(run.answer.items[0].eccn == exportctl::Eccn::c3A090_a);  // reported: the ship date's class
  auto permits = of_rule(run, "t.permit");
  REQUIRE(permits.size() == 1);
  CHECK(permits[0]->movement == 0);  // not on the 2025-08-05 leg, where Big is no longer 3A090.a
}

TEST_CASE("screen: known_on replays what was known", "[screen]") {
  auto engine = engine_with({license(R"({"known_from": "2025-06-01"})")});
  auto recorded = support::screen(engine, shipment());
  CHECK(verdict(recorded) == "action_required");
  CHECK_FALSE(recorded.answer.known_on.has_value());

  auto in_shipment = support::screen(engine, shipment(R"({"known_on": "2025-05-31"})"));
  CHECK(verdict(in_shipment) == "cleared");
  CHECK(date(in_shipment.answer.known_on) == "2025-05-31");

  exportctl::ScreenOptions options;
  options.known_on = support::day("2025-06-01");  // the option wins over the shipment's known_on
  auto overridden = support::screen(engine, shipment(R"({"known_on": "2025-05-31"})"), options);
  CHECK(verdict(overridden) == "action_required");
  CHECK(date(overridden.answer.known_on) == "2025-06-01");
  CHECK(overridden.answer.rule_versions == 2);
  CHECK(in_shipment.answer.rule_versions == 1);
}

TEST_CASE("screen: proposed rules are warnings, only when asked", "[screen]") {
  auto engine = engine_with({license(R"({"status": "proposed"})", "t.draft")});
  auto plain = support::screen(engine, shipment());
  CHECK(plain.answer.warnings.empty());
  CHECK(verdict(plain) == "cleared");
  exportctl::ScreenOptions options;
  options.include_proposed = true;
  auto asked = support::screen(engine, shipment(), options);
  CHECK(asked.answer.requirements.empty());
  REQUIRE(asked.answer.warnings.size() == 1);
  CHECK(asked.answer.warnings[0].code == exportctl::WarningCode::proposed_rule);
  CHECK(asked.answer.warnings[0].kind == exportctl::RequirementKind::license);
  CHECK(asked.answer.warnings[0].rule->rule->id == "t.draft");
  CHECK(verdict(asked) == "cleared");
}

TEST_CASE("screen: unknown models are warned about", "[screen]") {
  auto engine = engine_with({license()});
  auto run = support::screen(engine, shipment(R"({"items": [{"model": "Big"}, {"model": "Mystery X", "metrics": {"tpp": 100}}]})"));
  REQUIRE(run.answer.warnings.size() == 1);
  CHECK(run.answer.warnings[0].code == exportctl::WarningCode::unknown_model);
  CHECK(run.answer.warnings[0].item == 1);
  CHECK(run.answer.warnings[0].rule == nullptr);
}

TEST_CASE("screen: the trace records every rule consulted", "[screen]") {
  auto engine = engine_with({license()});
  exportctl::ScreenOptions options;
  auto quiet = support::screen(engine, shipment(R"({"items": [{"model": "Big"}, {"model": "Small"}]})"));
  CHECK(quiet.answer.trace.empty());
  options.trace = true;
  auto traced = support::screen(engine, shipment(R"({"items": [{"model": "Big"}, {"model": "Small"}]})"), options);
  const auto& trace = traced.answer.trace;
  REQUIRE(trace.size() == 5);
  // Classification of each item, then the license on the export leg and for each item.
  CHECK(trace[0].rule->rule->id == "t.classify");
  CHECK(trace[0].item == 0);
  CHECK(trace[0].outcome == exportctl::Tri::yes);
  CHECK(trace[1].item == 1);
  CHECK(trace[1].outcome == exportctl::Tri::no);
  CHECK(trace[2].rule->rule->id == "t.lic");
  CHECK(trace[2].item == -1);
  CHECK(trace[2].movement == 0);
  CHECK(trace[3].outcome == exportctl::Tri::yes);
  CHECK(trace[4].outcome == exportctl::Tri::no);
}

TEST_CASE("screen: a reused Determination is fully reset", "[screen]") {
  auto engine = engine_with({rule("notification", "t.notice", {version(1, "2020-01-01", R"({"notice_days": 5})")}, "MY",
                                  "MY-MITI")});
  exportctl::Determination answer;
  exportctl::ScreenOptions options;
  options.trace = true;
  auto busy = support::parse(engine, shipment(R"({"items": [{"model": "Big"}, {"model": "Mystery"}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-30"}]})"));
  engine.screen(busy, options, answer);
  REQUIRE(answer.earliest_ship_date.has_value());
  auto quiet = support::parse(engine, shipment(R"({"destination": "US", "known_on": "2025-01-01"})"));
  engine.screen(quiet, {}, answer);
  CHECK(answer.verdict == Verdict::cleared);
  CHECK(answer.requirements.empty());
  CHECK(answer.item_indexes.empty());
  CHECK(answer.warnings.empty());
  CHECK(answer.trace.empty());
  CHECK(answer.movements.empty());
  CHECK(answer.items.size() == 1);
  CHECK_FALSE(answer.earliest_ship_date.has_value());
  CHECK(date(answer.known_on) == "2025-01-01");
}

TEST_CASE("screen: a proposed rule never changes the verdict", "[screen]") {
  // Even one that cannot be decided for an item: it is not binding.
  auto engine = engine_with({license(R"({"status": "proposed", "items": {"fact": "us_origin", "is": true}})", "t.draft")});
  const std::string text = shipment(R"({"items": [{"model": "Mystery", "metrics": {"tpp": 100, "datacenter": true}}]})");
  auto plain = support::screen(engine, text);
  REQUIRE(verdict(plain) == "cleared");
  exportctl::ScreenOptions options;
  options.include_proposed = true;
  auto asked = support::screen(engine, text, options);
  CHECK(verdict(asked) == "cleared");
}

TEST_CASE("screen: an unclassifiable item is never cleared silently, unless US rules cannot reach it", "[screen]") {
  // No rule reaches the item (the license is for Viet Nam only), but its class is unknown.
  auto engine = engine_with({license(R"({"when": {"fact": "destination", "in": ["VN"]}})")});
  auto us_origin = support::screen(engine, shipment(R"({"items": [{"description": "x", "metrics": {"die_area_mm2": 10}}]})"));
  CHECK(us_origin.answer.items[0].indeterminate);
  CHECK(us_origin.answer.warnings.empty());
  CHECK(verdict(us_origin) == "indeterminate");
  // A foreign-made item leaving the United States is still subject to the EAR (734.3(a)(1)).
  const std::string foreign_item = R"([{"description": "x", "us_origin": false, "metrics": {"die_area_mm2": 10}}])";
  auto from_us = support::screen(engine, shipment(R"({"items": )" + foreign_item + "}"));
  CHECK(verdict(from_us) == "indeterminate");
  CHECK(from_us.answer.warnings.empty());
  // Leaving another country, only de minimis or a foreign direct product rule could reach it:
  // not modelled, so a warning says so and the missing class does not hold the answer.
  auto from_malaysia = support::screen(engine, shipment(R"({"origin": "MY", "items": )" + foreign_item + "}"));
  CHECK(verdict(from_malaysia) == "cleared");
  REQUIRE(from_malaysia.answer.warnings.size() == 1);
  CHECK(from_malaysia.answer.warnings[0].code == exportctl::WarningCode::foreign_made_item);
  CHECK(from_malaysia.answer.warnings[0].item == 0);
}

TEST_CASE("screen: with no party listed the headquarters test is undecided, never false", "[screen]") {
  auto engine = engine_with({license(R"({"when": {"fact": "party_headquarters", "in": ["CN"]}})")});
  auto none = support::screen(engine, shipment(R"({"destination": "SG", "items": [{"model": "Big"}]})"));
  CHECK(verdict(none) == "indeterminate");
  REQUIRE(none.answer.warnings.size() == 1);
  CHECK(none.answer.warnings[0].code == exportctl::WarningCode::indeterminate);
  auto chinese = support::screen(engine, shipment(R"({"destination": "SG", "items": [{"model": "Big"}],
      "parties": [{"role": "end_user", "country": "SG", "headquarters": "CN"}]})"));
  CHECK(verdict(chinese) == "action_required");
  auto local = support::screen(engine, shipment(R"({"destination": "SG", "items": [{"model": "Big"}],
      "parties": [{"role": "end_user", "country": "SG", "headquarters": "SG"}]})"));
  CHECK(verdict(local) == "cleared");
}

TEST_CASE("screen: an item test false for every item decides, whatever the shipment test", "[screen]") {
  // The headquarters are unknown (a party without them), but no item is concerned: cleared.
  auto engine = engine_with({license(R"({"when": {"fact": "party_headquarters", "in": ["CN"]},
      "items": {"fact": "tpp", ">=": 4800}})")});
  const std::string party = R"(, "parties": [{"role": "end_user", "name": "Unknown Co"}]})";
  auto small = support::screen(engine, shipment(R"({"destination": "SG", "items": [{"model": "Small"}])" + party));
  CHECK(verdict(small) == "cleared");
  CHECK(small.answer.warnings.empty());
  // One item the test concerns is enough for the undecided shipment test to matter.
  auto mixed = support::screen(engine, shipment(R"({"destination": "SG", "items": [{"model": "Small"}, {"model": "Big"}])" + party));
  CHECK(verdict(mixed) == "indeterminate");
  REQUIRE(mixed.answer.warnings.size() == 1);
  CHECK(mixed.answer.warnings[0].item == 1);
}

TEST_CASE("screen: advice that cannot be decided never makes the answer indeterminate", "[screen]") {
  auto engine = engine_with({rule("advisory", "t.adv", {version(1, "2020-01-01", R"({"when": {"fact": "party_headquarters", "in": ["CN"]}})")})});
  auto run = support::screen(engine, shipment(R"({"destination": "SG", "items": [{"model": "Small"}]})"));
  CHECK(verdict(run) == "cleared");
  CHECK(run.answer.requirements.empty());
  CHECK(run.answer.warnings.empty());
  // A letter to another exporter is advice too.
  auto letter = engine_with({license(R"({"binds_exporters": ["ACME"], "when": {"fact": "party_headquarters", "in": ["CN"]}})", "t.letter")});
  auto other = support::screen(letter, shipment(R"({"destination": "SG", "items": [{"model": "Big"}], "exporter": {"name": "Other Inc"}})"));
  CHECK(verdict(other) == "cleared");
  auto informed = support::screen(letter, shipment(R"({"destination": "SG", "items": [{"model": "Big"}], "exporter": {"name": "ACME"}})"));
  CHECK(verdict(informed) == "indeterminate");
}

TEST_CASE("screen: a declared ECCN that differs is warned about", "[screen]") {
  auto engine = engine_with({license()});
  auto run = support::screen(engine, shipment(R"({"items": [{"model": "Big", "eccn": "3A090.b"},
      {"model": "Small", "eccn": "3A090.a"}, {"model": "Huge", "eccn": "3A090.a"}]})"));
  std::vector<int> differing;
  for (const auto& warning : run.answer.warnings) {
    CHECK(warning.code == exportctl::WarningCode::declared_eccn_differs);
    differing.push_back(warning.item);
  }
  CHECK(differing == std::vector<int>{0, 1});
  // Small, declared 3A090.a, is raised to it and needs the license with the others.
  const Requirement& requirement = only(run, "t.lic");
  CHECK(items_of(run.answer, requirement) == std::vector<int>{0, 1, 2});
}

TEST_CASE("screen: concurrent screening gives the answers of sequential screening", "[screen]") {
  // The timeline of each knowledge epoch is built lazily under a lock; threads race for it here.
  auto engine = engine_with({license(R"({"known_from": "2025-03-01"})"),
                             rule("notification", "t.notice", {version(1, "2020-01-01", R"({"notice_days": 10,
                                  "known_from": "2025-05-01"})")}, "MY", "MY-MITI"),
                             rule("permit", "t.permit", {version(1, "2025-01-01", R"({"known_from": "2025-07-01"})")}, "MY",
                                  "MY-MITI")});
  const std::vector<std::string> known_ons{"2024-12-31", "2025-03-01", "2025-05-01", "2025-07-01", "2025-08-01"};
  // Runs on worker threads: no Catch2 assertions in here (they are not thread-safe).
  auto answer_for = [&](size_t n) -> std::string {
    std::string text = shipment(R"({"known_on": ")" + known_ons[n % known_ons.size()] + R"("})");
    exportctl::Shipment parsed;
    if (auto status = engine.parse_shipment(text, "t.json", parsed); !status) return status.error().message();
    exportctl::Determination answer;
    engine.screen(parsed, {}, answer);
    std::string json;
    engine.write_json(parsed, answer, {}, json);
    return json;
  };
  std::vector<std::string> expected;
  {
    // Sequential answers from a second engine, so that the first starts with an empty cache.
    auto reference = engine_with({license(R"({"known_from": "2025-03-01"})"),
                                  rule("notification", "t.notice", {version(1, "2020-01-01", R"({"notice_days": 10,
                                       "known_from": "2025-05-01"})")}, "MY", "MY-MITI"),
                                  rule("permit", "t.permit", {version(1, "2025-01-01", R"({"known_from": "2025-07-01"})")},
                                       "MY", "MY-MITI")});
    for (size_t n = 0; n < known_ons.size(); ++n) {
      Run run = support::screen(reference, shipment(R"({"known_on": ")" + known_ons[n] + R"("})"));
      std::string json;
      reference.write_json(run.shipment, run.answer, {}, json);
      expected.push_back(json);
    }
  }
  CHECK(expected[0] != expected[4]);  // the epochs really differ
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t)
    threads.emplace_back([&, t] {
      for (size_t n = t; n < t + 100; ++n) results[t].push_back(answer_for(n));
    });
  for (auto& thread : threads) thread.join();
  int mismatches = 0;
  for (size_t t = 0; t < results.size(); ++t)
    for (size_t k = 0; k < results[t].size(); ++k) mismatches += results[t][k] != expected[(t + k) % known_ons.size()];
  CHECK(mismatches == 0);
}
