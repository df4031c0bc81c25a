// Sentences for people: legs, countries, the basis of a classification, the explanation of each
// requirement status, and warning messages.
#include <catch2/catch.hpp>

#include <cstdio>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report/basis.hpp"
#include "report/condition_text.hpp"
#include "report/explain.hpp"
#include "support.hpp"

using exportctl::Requirement;
using exportctl::SourceDocument;
using support::rule;
using support::Run;
using support::version;

namespace {

// A classification whose basis sentences exercise `all`, `any`, `not` and a null class.
SourceDocument classification() {
  return rule("classification", "t.classify", {version(1, "2020-01-01", R"({"classes": [
      {"eccn": null, "when": {"all": [{"not": {"fact": "datacenter", "is": true}}, {"fact": "tpp", "<": 4800}]}},
      {"eccn": "3A090.a", "when": {"all": [{"fact": "kind", "in": ["ic"]},
          {"any": [{"fact": "tpp", ">=": 4800}, {"fact": "performance_density", ">=": 5.92}]}]}}],
      "systems": {"3A090.a": "4A090.a"}})")});
}

support::Documents law(support::Documents rules) {
  support::Documents documents{
      support::countries(),
      support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "die_area_mm2": 814, "datacenter": true})"),
                                support::model("Dense", R"({"tpp": 2000, "die_area_mm2": 100, "datacenter": true})"),
                                support::model("Consumer", R"({"tpp": 2000, "die_area_mm2": 100, "datacenter": false})"),
                                support::model("Small", R"({"tpp": 100, "die_area_mm2": 814, "datacenter": true})"),
                                support::model("Box", "{}", R"({"kind": "system", "contains": [{"model": "Big", "count": 8}]})")}),
      classification()};
  for (auto& document : rules) documents.push_back(std::move(document));
  return documents;
}

std::string basis(const exportctl::Engine& engine, const Run& run, size_t item) {
  std::string out;
  exportctl::append_basis(exportctl::rules_of(engine), run.shipment, item, run.answer.items[item],
                          exportctl::BasisCache::this_thread(), out);
  return out;
}

std::string explanation(const exportctl::Engine& engine, const Run& run, const Requirement& requirement) {
  std::string out;
  exportctl::append_explanation(exportctl::rules_of(engine), run.shipment, run.answer, requirement, out);
  return out;
}

std::string warning(const exportctl::Engine& engine, const Run& run, size_t index) {
  std::string out;
  exportctl::append_warning_message(exportctl::rules_of(engine), run.shipment, run.answer, run.answer.warnings[index],
                                    out);
  return out;
}

const Requirement& only(const Run& run, std::string_view id) {
  const Requirement* found = nullptr;
  for (const Requirement& requirement : run.answer.requirements)
    if (requirement.rule->rule->id == id) {
      REQUIRE(found == nullptr);
      found = &requirement;
    }
  REQUIRE(found != nullptr);
  return *found;
}

std::string shipment(std::string_view destination, std::string_view items, std::string_view extra = "") {
  std::string text = R"({"ship_date": "2025-08-01", "origin": "US", "destination": ")";
  text += destination;
  text += R"(", "items": )";
  text += items;
  text += extra;
  text += "}";
  return text;
}

}  // namespace

TEST_CASE("explain: legs and countries", "[explain]") {
  auto engine = support::load(law({}));
  auto run = support::screen(engine, shipment("VN", R"([{"model": "Big"}])", R"(, "via": [
      {"country": "MY", "activity": "transshipment"}, {"country": "SG", "activity": "transit"}])"));
  auto leg = [&](size_t m) {
    std::string out;
    exportctl::append_leg(exportctl::rules_of(engine), run.shipment, run.answer.movements[m], out);
    return out;
  };
  CHECK(leg(0) == "US->VN");
  CHECK(leg(1) == "via MY (transshipment)");
  CHECK(leg(2) == "via SG (transit)");
  std::string country = "[";
  exportctl::append_country(exportctl::rules_of(engine), support::country(engine, "VN"), country);
  exportctl::append_country(exportctl::rules_of(engine), exportctl::kNoCountry, country);
  CHECK(country == "[Viet Nam (VN)unknown");
}

TEST_CASE("explain: the basis of each classification outcome", "[explain]") {
  auto engine = support::load(law({}));
  auto run = support::screen(engine, shipment("VN", R"([{"model": "Big"}, {"model": "Dense"}, {"model": "Consumer"},
      {"model": "Small"}, {"description": "custom", "metrics": {"die_area_mm2": 1, "datacenter": true}}, {"model": "Box"}])"));
  // "kind in ic" guards say which items a class is about and are left out.
  CHECK(basis(engine, run, 0) == "TPP 15832 >= 4800");
  CHECK(basis(engine, run, 1) == "PD 20 >= 5.92");
  CHECK(basis(engine, run, 2) == "datacenter false and TPP 2000 < 4800: not controlled under this rule");
  CHECK(basis(engine, run, 3) == "datacenter true, TPP 100, PD 0.12: below every class");
  CHECK(basis(engine, run, 4) == "cannot classify: missing tpp, performance_density");
  CHECK(basis(engine, run, 5) == "system: takes the class of its most controlled part");

  auto early = support::screen(engine, R"({"ship_date": "2019-06-01", "origin": "US", "destination": "VN",
      "items": [{"model": "Big"}]})");
  CHECK(basis(engine, early, 0) == "no classification rule in force on 2019-06-01");
}

TEST_CASE("explain: the basis follows the known_on of the screening options", "[explain]") {
  // The basis must not depend on where the knowledge date comes from: given in the screening
  // options (--known-on), not on the shipment, it still decides the basis.
  auto engine = support::load(
      {support::countries(), support::catalog("ACME", {support::model("Big", R"({"tpp": 15832})")}),
       rule("classification", "t.classify",
            {version(1, "2020-01-01", R"({"classes": [{"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 4800}}]})"),
             version(2, "2020-01-01", R"({"supersedes": 1, "known_from": "2025-06-01",
                 "classes": [{"eccn": "3A090.b", "when": {"fact": "tpp", ">=": 1000}}]})")})});
  exportctl::ScreenOptions options;
  options.known_on = support::day("2025-05-01");
  auto run = support::screen(engine, shipment("VN", R"([{"model": "Big"}])"), options);
  REQUIRE(run.answer.items[0].rule != nullptr);
  CHECK(run.answer.items[0].rule->number == 1);
  CHECK(basis(engine, run, 0) == "TPP 15832 >= 4800");
}

TEST_CASE("explain: license outcomes", "[explain]") {
  auto engine = support::load(law(
      {rule("license", "t.lic", {version(1, "2020-01-01", R"({"summary": "{classes} to {destination} needs a license on {leg}",
          "when": {"fact": "destination", "in": ["CN", "VN"]}, "items": {"fact": "eccn", "in": ["3A090.a"]}})")}),
       rule("exception", "t.nac", {version(1, "2020-01-01", R"({"name": "NAC", "covers": ["t.lic"], "notice_days": 25,
          "when": {"fact": "destination", "in": ["CN"]}})")}),
       rule("exception", "t.aca", {version(1, "2020-01-01", R"({"name": "ACA", "covers": ["t.lic"],
          "items": {"fact": "model", "in": ["Dense"]}})")})}));
  const std::string prefix_vn = "3A090.a to Viet Nam (VN) needs a license on US->VN. ";
  const std::string prefix_cn = "3A090.a to China (CN) needs a license on US->CN. ";
  SECTION("satisfied by a license") {
    auto run = support::screen(engine, shipment("VN", R"([{"model": "Big"}])", R"(, "authorizations": [
        {"authority": "US-BIS", "kind": "license", "number": "L-7"}])"));
    CHECK(explanation(engine, run, only(run, "t.lic")) == prefix_vn + "License L-7 covers it.");
  }
  SECTION("missing") {
    auto run = support::screen(engine, shipment("VN", R"([{"model": "Big"}])"));
    CHECK(explanation(engine, run, only(run, "t.lic")) ==
          prefix_vn + "No license on the shipment covers it; obtain one before shipping.");
  }
  SECTION("missing, with an exception that needs a notice") {
    auto run = support::screen(engine, shipment("CN", R"([{"model": "Big"}])"));
    CHECK(explanation(engine, run, only(run, "t.lic")) ==
          prefix_cn + "No license on the shipment covers it; obtain one before shipping. Alternatively License Exception "
                      "NAC applies with a notice to US-BIS filed by 2025-07-07.");
  }
  SECTION("exception with its notice on time") {
    auto run = support::screen(engine, shipment("CN", R"([{"model": "Big"}])", R"(, "notices": [
        {"authority": "US-BIS", "filed_on": "2025-07-01", "reference": "A000001"}])"));
    CHECK(explanation(engine, run, only(run, "t.lic")) ==
          prefix_cn + "License Exception NAC covers it: notice A000001 filed 2025-07-01 is 31 days before the movement on "
                      "2025-08-01; 25 are required.");
  }
  SECTION("exception notice filed late") {
    auto run = support::screen(engine, shipment("CN", R"([{"model": "Big"}])", R"(, "notices": [
        {"authority": "US-BIS", "filed_on": "2025-07-20"}])"));
    CHECK(explanation(engine, run, only(run, "t.lic")) ==
          prefix_cn + "License Exception NAC covers it once its notice period has run. "
                      "Notice filed 2025-07-20 is 12 days before the movement on 2025-08-01; 25 are required; the last day "
                      "to file was 2025-07-07; the movement may take place from 2025-08-14.");
  }
  SECTION("exception without notice") {
    auto run = support::screen(engine, shipment("VN", R"([{"model": "Dense"}])"));
    CHECK(explanation(engine, run, only(run, "t.lic")) == prefix_vn + "License Exception ACA covers it without notification.");
  }
}

TEST_CASE("explain: notices, permits, prohibitions and advisories", "[explain]") {
  auto engine = support::load(law(
      {rule("notification", "t.notice", {version(1, "2020-01-01", R"({"summary": "Notify MITI before {leg}",
          "movements": ["transshipment"], "at": ["MY"], "notice_days": 30})")}, "MY", "MY-MITI"),
       rule("permit", "t.permit", {version(1, "2020-01-01", R"({"summary": "Permit for {leg}", "movements": ["transshipment"]})")},
            "MY", "MY-MITI"),
       rule("prohibition", "t.ban", {version(1, "2020-01-01", R"({"summary": "{classes} may not go to {destination}",
          "when": {"fact": "destination", "in": ["CN"]}})")}),
       rule("advisory", "t.advice", {version(1, "2020-01-01", R"({"summary": "Mind the end use and {destination}",
          "when": {"fact": "destination", "in": ["TH"]}})")}, "TH", "TH-DFT"),
       rule("license", "t.letter", {version(1, "2020-01-01", R"({"summary": "Letter", "binds_exporters": ["ACME"],
          "when": {"fact": "destination", "in": ["TH"]}})")})}));
  auto via_my = [&](std::string_view notices) {
    return support::screen(engine, shipment("VN", R"([{"model": "Big"}])", R"(, "via": [{"country": "MY", "activity":
        "transshipment", "date": "2025-08-05"}], "notices": )" + std::string(notices)));
  };
  SECTION("notice missing") {
    auto run = via_my("[]");
    CHECK(explanation(engine, run, only(run, "t.notice")) ==
          "Notify MITI before via MY (transshipment). No notice filed; file at least 30 days before the movement on "
          "2025-08-05, that is by 2025-07-06.");
    CHECK(explanation(engine, run, only(run, "t.permit")) ==
          "Permit for via MY (transshipment). No permit on the shipment covers it; obtain one before the movement.");
  }
  SECTION("notice on time") {
    auto run = via_my(R"([{"authority": "MY-MITI", "filed_on": "2025-07-06", "reference": "STS/1"}])");
    CHECK(explanation(engine, run, only(run, "t.notice")) ==
          "Notify MITI before via MY (transshipment). Notice STS/1 filed 2025-07-06 is 30 days before the movement on "
          "2025-08-05; 30 are required: on time.");
  }
  SECTION("notice late") {
    auto run = via_my(R"([{"authority": "MY-MITI", "filed_on": "2025-07-10", "reference": "STS/2"}])");
    CHECK(explanation(engine, run, only(run, "t.notice")) ==
          "Notify MITI before via MY (transshipment). Notice STS/2 filed 2025-07-10 is 26 days before the movement on "
          "2025-08-05; 30 are required; the last day to file was 2025-07-06; the movement may take place from 2025-08-09.");
  }
  SECTION("prohibition; {classes} names each class once, 'items' for unclassified ones") {
    auto run = support::screen(engine, shipment("CN", R"([{"model": "Big"}, {"model": "Small"}, {"model": "Big"}])"));
    CHECK(explanation(engine, run, only(run, "t.ban")) ==
          "items/3A090.a may not go to China (CN). No authorization can make this movement lawful.");
  }
  SECTION("advisory, an unknown placeholder kept as written, and a letter to another company") {
    auto run = support::screen(engine, shipment("TH", R"([{"model": "Big"}])", R"(, "exporter": {"name": "Other Inc"})"));
    CHECK(explanation(engine, run, only(run, "t.advice")) ==
          "Mind the end use and Thailand (TH). Advisory: no license or notice duty follows from it alone.");
    CHECK(explanation(engine, run, only(run, "t.letter")) ==
          "Letter. This is-informed letter binds only the company it was sent to; for this exporter it is a "
          "knowledge-based risk, not a license requirement.");
  }
}

TEST_CASE("explain: warning messages", "[explain]") {
  auto engine = support::load(law(
      {rule("license", "t.lic", {version(1, "2020-01-01", R"({"items": {"fact": "eccn", "in": ["3A090.a"]}})")}),
       rule("permit", "t.draft", {version(1, "2020-01-01", R"({"status": "proposed", "movements": ["transshipment"],
          "items": {"fact": "model", "in": ["Big"]}})")}, "MY", "MY-MITI")}));
  exportctl::ScreenOptions options;
  options.include_proposed = true;
  auto run = support::screen(engine, shipment("VN", R"([{"model": "Big"}, {"model": "Mystery", "metrics": {"die_area_mm2": 5}}])",
                                              R"(, "via": [{"country": "MY", "activity": "transshipment"}])"),
                             options);
  std::vector<std::string> messages;
  for (size_t i = 0; i < run.answer.warnings.size(); ++i) messages.push_back(warning(engine, run, i));
  std::sort(messages.begin(), messages.end());
  // The proposed permit cannot be decided for the unknown model: not even a warning for that.
  CHECK(messages == std::vector<std::string>{
                        "cannot decide whether Title of t.lic applies to item 1: it needs the US classification of item 1 "
                        "(see its basis for the figures it lacks)",
                        "model \"Mystery\" is not in the catalog; supply its metrics (tpp, die_area_mm2, interconnect_gbps, "
                        "datacenter) to classify it",
                        "proposed, not binding: Title of t.draft would require a permit on leg via MY (transshipment) (Test cite 1)",
                    });
}

TEST_CASE("explain: an undecided rule names the facts to supply", "[explain]") {
  auto engine = support::load(law({rule("license", "t.hq", {version(1, "2020-01-01", R"({"when": {"fact": "party_headquarters", "in": ["CN"]},
      "items": {"fact": "eccn", "in": ["3A090.a"]}})")})}));
  auto message = [&](std::string_view parties) {
    auto run = support::screen(engine, shipment("SG", R"([{"model": "Big"}])", std::string(parties)));
    REQUIRE(run.answer.warnings.size() == 1);
    return warning(engine, run, 0);
  };
  CHECK(message("") ==
        "cannot decide whether Title of t.hq applies to item 0: it needs party headquarters (no party is listed: name the "
        "purchaser, consignees and end user, each with the country of its ultimate parent as headquarters)");
  CHECK(message(R"(, "parties": [{"role": "end_user", "name": "Known", "headquarters": "SG"},
                                 {"role": "purchaser", "name": "Unknown Co"}])") ==
        "cannot decide whether Title of t.hq applies to item 0: it needs party headquarters (parties[1] (purchaser "
        "Unknown Co) has no headquarters: give the country of its ultimate parent)");
}

TEST_CASE("explain: an unknown model classified from its metrics", "[explain]") {
  auto engine = support::load(law({}));
  auto run = support::screen(engine, shipment("VN", R"([{"model": "Mystery", "metrics": {"tpp": 100, "die_area_mm2": 100, "datacenter": true}}])"));
  REQUIRE(run.answer.warnings.size() == 1);
  CHECK(warning(engine, run, 0) == "model \"Mystery\" is not in the catalog; it was classified from the metrics given on the shipment");
}

TEST_CASE("explain: append_unknown_facts names the missing facts", "[explain]") {
  auto engine = support::load(law(
      {rule("license", "t.lic", {version(1, "2020-01-01", R"({"when": {"any": [{"fact": "party_headquarters", "in": ["CN"]},
          {"fact": "exporter_headquarters", "in": ["CN"]}]}})")})}));
  const auto& condition = support::loaded_rule(engine, "t.lic").versions[0]->content.when;
  exportctl::MovementFacts movement;
  std::string out;
  exportctl::append_unknown_facts(condition, nullptr, movement, out);
  CHECK(out == "exporter_headquarters");  // no parties: nobody's headquarters is unknown
  movement.party_headquarters_unknown = true;
  out.clear();
  exportctl::append_unknown_facts(condition, nullptr, movement, out);
  CHECK(out == "party_headquarters, exporter_headquarters");
  movement.exporter_headquarters = support::country(engine, "US");
  movement.party_headquarters_unknown = false;
  out.clear();
  exportctl::append_unknown_facts(condition, nullptr, movement, out);
  CHECK(out == "a fact");
}

TEST_CASE("explain: the loader rejects summaries the explanation could not render", "[explain]") {
  // append_explanation could not render an unclosed brace: no such summary loads.
  auto unclosed = exportctl::Engine::load_documents(law({rule("license", "t.lic", {version(1, "2020-01-01", R"({"summary": "see {leg"})")})}));
  REQUIRE_FALSE(unclosed.ok());
  CHECK(unclosed.error().message() ==
        "t.lic.json: /versions/0/summary: unclosed \"{\" (placeholders are {destination}, {leg}, {classes}) (rule t.lic)");
  auto unknown = exportctl::Engine::load_documents(law({rule("license", "t.lic", {version(1, "2020-01-01", R"({"summary": "see {where}"})")})}));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message() ==
        "t.lic.json: /versions/0/summary: unknown placeholder {where} (use {destination}, {leg} or {classes}) (rule t.lic)");
}

TEST_CASE("explain: declared ECCNs in the basis and in warnings", "[explain]") {
  auto engine = support::load(law({}));
  auto run = support::screen(engine, shipment("VN", R"([{"model": "Small", "eccn": "3A090.a"}, {"model": "Big", "eccn": "EAR99"}])"));
  CHECK(basis(engine, run, 0) == "declared ECCN 3A090.a");
  CHECK(basis(engine, run, 1) == "TPP 15832 >= 4800");
  REQUIRE(run.answer.warnings.size() == 2);
  CHECK(warning(engine, run, 0) == "declared ECCN 3A090.a is more controlled than the metrics give; the declaration is used");
  CHECK(warning(engine, run, 1) == "declared ECCN EAR99 differs from the computed class; the computed class is used");
}

TEST_CASE("explain: a fact is unknown because it is missing, not because its value reads \"unknown\"", "[explain]") {
  // A catalog model whose name contains "unknown" is a known model: the basis lists only the facts
  // that are missing, decided from the facts, not from how their values read.
  auto engine = support::load(
      {support::countries(),
       support::catalog("ACME", {support::model("unknown-x1", R"({"tpp": 5000})")}),
       rule("classification", "t.classify", {version(1, "2020-01-01", R"({"classes": [
           {"eccn": "3A090.a", "when": {"all": [{"fact": "model", "in": ["ACME unknown-x1"]},
                                                {"fact": "datacenter", "is": true}]}}]})")})});
  auto run = support::screen(engine, shipment("VN", R"([{"model": "ACME unknown-x1"}])"));
  REQUIRE(run.answer.items[0].indeterminate);
  CHECK(basis(engine, run, 0) == "cannot classify: missing datacenter");

  const auto& condition = support::loaded_rule(engine, "t.classify").versions[0]->content.classes[0].when;
  std::vector<exportctl::ModelId> models{exportctl::rules_of(engine).find_model("ACME unknown-x1")};
  exportctl::ItemFacts item;
  item.model = models[0];
  item.models = models;
  exportctl::MovementFacts movement;
  std::string out;
  exportctl::append_unknown_facts(condition, &item, movement, out);
  CHECK(out == "datacenter");
  item.datacenter = exportctl::Tri::yes;
  out.clear();
  exportctl::append_unknown_facts(condition, &item, movement, out);
  CHECK(out == "a fact");
  item.model = exportctl::kNoModel;
  item.model_unknown = true;  // a name the catalog does not have
  out.clear();
  exportctl::append_unknown_facts(condition, &item, movement, out);
  CHECK(out == "model");
}

TEST_CASE("explain: the authority a license exception's notice goes to comes from the rule data", "[explain]") {
  // An exception administered by another authority (here MY-MITI) must not be explained as a
  // notice to US-BIS.
  auto engine = support::load(law(
      {rule("license", "t.lic", {version(1, "2020-01-01", R"({"summary": "{classes} needs a license",
          "when": {"fact": "destination", "in": ["CN"]}, "items": {"fact": "eccn", "in": ["3A090.a"]}})")}),
       rule("exception", "t.notice-exception", {version(1, "2020-01-01", R"({"name": "XYZ", "covers": ["t.lic"],
          "notice_days": 25, "reference_pattern": "N[0-9]+", "when": {"fact": "destination", "in": ["CN"]}})")},
            "MY", "MY-MITI")}));
  auto run = support::screen(engine, shipment("CN", R"([{"model": "Big"}])"));
  CHECK(explanation(engine, run, only(run, "t.lic")) ==
        "3A090.a needs a license. No license on the shipment covers it; obtain one before shipping. Alternatively "
        "License "
        "Exception XYZ applies with a notice to MY-MITI filed by 2025-07-07.");
  auto misfiled = support::screen(engine, shipment("CN", R"([{"model": "Big"}])", R"(, "notices": [
      {"authority": "MY-MITI", "filed_on": "2025-07-01", "reference": "STS/9"}])"));
  CHECK(explanation(engine, misfiled, only(misfiled, "t.lic")) ==
        "3A090.a needs a license. No license on the shipment covers it; obtain one before shipping. Alternatively "
        "License "
        "Exception XYZ applies with a notice to MY-MITI filed by 2025-07-07. The notice filed 2025-07-01 has reference "
        "\"STS/9\", not the authorization number MY-MITI issues for it.");
}
