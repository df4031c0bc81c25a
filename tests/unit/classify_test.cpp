// Classification under the bundled US classification rules (the thresholds are the law under
// test) with a small test catalog: vintage boundaries, Note 2, systems, HBM, and the item facts
// built from catalog and shipment metrics.
#include <catch2/catch.hpp>

#include <cmath>

#include "classify/classify.hpp"
#include "support.hpp"

using exportctl::Eccn;
using exportctl::Item;
using exportctl::ItemFacts;
using exportctl::ItemKind;
using exportctl::kNoModel;
using exportctl::Tri;

namespace {

const exportctl::Engine& engine() {
  static const exportctl::Engine instance = support::load(
      {support::countries(), support::bundled("us/3a090-classify.json"), support::bundled("us/3a090c-hbm-classify.json"),
       support::catalog("ACME",
                        {support::model("Big", R"({"tpp": 15832, "die_area_mm2": 814, "interconnect_gbps": 1028, "datacenter": true})"),
                         support::model("Mid", R"({"tpp": 2400, "die_area_mm2": 1500, "interconnect_gbps": 900, "datacenter": true})"),
                         support::model("Small", R"({"tpp": 1000, "die_area_mm2": 500, "datacenter": true})"),
                         support::model("Blank", "{}", R"({"us_origin": false})"),
                         support::model("Stack", R"({"memory_bandwidth_density": 3.0})", R"({"kind": "hbm"})"),
                         support::model("Box", R"({"datacenter": true})",
                                        R"({"kind": "system", "contains": [{"model": "Big", "count": 8}]})"),
                         support::model("MixBox", "{}",
                                        R"({"kind": "system", "contains": [{"model": "Mid", "count": 4}, {"model": "Big", "count": 1}]})"),
                         support::model("MidBox", "{}",
                                        R"({"kind": "system", "contains": [{"model": "Small", "count": 4}, {"model": "Mid", "count": 1}]})"),
                         support::model("LowBox", "{}", R"({"kind": "system", "contains": [{"model": "Small", "count": 8}]})"),
                         support::model("BlankBox", "{}", R"({"kind": "system", "contains": [{"model": "Blank", "count": 8}]})")})});
  return instance;
}

struct Metrics {
  double tpp = exportctl::kUnknown, pd = exportctl::kUnknown, interconnect = exportctl::kUnknown;
  Tri datacenter = Tri::unknown;
};

Item chip(Metrics m) {
  Item item;
  item.metrics.tpp = m.tpp;
  item.metrics.performance_density = m.pd;
  item.metrics.interconnect_gbps = m.interconnect;
  item.metrics.datacenter = m.datacenter;
  return item;
}

Item catalog_item(std::string_view name) {
  Item item;
  item.model_name = name;
  item.model = exportctl::rules_of(engine()).find_model(name);
  REQUIRE(item.model != kNoModel);
  return item;
}

struct Outcome {
  exportctl::ItemClassification result;
  ItemFacts facts;
  // "3A090.a", "none" or "indeterminate": one string that a failing CHECK shows in full.
  std::string eccn() const {
    if (result.indeterminate) return "indeterminate";
    return result.eccn == Eccn::none ? "none" : std::string(exportctl::name(result.eccn));
  }
};

Outcome classify(const Item& item, std::string_view date, std::optional<exportctl::Date> known_on = std::nullopt) {
  Outcome outcome;
  outcome.result =
      exportctl::classify_item(exportctl::rules_of(engine()), item, support::day(date), known_on, &outcome.facts);
  return outcome;
}

const Tri DC = Tri::yes, NOT_DC = Tri::no;
// Not given. (An explicit {} in the aggregate would mean 0, not unknown.)
const double U = exportctl::kUnknown;

}  // namespace

TEST_CASE("classify: 2022 vintage (3A090: TPP >= 4800 and interconnect >= 600)", "[classify]") {
  const char* day = "2023-06-01";
  CHECK(classify(chip({4800, U, 600, DC}), day).eccn() == "3A090");
  CHECK(classify(chip({4799.99, U, 600, DC}), day).eccn() == "none");
  CHECK(classify(chip({4800, U, 599.99, DC}), day).eccn() == "none");
  CHECK(classify(chip({15832, U, 464, DC}), day).eccn() == "none");  // A800: interconnect cut
  // A missing figure matters only where it decides.
  CHECK(classify(chip({4800, U, U, DC}), day).eccn() == "indeterminate");
  CHECK(classify(chip({U, U, 600, DC}), day).eccn() == "indeterminate");
  CHECK(classify(chip({4000, U, U, DC}), day).eccn() == "none");
  auto outcome = classify(chip({4800, U, 600, NOT_DC}), day);  // no datacenter test in 2022
  CHECK(outcome.eccn() == "3A090");
  REQUIRE(outcome.result.rule != nullptr);
  CHECK(outcome.result.rule->rule->id == "us.ear.3a090.classify");
  CHECK(outcome.result.rule->number == 1);
  CHECK(outcome.result.class_index == 0);
}

TEST_CASE("classify: the vintages change between 2023-11-16 and 2023-11-17", "[classify]") {
  Item item = chip({4992, 6.04, 464, DC});  // A800-like: TPP 4992, interconnect 464
  CHECK(classify(item, "2023-11-16").eccn() == "none");
  CHECK(classify(item, "2023-11-17").eccn() == "3A090.a");
  CHECK(classify(item, "2023-11-17").result.rule->number == 2);
  // Replayed as known before the 2023 rule was released (2023-10-17), the 2022 rule (open-ended)
  // still decides on the 17th.
  auto early = classify(item, "2023-11-17", support::day("2023-10-16"));
  CHECK(early.eccn() == "none");
  REQUIRE(early.result.rule != nullptr);
  CHECK(early.result.rule->number == 1);
  CHECK(classify(item, "2023-11-17", support::day("2023-10-17")).eccn() == "3A090.a");
  CHECK(classify(item, "2022-10-06").result.rule == nullptr);  // before any classification rule
}

TEST_CASE("classify: 2023 vintage boundaries (TPP and performance density)", "[classify]") {
  const char* day = "2024-06-01";
  struct Case {
    double tpp, pd;
    const char* eccn;
  };
  const Case cases[] = {
      {4800, 0.5, "3A090.a"},     {4799.99, 0.5, "none"},     {1600, 5.92, "3A090.a"}, {1599.99, 5.92, "none"},
      {1600, 5.91, "3A090.b"},    {2400, 1.6, "3A090.b"},     {2400, 1.59, "none"},    {2399.99, 1.6, "none"},
      {1600, 3.2, "3A090.b"},     {1600, 3.19, "none"},       {2399, 3.19, "none"},    {1599.9, 10, "none"},
      {4799.99, 5.92, "3A090.a"}, {4799.99, 5.91, "3A090.b"}, {2400, 5.92, "3A090.a"},
  };
  for (const Case& c : cases) {
    INFO("TPP " << c.tpp << ", PD " << c.pd);
    CHECK(classify(chip({c.tpp, c.pd, U, DC}), day).eccn() == c.eccn);
  }
}

TEST_CASE("classify: Note 2 excludes non-datacenter items below TPP 4800", "[classify]") {
  const char* day = "2024-06-01";
  auto excluded = classify(chip({4000, 10, U, NOT_DC}), day);
  CHECK(excluded.eccn() == "none");
  CHECK(excluded.result.class_index == 0);  // the explicit null class decided
  CHECK(classify(chip({4800, 0.1, U, NOT_DC}), day).eccn() == "3A090.a");  // Note 2 stops below 4800
  CHECK(classify(chip({1600, 5.92, U, NOT_DC}), day).eccn() == "none");
  auto below = classify(chip({1599, 10, U, NOT_DC}), day);
  CHECK(below.eccn() == "none");  // TPP < 1600: Note 2 does not apply, and PD >= 5.92 needs TPP >= 1600 too
  CHECK(below.result.class_index == -1);
}

TEST_CASE("classify: a missing datacenter flag that matters and one that does not", "[classify]") {
  const char* day = "2024-06-01";
  auto matters = classify(chip({3000, 6, U, Tri::unknown}), day);
  CHECK(matters.eccn() == "indeterminate");
  CHECK(matters.result.class_index == 0);
  CHECK(classify(chip({5000, 1, U, Tri::unknown}), day).eccn() == "3A090.a");
  auto low = classify(chip({1000, 10, U, Tri::unknown}), day);
  CHECK(low.eccn() == "none");
  CHECK(low.result.class_index == -1);
  // Missing PD matters only where TPP alone does not decide.
  CHECK(classify(chip({4800, U, U, DC}), day).eccn() == "3A090.a");
  CHECK(classify(chip({3000, U, U, DC}), day).eccn() == "indeterminate");
  CHECK(classify(chip({1000, U, U, DC}), day).eccn() == "none");
}

TEST_CASE("classify: catalog items, and metrics that override the catalog", "[classify]") {
  CHECK(classify(catalog_item("ACME Big"), "2024-06-01").eccn() == "3A090.a");
  CHECK(classify(catalog_item("big"), "2023-06-01").eccn() == "3A090");  // case-insensitive, vendor optional
  CHECK(classify(catalog_item("Mid"), "2024-06-01").eccn() == "3A090.b");
  CHECK(classify(catalog_item("Small"), "2024-06-01").eccn() == "none");
  CHECK(classify(catalog_item("Blank"), "2024-06-01").eccn() == "indeterminate");

  Item derated = catalog_item("Big");
  derated.metrics.tpp = 1000;  // the shipment's figure wins; PD follows from it
  auto outcome = classify(derated, "2024-06-01");
  CHECK(outcome.eccn() == "none");
  CHECK(outcome.facts.tpp == 1000);
  CHECK(outcome.facts.performance_density == Approx(1000.0 / 814));
  CHECK(outcome.facts.interconnect_gbps == 1028);  // not overridden: from the catalog

  Item consumer = catalog_item("Mid");
  consumer.metrics.datacenter = Tri::no;  // Note 2 now applies
  auto note2 = classify(consumer, "2024-06-01");
  CHECK(note2.eccn() == "none");
  CHECK(note2.facts.datacenter == Tri::no);

  Item given_pd = catalog_item("Mid");
  given_pd.metrics.performance_density = 6;  // a given PD wins over TPP / die area
  CHECK(classify(given_pd, "2024-06-01").eccn() == "3A090.a");

  Item blank = catalog_item("Blank");
  blank.metrics.tpp = 4800;
  CHECK(classify(blank, "2024-06-01").eccn() == "3A090.a");
}

TEST_CASE("classify: TPP from dense TOPS x bit length, PD from TPP / die area", "[classify]") {
  Item item;
  item.metrics.dense_tops = 600;
  item.metrics.bit_length = 8;
  item.metrics.die_area_mm2 = 800;
  item.metrics.datacenter = DC;
  auto outcome = classify(item, "2024-06-01");
  CHECK(outcome.facts.tpp == 4800);
  CHECK(outcome.facts.performance_density == 6);
  CHECK(outcome.eccn() == "3A090.a");

  item.metrics.dense_tops = 300;  // TPP 2400, PD 3
  outcome = classify(item, "2024-06-01");
  CHECK(outcome.facts.tpp == 2400);
  CHECK(outcome.facts.performance_density == 3);
  CHECK(outcome.eccn() == "3A090.b");

  item.metrics.tpp = 5000;  // a given TPP wins over dense TOPS x bit length
  CHECK(classify(item, "2024-06-01").facts.tpp == 5000);

  Item no_area;
  no_area.metrics.tpp = 2400;
  no_area.metrics.die_area_mm2 = 0;  // no division by zero: PD stays unknown
  no_area.metrics.datacenter = DC;
  auto zero = classify(no_area, "2024-06-01");
  CHECK(std::isnan(zero.facts.performance_density));
  CHECK(zero.eccn() == "indeterminate");

  Item half;
  half.metrics.dense_tops = 600;  // without a bit length there is no TPP
  CHECK(std::isnan(classify(half, "2024-06-01").facts.tpp));
}

TEST_CASE("classify: shipment dense TOPS x bit length override the catalog's TPP", "[classify]") {
  // The shipment's own figures win over the catalog's, also when TPP must be derived from them.
  Item item = catalog_item("Big");
  item.metrics.dense_tops = 100;
  item.metrics.bit_length = 8;
  auto outcome = classify(item, "2024-06-01");
  CHECK(outcome.facts.tpp == 800);
  CHECK(outcome.eccn() == "none");
}

TEST_CASE("classify: item facts from the catalog and the shipment", "[classify]") {
  std::vector<exportctl::ModelId> models;
  Item box = catalog_item("Box");
  ItemFacts facts = exportctl::gather_item_facts(exportctl::rules_of(engine()), box, exportctl::kNoCountry, models);
  CHECK(facts.kind == ItemKind::system);
  CHECK(facts.us_origin == Tri::yes);
  REQUIRE(facts.models.size() == 2);
  CHECK(exportctl::rules_of(engine()).model_names[facts.models[0]] == "ACME Box");
  CHECK(exportctl::rules_of(engine()).model_names[facts.models[1]] == "ACME Big");

  Item blank = catalog_item("Blank");
  CHECK(exportctl::gather_item_facts(exportctl::rules_of(engine()), blank, exportctl::kNoCountry, models).us_origin ==
        Tri::no);
  blank.us_origin = Tri::yes;
  CHECK(exportctl::gather_item_facts(exportctl::rules_of(engine()), blank, exportctl::kNoCountry, models).us_origin ==
        Tri::yes);
  blank.kind = ItemKind::hbm;
  blank.kind_given = true;
  CHECK(exportctl::gather_item_facts(exportctl::rules_of(engine()), blank, exportctl::kNoCountry, models).kind ==
        ItemKind::hbm);

  Item unknown;
  unknown.model_name = "Mystery";
  unknown.quantity = 3;
  ItemFacts mystery =
      exportctl::gather_item_facts(exportctl::rules_of(engine()), unknown, exportctl::kNoCountry, models);
  CHECK(mystery.us_origin == Tri::unknown);
  CHECK(mystery.kind == ItemKind::ic);
  CHECK(mystery.quantity == 3);
  CHECK(mystery.models.empty());
}

TEST_CASE("classify: who is subject to the EAR", "[classify]") {
  // 15 CFR 734.3(a)(1): every item leaving the United States, whatever its origin; elsewhere
  // only a US-origin item (de minimis and foreign direct product rules are not modelled).
  const auto& rules = exportctl::rules_of(engine());
  const exportctl::CountryId us = rules.find_country("US"), cn = rules.find_country("CN");
  std::vector<exportctl::ModelId> models;
  Item foreign = catalog_item("Blank");
  CHECK(exportctl::gather_item_facts(rules, foreign, us, models).subject_to_ear == Tri::yes);
  CHECK(exportctl::gather_item_facts(rules, foreign, cn, models).subject_to_ear == Tri::no);
  Item american = catalog_item("Big");
  CHECK(exportctl::gather_item_facts(rules, american, cn, models).subject_to_ear == Tri::yes);
  Item mystery;
  mystery.model_name = "Mystery";
  CHECK(exportctl::gather_item_facts(rules, mystery, cn, models).subject_to_ear == Tri::unknown);
  CHECK(exportctl::gather_item_facts(rules, mystery, us, models).subject_to_ear == Tri::yes);
  CHECK_FALSE(exportctl::gather_item_facts(rules, mystery, us, models).catalogued);
  CHECK(exportctl::gather_item_facts(rules, american, us, models).catalogued);
}

TEST_CASE("classify: an uncatalogued system takes its origin from its parts", "[classify]") {
  const auto& rules = exportctl::rules_of(engine());
  std::vector<exportctl::ModelId> models;
  auto server = [&](std::vector<std::string_view> parts) {
    Item item;
    item.description = "white-box server";
    item.kind = ItemKind::system;
    item.kind_given = true;
    for (std::string_view part : parts) {
      exportctl::ContainedItem contained;
      contained.model_name = std::string(part);
      contained.model = rules.find_model(part);
      item.contains.push_back(contained);
    }
    return exportctl::gather_item_facts(rules, item, rules.find_country("CN"), models).us_origin;
  };
  CHECK(server({"Blank", "Big"}) == Tri::yes);      // any US-origin part
  CHECK(server({"Blank", "Blank"}) == Tri::no);     // every part known to be foreign
  CHECK(server({"Blank", "Mystery"}) == Tri::unknown);
  CHECK(server({}) == Tri::unknown);
}

TEST_CASE("classify: a system takes the class of its strongest part", "[classify]") {
  CHECK(classify(catalog_item("Box"), "2023-06-01").eccn() == "4A090");
  CHECK(classify(catalog_item("Box"), "2024-06-01").eccn() == "4A090.a");
  CHECK(classify(catalog_item("MixBox"), "2024-06-01").eccn() == "4A090.a");  // .a beats .b whatever the order
  CHECK(classify(catalog_item("MidBox"), "2024-06-01").eccn() == "4A090.b");
  CHECK(classify(catalog_item("LowBox"), "2024-06-01").eccn() == "none");
  CHECK(classify(catalog_item("BlankBox"), "2024-06-01").eccn() == "indeterminate");

  // A system listed on the shipment: its parts as given.
  Item custom;
  custom.kind = ItemKind::system;
  custom.kind_given = true;
  custom.contains.push_back({"Small", exportctl::rules_of(engine()).find_model("Small"), 2});
  custom.contains.push_back({"Mid", exportctl::rules_of(engine()).find_model("Mid"), 2});
  CHECK(classify(custom, "2024-06-01").eccn() == "4A090.b");
  // An unknown part cannot lower a class already found...
  custom.contains.push_back({"Mystery", kNoModel, 1});
  CHECK(classify(custom, "2024-06-01").eccn() == "4A090.b");
  // ...but without a class found it leaves the system undecidable.
  Item unknown_parts;
  unknown_parts.kind = ItemKind::system;
  unknown_parts.kind_given = true;
  unknown_parts.contains.push_back({"Small", exportctl::rules_of(engine()).find_model("Small"), 2});
  unknown_parts.contains.push_back({"Mystery", kNoModel, 1});
  CHECK(classify(unknown_parts, "2024-06-01").eccn() == "indeterminate");
  Item empty_system;
  empty_system.kind = ItemKind::system;
  empty_system.kind_given = true;
  CHECK(classify(empty_system, "2024-06-01").eccn() == "indeterminate");
}

TEST_CASE("classify: HBM (3A090.c from its compliance date, density > 2)", "[classify]") {
  Item stack = catalog_item("Stack");
  CHECK(classify(stack, "2024-12-30").eccn() == "none");
  auto classified = classify(stack, "2024-12-31");
  CHECK(classified.eccn() == "3A090.c");
  CHECK(classified.result.rule->rule->id == "us.ear.3a090c.classify");

  Item hbm;
  hbm.kind = ItemKind::hbm;
  hbm.kind_given = true;
  hbm.metrics.memory_bandwidth_density = 2.0;  // "above 2": 2 itself is not
  CHECK(classify(hbm, "2025-01-05").eccn() == "none");
  hbm.metrics.memory_bandwidth_density = 2.01;
  CHECK(classify(hbm, "2025-01-05").eccn() == "3A090.c");
  hbm.metrics.memory_bandwidth_density = exportctl::kUnknown;
  CHECK(classify(hbm, "2025-01-05").eccn() == "indeterminate");
  // An IC with a high memory bandwidth density is not HBM.
  Item ic = chip({100, 0.1, U, DC});
  ic.metrics.memory_bandwidth_density = 5;
  CHECK(classify(ic, "2025-01-05").eccn() == "none");
}

TEST_CASE("classify: rules of one jurisdiction combine (in-memory rules)", "[classify]") {
  // Two US classification rules: a class found by either stands; an undecidable rule beats one
  // that found nothing; an explicit null class (like Note 2) beats a rule with nothing to say.
  auto rules = support::load(
      {support::countries(),
       support::rule("classification", "t.a",
                     {support::version(1, "2024-01-01", R"({"classes": [
                        {"eccn": null, "when": {"fact": "datacenter", "is": false}},
                        {"eccn": "3A090.b", "when": {"fact": "tpp", ">=": 100}}]})")}),
       support::rule("classification", "t.b",
                     {support::version(1, "2024-01-01", R"({"classes": [
                        {"eccn": "3A090.a", "when": {"fact": "die_area_mm2", ">=": 500}}]})")})});
  auto run = [&](Item item) {
    return exportctl::classify_item(exportctl::rules_of(rules), item, support::day("2024-06-01"), std::nullopt);
  };
  Item big = chip({100, U, U, DC});
  big.metrics.die_area_mm2 = 600;
  auto found = run(big);
  CHECK(found.eccn == Eccn::c3A090_b);  // rules run in file order; the first class found stands
  CHECK(found.rule->rule->id == "t.a");

  Item consumer = chip({50, U, U, NOT_DC});
  consumer.metrics.die_area_mm2 = 100;
  auto excluded = run(consumer);
  CHECK(excluded.eccn == Eccn::none);
  CHECK_FALSE(excluded.indeterminate);
  CHECK(excluded.rule->rule->id == "t.a");
  CHECK(excluded.class_index == 0);

  Item no_area = chip({50, U, U, DC});  // t.a: nothing; t.b: undecidable
  auto undecided = run(no_area);
  CHECK(undecided.indeterminate);
  CHECK(undecided.rule->rule->id == "t.b");

  Item area = chip({50, U, U, DC});
  area.metrics.die_area_mm2 = 600;
  CHECK(run(area).eccn == Eccn::c3A090_a);
}

TEST_CASE("classify: a declared ECCN fills a gap and may raise the class, never lower it", "[classify]") {
  auto declared = [](Item item, std::string_view eccn) {
    item.declared_eccn = eccn;
    return classify(item, "2024-06-01");
  };
  // Undecidable from the metrics: the declaration decides.
  auto gap = declared(chip({3000, U, U, DC}), "3A090.b");
  CHECK(gap.eccn() == "3A090.b");
  CHECK(gap.result.from_declaration);
  CHECK_FALSE(gap.result.declaration_differs);
  // Computed 3A090.a, declared 3A090.b: the computed class stands, and the difference is noted.
  auto lower = declared(catalog_item("Big"), "3A090.b");
  CHECK(lower.eccn() == "3A090.a");
  CHECK_FALSE(lower.result.from_declaration);
  CHECK(lower.result.declaration_differs);
  // Computed none, declared 3A090.a: raised.
  auto raised = declared(catalog_item("Small"), "3A090.a");
  CHECK(raised.eccn() == "3A090.a");
  CHECK(raised.result.from_declaration);
  CHECK(raised.result.declaration_differs);
  // The same class declared: nothing to say.
  auto same = declared(catalog_item("Big"), "3A090.a");
  CHECK_FALSE(same.result.declaration_differs);
  CHECK_FALSE(same.result.from_declaration);
  // A ".z" paragraph is the most controlled class of the item's kind.
  CHECK(declared(chip({3000, U, U, DC}), "5A992.z").eccn() == "3A090.a");
  CHECK(declared(catalog_item("LowBox"), "4A994.z").eccn() == "4A090.a");
  // Anything else (EAR99, 3A991) is no class: it cannot fill a gap.
  auto ear99 = declared(chip({3000, U, U, DC}), "EAR99");
  CHECK(ear99.eccn() == "indeterminate");
  CHECK_FALSE(ear99.result.declaration_differs);
  auto big_ear99 = declared(catalog_item("Big"), "EAR99");
  CHECK(big_ear99.eccn() == "3A090.a");
  CHECK(big_ear99.result.declaration_differs);
}

TEST_CASE("classify: declared_class", "[classify]") {
  Item item;
  CHECK_FALSE(exportctl::declared_class(item, ItemKind::ic).has_value());
  item.declared_eccn = "3A090.c";
  CHECK(exportctl::declared_class(item, ItemKind::hbm) == Eccn::c3A090_c);
  item.declared_eccn = "4A994.Z";
  CHECK(exportctl::declared_class(item, ItemKind::system) == Eccn::c4A090_a);
  CHECK(exportctl::declared_class(item, ItemKind::ic) == Eccn::c3A090_a);
  item.declared_eccn = ".z";  // too short to be a paragraph
  CHECK(exportctl::declared_class(item, ItemKind::ic) == Eccn::none);
  item.declared_eccn = "3a090.a";  // the contract's spelling only
  CHECK(exportctl::declared_class(item, ItemKind::ic) == Eccn::none);
}
