// The condition language: Kleene three-valued logic, numeric boundaries, symbol membership,
// country groups resolved per date and knowledge, and set-valued facts with unknown members.
#include <catch2/catch.hpp>

#include "rules/condition.hpp"
#include "support.hpp"

using exportctl::Condition;
using exportctl::Date;
using exportctl::ItemFacts;
using exportctl::kNoCountry;
using exportctl::kNoModel;
using exportctl::kUnknown;
using exportctl::MovementFacts;
using exportctl::Tri;
using support::version;

namespace {

// Loads a license rule whose "items" is `items` and whose "when" is `when` (both JSON), with a
// small catalog, and keeps the engine so the compiled conditions stay valid.
struct Fixture {
  exportctl::Engine engine;
  const Condition& items() const { return support::loaded_rule(engine, "t.cond").versions[0]->content.items; }
  const Condition& when() const { return support::loaded_rule(engine, "t.cond").versions[0]->content.when; }
  exportctl::ModelId model(std::string_view name) const {
    exportctl::ModelId id = exportctl::rules_of(engine).find_model(name);
    REQUIRE(id != kNoModel);
    return id;
  }
};

Fixture fixture(std::string_view items, std::string_view when = R"({"fact": "origin", "in": ["US"]})") {
  std::string extra = R"({"items": )";
  extra += items;
  extra += R"(, "when": )";
  extra += when;
  extra += "}";
  return Fixture{support::load(
      {support::countries(),
       support::catalog("ACME", {support::model("X1", R"({"tpp": 100})"), support::model("X2", R"({"tpp": 200})"),
                                 support::model("S1", "{}", R"({"kind": "system", "contains": [{"model": "X1", "count": 2}]})")}),
       support::rule("license", "t.cond", {version(1, "2024-01-01", extra)})})};
}

Tri with_flags(const Condition& condition, Tri datacenter, Tri us_origin) {
  ItemFacts item;
  item.datacenter = datacenter;
  item.us_origin = us_origin;
  return condition.evaluate(&item, MovementFacts{});
}

Tri with_tpp(const Condition& condition, double tpp) {
  ItemFacts item;
  item.tpp = tpp;
  return condition.evaluate(&item, MovementFacts{});
}

const char* text(Tri value) { return value == Tri::yes ? "yes" : value == Tri::no ? "no" : "unknown"; }

}  // namespace

TEST_CASE("condition: `is` reads a boolean fact, unknown stays unknown", "[condition]") {
  auto f = fixture(R"({"fact": "datacenter", "is": true})");
  CHECK(with_flags(f.items(), Tri::yes, Tri::no) == Tri::yes);
  CHECK(with_flags(f.items(), Tri::no, Tri::no) == Tri::no);
  CHECK(with_flags(f.items(), Tri::unknown, Tri::no) == Tri::unknown);
  auto g = fixture(R"({"fact": "datacenter", "is": false})");
  CHECK(with_flags(g.items(), Tri::yes, Tri::no) == Tri::no);
  CHECK(with_flags(g.items(), Tri::no, Tri::no) == Tri::yes);
  CHECK(with_flags(g.items(), Tri::unknown, Tri::no) == Tri::unknown);
}

TEST_CASE("condition: all / any / not follow Kleene's three-valued logic", "[condition]") {
  auto all = fixture(R"({"all": [{"fact": "datacenter", "is": true}, {"fact": "us_origin", "is": true}]})");
  auto any = fixture(R"({"any": [{"fact": "datacenter", "is": true}, {"fact": "us_origin", "is": true}]})");
  auto negation = fixture(R"({"not": {"fact": "datacenter", "is": true}})");
  const Tri Y = Tri::yes, N = Tri::no, U = Tri::unknown;
  struct Row {
    Tri a, b, all, any;
  };
  // The truth tables of Kleene's strong logic.
  const Row table[] = {
      {Y, Y, Y, Y}, {Y, N, N, Y}, {Y, U, U, Y},  //
      {N, Y, N, Y}, {N, N, N, N}, {N, U, N, U},  //
      {U, Y, U, Y}, {U, N, N, U}, {U, U, U, U},
  };
  for (const Row& row : table) {
    INFO("a=" << text(row.a) << " b=" << text(row.b));
    CHECK(text(with_flags(all.items(), row.a, row.b)) == std::string(text(row.all)));
    CHECK(text(with_flags(any.items(), row.a, row.b)) == std::string(text(row.any)));
  }
  CHECK(with_flags(negation.items(), Y, N) == N);
  CHECK(with_flags(negation.items(), N, N) == Y);
  CHECK(with_flags(negation.items(), U, N) == U);
}

TEST_CASE("condition: a false child decides `all` even after an unknown one", "[condition]") {
  // Order must not matter: unknown first, then false, is still false.
  auto f = fixture(
      R"({"all": [{"fact": "tpp", ">=": 1}, {"fact": "datacenter", "is": true}, {"fact": "us_origin", "is": true}]})");
  ItemFacts item;  // tpp unknown
  item.datacenter = Tri::yes;
  item.us_origin = Tri::no;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::no);
  item.us_origin = Tri::yes;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::unknown);
  item.tpp = 5;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::yes);
}

TEST_CASE("condition: nested connectives", "[condition]") {
  // not (any (datacenter, all (tpp >= 4800, not us_origin)))
  auto f = fixture(R"({"not": {"any": [{"fact": "datacenter", "is": true},
      {"all": [{"fact": "tpp", ">=": 4800}, {"not": {"fact": "us_origin", "is": true}}]}]}})");
  ItemFacts item;
  item.datacenter = Tri::no;
  item.us_origin = Tri::no;
  item.tpp = 4800;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::no);
  item.tpp = 4799;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  item.us_origin = Tri::unknown;
  item.tpp = 4800;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::unknown);
  item.tpp = 4799;  // the inner `all` is false whatever us_origin is
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::yes);
}

TEST_CASE("condition: numeric boundaries of >=, >, <=, <", "[condition]") {
  auto ge = fixture(R"({"fact": "tpp", ">=": 4800})");
  auto gt = fixture(R"({"fact": "tpp", ">": 4800})");
  auto le = fixture(R"({"fact": "tpp", "<=": 4800})");
  auto lt = fixture(R"({"fact": "tpp", "<": 4800})");
  CHECK(with_tpp(ge.items(), 4800) == Tri::yes);
  CHECK(with_tpp(ge.items(), 4799.99) == Tri::no);
  CHECK(with_tpp(gt.items(), 4800) == Tri::no);
  CHECK(with_tpp(gt.items(), 4800.01) == Tri::yes);
  CHECK(with_tpp(le.items(), 4800) == Tri::yes);
  CHECK(with_tpp(le.items(), 4800.01) == Tri::no);
  CHECK(with_tpp(lt.items(), 4800) == Tri::no);
  CHECK(with_tpp(lt.items(), 4799.99) == Tri::yes);
  for (const auto* f : {&ge, &gt, &le, &lt}) CHECK(with_tpp(f->items(), kUnknown) == Tri::unknown);
  // Fractional thresholds are kept exactly.
  auto pd = fixture(R"({"fact": "performance_density", ">=": 5.92})");
  ItemFacts item;
  item.performance_density = 5.92;
  CHECK(pd.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  item.performance_density = 5.9199;
  CHECK(pd.items().evaluate(&item, MovementFacts{}) == Tri::no);
}

TEST_CASE("condition: every numeric item fact is read from its own field", "[condition]") {
  struct Case {
    const char* fact;
    double ItemFacts::*field;
  };
  const Case cases[] = {{"tpp", &ItemFacts::tpp},
                        {"performance_density", &ItemFacts::performance_density},
                        {"die_area_mm2", &ItemFacts::die_area_mm2},
                        {"interconnect_gbps", &ItemFacts::interconnect_gbps},
                        {"memory_bandwidth_gbps", &ItemFacts::memory_bandwidth_gbps},
                        {"memory_bandwidth_density", &ItemFacts::memory_bandwidth_density},
                        {"quantity", &ItemFacts::quantity}};
  for (const Case& c : cases) {
    INFO(c.fact);
    auto f = fixture(std::string(R"({"fact": ")") + c.fact + R"(", ">": 10})");
    ItemFacts item;
    item.tpp = item.performance_density = item.die_area_mm2 = item.interconnect_gbps = item.memory_bandwidth_gbps =
        item.memory_bandwidth_density = item.quantity = 5;
    CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::no);
    item.*c.field = 11;
    CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  }
}

TEST_CASE("condition: `in` over countries, kinds, ECCNs and movements", "[condition]") {
  auto f = fixture(R"({"fact": "kind", "in": ["ic", "system"]})",
                   R"({"all": [{"fact": "destination", "in": ["CN", "HK"]}, {"fact": "movement", "in": ["export", "transit"]}]})");
  const auto& engine = f.engine;
  MovementFacts movement;
  movement.destination = support::country(engine, "HK");
  CHECK(f.when().evaluate(nullptr, movement) == Tri::yes);
  movement.movement = exportctl::MovementKind::transshipment;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);
  movement.movement = exportctl::MovementKind::transit;
  movement.destination = support::country(engine, "VN");
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);
  movement.destination = kNoCountry;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::unknown);

  ItemFacts item;
  item.kind = exportctl::ItemKind::system;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  item.kind = exportctl::ItemKind::hbm;
  CHECK(f.items().evaluate(&item, MovementFacts{}) == Tri::no);

  auto eccn = fixture(R"({"fact": "eccn", "in": ["3A090.a", "none"]})");
  item.eccn = exportctl::Eccn::c3A090_a;
  CHECK(eccn.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  item.eccn = exportctl::Eccn::none;
  CHECK(eccn.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  item.eccn = exportctl::Eccn::c3A090_b;
  CHECK(eccn.items().evaluate(&item, MovementFacts{}) == Tri::no);
  item.eccn_unknown = true;  // classification undecidable
  CHECK(eccn.items().evaluate(&item, MovementFacts{}) == Tri::unknown);
}

TEST_CASE("condition: origin, movement country and exporter headquarters", "[condition]") {
  auto f = fixture(R"({"fact": "tpp", ">=": 0})", R"({"all": [{"fact": "origin", "in": ["US"]},
      {"fact": "movement_country", "in": ["MY"]}, {"fact": "exporter_headquarters", "in": ["US", "SG"]}]})");
  MovementFacts movement;
  movement.origin = support::country(f.engine, "US");
  movement.at = support::country(f.engine, "MY");
  movement.exporter_headquarters = support::country(f.engine, "SG");
  CHECK(f.when().evaluate(nullptr, movement) == Tri::yes);
  movement.exporter_headquarters = kNoCountry;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::unknown);
  movement.at = support::country(f.engine, "TH");
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);
}

TEST_CASE("condition: item facts without an item are unknown", "[condition]") {
  auto f = fixture(R"({"fact": "tpp", ">=": 1})");
  CHECK(f.items().evaluate(nullptr, MovementFacts{}) == Tri::unknown);
  auto g = fixture(R"({"fact": "model", "in": ["X1"]})");
  CHECK(g.items().evaluate(nullptr, MovementFacts{}) == Tri::unknown);
  auto h = fixture(R"({"fact": "us_origin", "is": true})");
  CHECK(h.items().evaluate(nullptr, MovementFacts{}) == Tri::unknown);
}

TEST_CASE("condition: shipment_total_tpp is a movement fact", "[condition]") {
  auto f = fixture(R"({"fact": "tpp", ">=": 0})", R"({"fact": "shipment_total_tpp", ">": 1000000})");
  MovementFacts movement;
  movement.shipment_total_tpp = 1000000;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);
  movement.shipment_total_tpp = 1000001;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::yes);
  movement.shipment_total_tpp = kUnknown;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::unknown);
}

TEST_CASE("condition: consignee_year_total_tpp, known or bounded below by this shipment", "[condition]") {
  auto f = fixture(R"({"fact": "tpp", ">=": 0})", R"({"fact": "consignee_year_total_tpp", "<=": 1000000})");
  MovementFacts movement;
  movement.shipment_total_tpp = 10;
  movement.consignee_year_total_tpp = 1000000;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::yes);
  movement.consignee_year_total_tpp = 1000001;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);
  // Not counted: unknown, unless this shipment alone is over the limit.
  movement.consignee_year_total_tpp = kUnknown;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::unknown);
  movement.shipment_total_tpp = 1000000;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::unknown);
  movement.shipment_total_tpp = 1000001;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);
  movement.shipment_total_tpp = kUnknown;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::unknown);
  auto at_least = fixture(R"({"fact": "tpp", ">=": 0})", R"({"fact": "consignee_year_total_tpp", ">": 5})");
  movement.shipment_total_tpp = 6;
  CHECK(at_least.when().evaluate(nullptr, movement) == Tri::yes);
  movement.shipment_total_tpp = 5;
  CHECK(at_least.when().evaluate(nullptr, movement) == Tri::unknown);
}

TEST_CASE("condition: model and the set-valued models fact", "[condition]") {
  auto single = fixture(R"({"fact": "model", "in": ["ACME X1"]})");
  auto set = fixture(R"({"fact": "models", "in": ["x1"]})");  // case-insensitive, vendor prefix optional
  exportctl::ModelId x1 = single.model("X1"), x2 = single.model("X2"), s1 = single.model("S1");
  REQUIRE(set.model("X1") == x1);

  ItemFacts item;
  item.model = x1;
  CHECK(single.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  item.model = x2;
  CHECK(single.items().evaluate(&item, MovementFacts{}) == Tri::no);
  item.model = kNoModel;  // an item named by no model (a description with metrics) is none of them
  CHECK(single.items().evaluate(&item, MovementFacts{}) == Tri::no);
  item.model_unknown = true;  // a model named but not in the catalog might be a listed one
  CHECK(single.items().evaluate(&item, MovementFacts{}) == Tri::unknown);
  item.model_unknown = false;

  // A system containing X1: `models` holds the system and its parts.
  std::vector<exportctl::ModelId> models{s1, x1};
  item.model = s1;
  item.models = models;
  CHECK(set.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  CHECK(single.items().evaluate(&item, MovementFacts{}) == Tri::no);
  std::vector<exportctl::ModelId> others{s1, x2};
  item.models = others;
  CHECK(set.items().evaluate(&item, MovementFacts{}) == Tri::no);
  // A system not in the catalog: a listed part decides yes; otherwise an unknown name (the item's
  // or a part's) leaves it unknown, and without one it is no.
  std::vector<exportctl::ModelId> parts_only{x1};
  item.model = kNoModel;
  item.model_unknown = true;
  item.models = parts_only;
  CHECK(set.items().evaluate(&item, MovementFacts{}) == Tri::yes);
  std::vector<exportctl::ModelId> other_parts{x2};
  item.models = other_parts;
  CHECK(set.items().evaluate(&item, MovementFacts{}) == Tri::unknown);
  item.model_unknown = false;
  CHECK(set.items().evaluate(&item, MovementFacts{}) == Tri::no);
}

TEST_CASE("condition: party_headquarters with unknown members", "[condition]") {
  auto f = fixture(R"({"fact": "tpp", ">=": 0})", R"({"fact": "party_headquarters", "in": ["CN", "MO"]})");
  auto negated = fixture(R"({"fact": "tpp", ">=": 0})", R"({"not": {"fact": "party_headquarters", "in": ["CN"]}})");
  exportctl::CountryId cn = support::country(f.engine, "CN"), vn = support::country(f.engine, "VN");
  MovementFacts movement;
  std::vector<exportctl::CountryId> none;
  movement.party_headquarters = none;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);  // no parties: nobody is headquartered there
  std::vector<exportctl::CountryId> vietnamese{vn};
  movement.party_headquarters = vietnamese;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::no);
  std::vector<exportctl::CountryId> mixed{vn, cn};
  movement.party_headquarters = mixed;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::yes);
  CHECK(negated.when().evaluate(nullptr, movement) == Tri::no);
  // A party without a stated headquarters might be anywhere.
  movement.party_headquarters = vietnamese;
  movement.party_headquarters_unknown = true;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::unknown);
  CHECK(negated.when().evaluate(nullptr, movement) == Tri::unknown);
  movement.party_headquarters = mixed;
  CHECK(f.when().evaluate(nullptr, movement) == Tri::yes);
}

TEST_CASE("condition: in_groups is resolved per date and per knowledge", "[condition]") {
  auto engine = support::load(
      {support::countries(),
       support::group("T:1", R"([
           {"valid_from": "2020-01-01", "valid_to": "2024-12-31", "known_from": "2020-01-01", "members": ["CN"]},
           {"valid_from": "2025-01-01", "known_from": "2025-02-01", "members": ["CN", "VN"]}])"),
       support::group("T:2", R"([{"valid_from": "2020-01-01", "known_from": "2020-01-01", "members": ["MO"]}])"),
       support::rule("license", "t.groups",
                     {version(1, "2020-01-01", R"({"when": {"fact": "destination", "in_groups": ["T:1", "T:2"]}})")})});
  auto holds = [&](std::string_view code, std::string_view date, std::optional<Date> known_on) {
    const exportctl::Snapshot* snapshot = exportctl::rules_of(engine).timeline(known_on).at(support::day(date));
    REQUIRE(snapshot != nullptr);
    REQUIRE(snapshot->requirements.size() == 1);
    MovementFacts movement;
    movement.destination = support::country(engine, code);
    return snapshot->requirements[0].when.evaluate(nullptr, movement);
  };
  CHECK(holds("CN", "2024-06-01", std::nullopt) == Tri::yes);
  CHECK(holds("MO", "2024-06-01", std::nullopt) == Tri::yes);  // the second group counts too
  CHECK(holds("VN", "2024-12-31", std::nullopt) == Tri::no);
  CHECK(holds("VN", "2025-01-01", std::nullopt) == Tri::yes);
  // Before version 2 was known, the group had no version for 2025: VN is not a member.
  CHECK(holds("VN", "2025-01-10", support::day("2025-01-31")) == Tri::no);
  CHECK(holds("CN", "2025-01-10", support::day("2025-01-31")) == Tri::no);
  CHECK(holds("VN", "2025-01-10", support::day("2025-02-01")) == Tri::yes);
  CHECK(holds("SG", "2025-06-01", std::nullopt) == Tri::no);
}

TEST_CASE("condition: reads() names the facts a condition reads", "[condition]") {
  auto f = fixture(R"({"all": [{"fact": "tpp", ">=": 1}, {"not": {"fact": "datacenter", "is": true}}]})",
                   R"({"fact": "destination", "in": ["CN"]})");
  using exportctl::Fact;
  auto bit = [](Fact fact) { return exportctl::FactMask{1} << static_cast<int>(fact); };
  CHECK(f.items().reads() == (bit(Fact::tpp) | bit(Fact::datacenter)));
  CHECK(f.items().reads_item_facts());
  CHECK(f.when().reads() == bit(Fact::destination));
  CHECK_FALSE(f.when().reads_item_facts());
  CHECK(Condition().is_always());
  CHECK(Condition().evaluate(nullptr, MovementFacts{}) == Tri::yes);
  CHECK_FALSE(f.items().is_always());
}

TEST_CASE("condition: fact_value_text renders facts for explanations", "[condition]") {
  auto f = fixture(R"({"fact": "tpp", ">=": 0})");
  const auto& rules = exportctl::rules_of(f.engine);
  using exportctl::Fact;
  using exportctl::fact_value_text;
  ItemFacts item;
  item.tpp = 15832;
  item.performance_density = 2.5;
  item.datacenter = Tri::no;
  item.model = f.model("X2");
  std::vector<exportctl::ModelId> models{f.model("S1"), f.model("X1")};
  item.models = models;
  MovementFacts movement;
  movement.destination = support::country(f.engine, "CN");
  std::vector<exportctl::CountryId> hq{support::country(f.engine, "VN")};
  movement.party_headquarters = hq;
  movement.party_headquarters_unknown = true;
  auto value = [&](Fact fact, const ItemFacts* facts) {
    return fact_value_text(fact, facts, movement, rules.country_codes, rules.model_names);
  };
  CHECK(value(Fact::tpp, &item) == "15832");
  CHECK(value(Fact::performance_density, &item) == "2.5");
  CHECK(value(Fact::die_area_mm2, &item) == "unknown");
  CHECK(value(Fact::datacenter, &item) == "false");
  CHECK(value(Fact::us_origin, &item) == "unknown");
  CHECK(value(Fact::model, &item) == "ACME X2");
  CHECK(value(Fact::models, &item) == "ACME S1,ACME X1");
  item.model_unknown = true;
  CHECK(value(Fact::models, &item) == "ACME S1,ACME X1,unknown");
  ItemFacts nameless;
  CHECK(value(Fact::model, &nameless) == "none");
  CHECK(value(Fact::models, &nameless) == "none");
  nameless.model_unknown = true;
  CHECK(value(Fact::model, &nameless) == "unknown");
  CHECK(value(Fact::models, &nameless) == "unknown");
  CHECK(value(Fact::kind, &item) == "ic");
  CHECK(value(Fact::eccn, &item) == "none");
  CHECK(value(Fact::destination, nullptr) == "CN");
  CHECK(value(Fact::origin, nullptr) == "unknown");
  CHECK(value(Fact::movement, nullptr) == "export");
  CHECK(value(Fact::party_headquarters, nullptr) == "VN,unknown");
  CHECK(value(Fact::tpp, nullptr) == "unknown");
  movement.party_headquarters = {};
  movement.party_headquarters_unknown = false;
  CHECK(value(Fact::party_headquarters, nullptr) == "none");
}

TEST_CASE("condition: facts_by_name is sorted and complete", "[condition]") {
  const auto& facts = exportctl::facts_by_name();
  for (size_t i = 1; i < facts.size(); ++i)
    CHECK(exportctl::fact_info(facts[i - 1]).name < exportctl::fact_info(facts[i]).name);
  CHECK(exportctl::fact_info(facts.front()).name == "catalogued");
  CHECK(exportctl::fact_info(facts.back()).name == "us_origin");
  CHECK(exportctl::is_item_fact(exportctl::Fact::eccn));
  CHECK_FALSE(exportctl::is_item_fact(exportctl::Fact::origin));
}
