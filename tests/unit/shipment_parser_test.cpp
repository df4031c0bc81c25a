// The strict shipment parser: every field read into the Shipment, every error naming its JSON
// pointer, and a reused Shipment (and parser) fully reset between parses.
#include <catch2/catch.hpp>

#include "io/shipment_parser.hpp"
#include "support.hpp"

using exportctl::kNoCountry;
using exportctl::kNoModel;
using exportctl::Shipment;
using exportctl::Tri;

namespace {

const exportctl::Engine& engine() {
  static const exportctl::Engine instance = support::load(
      {support::countries(),
       support::catalog("ACME", {support::model("Big", R"({"tpp": 15832})", R"({"aliases": ["B-1"]})"),
                                 support::model("Box", "{}", R"({"kind": "system", "contains": [{"model": "Big", "count": 8}]})")})});
  return instance;
}

// The error message of a shipment that must not parse.
std::string error_of(std::string_view json) {
  Shipment shipment;
  auto status = engine().parse_shipment(json, "s.json", shipment);
  if (status) FAIL("parsed but should not: " << json);
  CHECK(status.error().code == exportctl::ErrorCode::bad_input);
  return status.error().message();
}

// A valid minimal shipment with `middle` spliced in after the required keys.
std::string minimal(std::string_view middle = "") {
  std::string text = R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big"}])";
  if (!middle.empty()) {
    text += ", ";
    text += middle;
  }
  text += "}";
  return text;
}

const char* kFull = R"({
  "id": "SHP-1", "ship_date": "2025-08-01", "known_on": "2025-07-15",
  "exporter": {"name": "ACME Corp", "country": "US", "headquarters": "US"},
  "origin": "US", "destination": "VN",
  "via": [{"country": "MY", "activity": "transshipment", "date": "2025-08-05"}, {"country": "SG", "activity": "transit"}],
  "parties": [{"role": "end_user", "name": "Cloud JSC", "country": "VN", "headquarters": "VN"}, {"role": "purchaser"}],
  "items": [
    {"model": "acme big", "quantity": 8, "unit_value_usd": 25000, "eccn": "3A090.a"},
    {"model": "B-1"},
    {"description": "custom", "quantity": 2, "us_origin": false, "kind": "ic",
     "metrics": {"tpp": 3000, "performance_density": 1.5, "die_area_mm2": 600, "dense_tops": 375, "bit_length": 8,
                 "interconnect_gbps": 200, "memory_bandwidth_gbps": 1000, "memory_bandwidth_density": 1.2, "datacenter": true}},
    {"kind": "system", "contains": [{"model": "Big", "count": 4}, {"model": "Nope"}]},
    {"model": "Mystery 9000", "metrics": {}}
  ],
  "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-22", "reference": "STS/2025/123"}],
  "authorizations": [{"authority": "US-BIS", "kind": "license", "number": "D1234567", "valid_from": "2025-06-01",
                      "valid_to": "2027-05-31", "destinations": ["VN"], "models": ["NVIDIA H100-SXM", "acme b-1"]}]
})";

}  // namespace

TEST_CASE("shipment parser: every field of a full shipment", "[shipment_parser]") {
  const auto& rules = exportctl::rules_of(engine());
  Shipment s = support::parse(engine(), kFull);
  CHECK(s.id == "SHP-1");
  CHECK(exportctl::to_string(s.ship_date) == "2025-08-01");
  REQUIRE(s.known_on.has_value());
  CHECK(exportctl::to_string(*s.known_on) == "2025-07-15");
  CHECK(s.exporter.given);
  CHECK(s.exporter.name == "ACME Corp");
  CHECK(s.exporter.country == support::country(engine(), "US"));
  CHECK(s.exporter.headquarters == support::country(engine(), "US"));
  CHECK(s.origin == support::country(engine(), "US"));
  CHECK(s.destination == support::country(engine(), "VN"));

  REQUIRE(s.via.size() == 2);
  CHECK(s.via[0].country == support::country(engine(), "MY"));
  CHECK(s.via[0].activity == exportctl::StopActivity::transshipment);
  CHECK(exportctl::to_string(s.via[0].date) == "2025-08-05");
  CHECK(s.via[1].activity == exportctl::StopActivity::transit);
  CHECK(exportctl::to_string(s.via[1].date) == "2025-08-01");  // defaults to the ship date

  REQUIRE(s.parties.size() == 2);
  CHECK(s.parties[0].role == exportctl::PartyRole::end_user);
  CHECK(s.parties[0].name == "Cloud JSC");
  CHECK(s.parties[0].headquarters == support::country(engine(), "VN"));
  CHECK(s.parties[1].role == exportctl::PartyRole::purchaser);
  CHECK(s.parties[1].country == kNoCountry);
  CHECK(s.parties[1].headquarters == kNoCountry);

  REQUIRE(s.items.size() == 5);
  CHECK(s.items[0].model_name == "acme big");
  CHECK(s.items[0].model == rules.find_model("ACME Big"));
  CHECK(s.items[0].quantity == 8);
  CHECK(s.items[0].unit_value_usd == 25000);
  CHECK(s.items[0].declared_eccn == "3A090.a");
  CHECK(s.items[0].us_origin == Tri::unknown);
  CHECK_FALSE(s.items[0].kind_given);
  CHECK(s.items[1].model == rules.find_model("ACME Big"));  // by alias
  CHECK(s.items[1].quantity == 1);
  const auto& custom = s.items[2];
  CHECK(custom.model == kNoModel);
  CHECK(custom.model_name.empty());
  CHECK(custom.description == "custom");
  CHECK(custom.us_origin == Tri::no);
  CHECK(custom.kind_given);
  CHECK(custom.metrics.tpp == 3000);
  CHECK(custom.metrics.performance_density == 1.5);
  CHECK(custom.metrics.die_area_mm2 == 600);
  CHECK(custom.metrics.dense_tops == 375);
  CHECK(custom.metrics.bit_length == 8);
  CHECK(custom.metrics.interconnect_gbps == 200);
  CHECK(custom.metrics.memory_bandwidth_gbps == 1000);
  CHECK(custom.metrics.memory_bandwidth_density == 1.2);
  CHECK(custom.metrics.datacenter == Tri::yes);
  const auto& system = s.items[3];
  CHECK(system.kind == exportctl::ItemKind::system);
  REQUIRE(system.contains.size() == 2);
  CHECK(system.contains[0].model == rules.find_model("Big"));
  CHECK(system.contains[0].count == 4);
  CHECK(system.contains[1].model_name == "Nope");
  CHECK(system.contains[1].model == kNoModel);
  CHECK(system.contains[1].count == 1);
  CHECK(s.items[4].model_name == "Mystery 9000");
  CHECK(s.items[4].model == kNoModel);
  CHECK(std::isnan(s.items[4].metrics.tpp));

  REQUIRE(s.notices.size() == 1);
  CHECK(s.notices[0].authority == exportctl::Authority::MY_MITI);
  CHECK(exportctl::to_string(s.notices[0].filed_on) == "2025-07-22");
  CHECK(s.notices[0].reference == "STS/2025/123");
  REQUIRE(s.authorizations.size() == 1);
  const auto& a = s.authorizations[0];
  CHECK(a.authority == exportctl::Authority::US_BIS);
  CHECK(a.kind == exportctl::AuthorizationKind::license);
  CHECK(a.number == "D1234567");
  CHECK(exportctl::to_string(a.valid_from) == "2025-06-01");
  CHECK(exportctl::to_string(a.valid_to) == "2027-05-31");
  CHECK(a.destinations == std::vector<exportctl::CountryId>{support::country(engine(), "VN")});
  CHECK(a.models == std::vector<std::string>{"nvidiah100sxm", "acmeb1"});
  CHECK(a.model_ids == std::vector<exportctl::ModelId>{kNoModel, rules.find_model("Big")});
}

TEST_CASE("shipment parser: defaults of a minimal shipment", "[shipment_parser]") {
  Shipment s = support::parse(engine(), minimal());
  CHECK(s.id.empty());
  CHECK_FALSE(s.known_on.has_value());
  CHECK_FALSE(s.exporter.given);
  CHECK(s.via.empty());
  CHECK(s.parties.empty());
  CHECK(s.notices.empty());
  CHECK(s.authorizations.empty());
  REQUIRE(s.items.size() == 1);
  CHECK(s.items[0].quantity == 1);
  CHECK(s.items[0].kind == exportctl::ItemKind::ic);
  CHECK(std::isnan(s.items[0].unit_value_usd));
  // Key order does not matter, nor does surrounding whitespace.
  Shipment reordered = support::parse(engine(), R"(  {"items": [{"model": "Big"}], "destination": "CN",
      "via": [{"activity": "transit", "country": "SG"}], "origin": "US", "ship_date": "2025-08-01"}
  )");
  REQUIRE(reordered.via.size() == 1);
  CHECK(exportctl::to_string(reordered.via[0].date) == "2025-08-01");  // the ship date came later in the text
}

TEST_CASE("shipment parser: unknown keys", "[shipment_parser]") {
  CHECK(error_of(minimal(R"("destinaton": "VN")")) == "s.json: /destinaton: unknown key \"destinaton\"");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN",
      "items": [{"model": "Big", "metrics": {"tops": 5}}]})") == "s.json: /items/0/metrics/tops: unknown key \"tops\"");
  CHECK(error_of(minimal(R"("via": [{"country": "MY", "activity": "transit", "when": "2025-08-02"}])")) ==
        "s.json: /via/0/when: unknown key \"when\"");
  CHECK(error_of(minimal(R"("exporter": {"name": "A", "hq": "US"})")) == "s.json: /exporter/hq: unknown key \"hq\"");
  CHECK(error_of(minimal(R"("a/b~c": 1)")) == "s.json: /a~1b~0c: unknown key \"a/b~c\"");
}

TEST_CASE("shipment parser: duplicate keys", "[shipment_parser]") {
  CHECK(error_of(R"({"ship_date": "2025-08-01", "ship_date": "2025-08-02", "origin": "US", "destination": "CN",
      "items": [{"model": "Big"}]})") == "s.json: /ship_date: duplicate key \"ship_date\"");
  CHECK(error_of(minimal(R"("via": [{"country": "MY", "activity": "transit"}, {"country": "MY", "country": "SG",
      "activity": "transit"}])")) == "s.json: /via/1/country: duplicate key \"country\"");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN",
      "items": [{"model": "Big", "metrics": {"tpp": 1, "tpp": 2}}]})") == "s.json: /items/0/metrics/tpp: duplicate key \"tpp\"");
}

TEST_CASE("shipment parser: wrong types", "[shipment_parser]") {
  CHECK(error_of("[]") == "s.json: /: expected a JSON object (the shipment)");
  CHECK(error_of("42") == "s.json: /: expected a JSON object (the shipment)");
  CHECK(error_of(minimal(R"("id": 42)")) == "s.json: /id: expected a string");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": {"model": "Big"}})") ==
        "s.json: /items: expected an array");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big",
      "quantity": "8"}]})") == "s.json: /items/0/quantity: expected a number");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big",
      "us_origin": "yes"}]})") == "s.json: /items/0/us_origin: expected true or false");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": ["Big"]})") ==
        "s.json: /items/0: expected an object");
  CHECK(error_of(minimal(R"("notices": [{"authority": "MY-MITI", "filed_on": 20250801}])")) ==
        "s.json: /notices/0/filed_on: expected a string");
}

TEST_CASE("shipment parser: values outside their vocabulary or range", "[shipment_parser]") {
  CHECK(error_of(minimal(R"("via": [{"country": "MY", "activity": "fly"}])")) ==
        "s.json: /via/0/activity: \"fly\" is not one of transit, transshipment");
  CHECK(error_of(minimal(R"("parties": [{"role": "buyer"}])")) ==
        "s.json: /parties/0/role: \"buyer\" is not one of purchaser, intermediate_consignee, ultimate_consignee, end_user");
  CHECK(error_of(minimal(R"("notices": [{"authority": "BIS", "filed_on": "2025-07-01"}])")) ==
        "s.json: /notices/0/authority: \"BIS\" is not one of US-BIS, MY-MITI, TH-DFT, US-OFAC");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big",
      "quantity": 0}]})") == "s.json: /items/0/quantity: quantity must be positive");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big",
      "metrics": {"tpp": -1}}]})") == "s.json: /items/0/metrics/tpp: must be positive");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"quantity": 2}]})") ==
        "s.json: /items/0: an item needs a \"model\", \"metrics\" or \"contains\" to be classified");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "--"}]})") ==
        "s.json: /items/0/model: a model name needs letters or digits");
  CHECK(error_of(minimal(R"("authorizations": [{"authority": "US-BIS", "kind": "license", "number": "L",
      "valid_from": "2025-06-01", "valid_to": "2025-05-31"}])")) == "s.json: /authorizations/0: valid_to is before valid_from");
}

TEST_CASE("shipment parser: bad dates", "[shipment_parser]") {
  CHECK(error_of(R"({"ship_date": "2025-02-30", "origin": "US", "destination": "CN", "items": [{"model": "Big"}]})") ==
        "s.json: /ship_date: \"2025-02-30\" is not a date (YYYY-MM-DD, a day that exists)");
  CHECK(error_of(minimal(R"("known_on": "2023-02-29")")) ==
        "s.json: /known_on: \"2023-02-29\" is not a date (YYYY-MM-DD, a day that exists)");
  CHECK(error_of(minimal(R"("via": [{"country": "MY", "activity": "transit", "date": "2025/08/05"}])")) ==
        "s.json: /via/0/date: \"2025/08/05\" is not a date (YYYY-MM-DD, a day that exists)");
  CHECK(support::parse(engine(), minimal(R"("known_on": "2024-02-29")")).known_on == support::day("2024-02-29"));
}

TEST_CASE("shipment parser: unknown countries", "[shipment_parser]") {
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "XX", "items": [{"model": "Big"}]})") ==
        "s.json: /destination: unknown country code \"XX\" (ISO 3166-1 alpha-2, e.g. CN, MO, HK)");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "us", "destination": "CN", "items": [{"model": "Big"}]})") ==
        "s.json: /origin: unknown country code \"us\" (ISO 3166-1 alpha-2, e.g. CN, MO, HK)");
  CHECK(error_of(minimal(R"("authorizations": [{"authority": "US-BIS", "kind": "license", "number": "L",
      "destinations": ["VN", "USA"]}])")) ==
        "s.json: /authorizations/0/destinations/1: unknown country code \"USA\" (ISO 3166-1 alpha-2, e.g. CN, MO, HK)");
  CHECK(error_of(minimal(R"("parties": [{"role": "end_user", "headquarters": "ZZ"}])")) ==
        "s.json: /parties/0/headquarters: unknown country code \"ZZ\" (ISO 3166-1 alpha-2, e.g. CN, MO, HK)");
}

TEST_CASE("shipment parser: missing and empty required values", "[shipment_parser]") {
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": []})") ==
        "s.json: /items: a shipment needs at least one item");
  CHECK(error_of(R"({"origin": "US", "destination": "CN", "items": [{"model": "Big"}]})") ==
        "s.json: /: missing required key \"ship_date\"");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "items": [{"model": "Big"}]})") ==
        "s.json: /: missing required key \"destination\"");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN"})") ==
        "s.json: /: missing required key \"items\"");
  CHECK(error_of(minimal(R"("via": [{"country": "MY"}])")) == "s.json: /via/0: missing required key \"activity\"");
  CHECK(error_of(minimal(R"("authorizations": [{"authority": "US-BIS", "kind": "license"}])")) ==
        "s.json: /authorizations/0: missing required key \"number\"");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN",
      "items": [{"kind": "system", "contains": [{"count": 2}]}]})") ==
        "s.json: /items/0/contains/0: missing required key \"model\"");
}

TEST_CASE("shipment parser: a stop cannot come before the ship date", "[shipment_parser]") {
  CHECK(error_of(minimal(R"("via": [{"country": "MY", "activity": "transit", "date": "2025-08-03"},
      {"country": "SG", "activity": "transit", "date": "2025-07-31"}])")) ==
        "s.json: /via/1/date: a stop cannot come before the ship date 2025-08-01");
  Shipment same_day = support::parse(engine(), minimal(R"("via": [{"country": "MY", "activity": "transit", "date": "2025-08-01"}])"));
  CHECK(same_day.via[0].date == same_day.ship_date);
}

TEST_CASE("shipment parser: text that is not one JSON object", "[shipment_parser]") {
  CHECK(error_of(minimal() + " x") == "s.json: /: not valid JSON: text follows the shipment object");
  CHECK(error_of(minimal() + "}") == "s.json: /: not valid JSON: text follows the shipment object");
  CHECK(error_of(minimal() + minimal()) == "s.json: /: not valid JSON: text follows the shipment object");
  CHECK(error_of("") == "s.json: /: not valid JSON: the input is empty");
  CHECK(error_of(R"({"id": "unclosed)").rfind("s.json: /: not valid JSON: ", 0) == 0);
  CHECK(error_of(R"({"ship_date": "2025-08-01", )").rfind("s.json: ", 0) == 0);
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big"}],})")
            .rfind("s.json: ", 0) == 0);
  // Trailing whitespace is fine.
  CHECK(support::parse(engine(), minimal() + "\n\t  \n").items.size() == 1);
}

TEST_CASE("shipment parser: a reused Shipment is fully reset", "[shipment_parser]") {
  Shipment s;
  REQUIRE(engine().parse_shipment(kFull, "full.json", s));
  REQUIRE(s.items.size() == 5);
  REQUIRE(engine().parse_shipment(minimal(), "min.json", s));
  CHECK(s.id.empty());
  CHECK_FALSE(s.known_on.has_value());
  CHECK_FALSE(s.exporter.given);
  CHECK(s.exporter.name.empty());
  CHECK(s.exporter.headquarters == kNoCountry);
  CHECK(s.destination == support::country(engine(), "CN"));
  CHECK(s.via.empty());
  CHECK(s.parties.empty());
  CHECK(s.notices.empty());
  CHECK(s.authorizations.empty());
  REQUIRE(s.items.size() == 1);
  CHECK(s.items[0].quantity == 1);
  CHECK(s.items[0].declared_eccn.empty());

  // After a failed parse, the next one starts clean too.
  CHECK_FALSE(engine().parse_shipment(minimal(R"("via": [{"country": "MY", "activity": "fly"}])"), "bad.json", s));
  REQUIRE(engine().parse_shipment(minimal(R"("id": "again")"), "again.json", s));
  CHECK(s.id == "again");
  CHECK(s.via.empty());
  CHECK(s.items.size() == 1);
}

TEST_CASE("shipment parser: the parser's buffer is reused safely", "[shipment_parser]") {
  exportctl::ShipmentParser parser(exportctl::rules_of(engine()));
  Shipment s;
  // A long document, then a short one: the leftover of the long one must not be read.
  std::string long_text = minimal(R"("id": ")" + std::string(1000, 'x') + R"(")" + std::string(5000, ' '));
  REQUIRE(parser.parse(long_text, "long.json", s));
  CHECK(s.id.size() == 1000);
  auto status = parser.parse(minimal(), "short.json", s);
  if (!status) FAIL(status.error().message());
  CHECK(s.id.empty());
  // And short, then long again.
  REQUIRE(parser.parse(long_text, "long.json", s));
  CHECK(s.id.size() == 1000);
  // Many documents of varying size through one parser.
  for (int n = 0; n < 50; ++n) {
    std::string id(static_cast<size_t>(n * 97 % 1000), static_cast<char>('a' + n % 26));
    std::string padding(static_cast<size_t>(n * 89 % 3000), ' ');
    auto result = parser.parse(minimal(R"("id": ")" + id + R"(")" + padding), "many.json", s);
    if (!result) FAIL(result.error().message());
    CHECK(s.id == id);
  }
}

TEST_CASE("shipment parser: every list and string has a limit, named with its field", "[shipment_parser][limits]") {
  // Positions were 16-bit: 65,535 stops wrapped and lost the Malaysian requirements.
  auto stops = [](size_t n) {
    std::string via;
    for (size_t i = 0; i < n; ++i) via += std::string(i ? "," : "") + R"({"country": "SG", "activity": "transit"})";
    return minimal(R"("via": [)" + via + "]");
  };
  CHECK(support::parse(engine(), stops(32)).via.size() == 32);
  CHECK(error_of(stops(33)) == "s.json: /via: over the limit of 32 entries (docs/limits.md)");
  CHECK(error_of(stops(65535)) == "s.json: /via: over the limit of 32 entries (docs/limits.md)");
  std::string notices;
  for (int i = 0; i < 65; ++i)
    notices += std::string(i ? "," : "") + R"({"authority": "MY-MITI", "filed_on": "2025-07-01"})";
  CHECK(error_of(minimal(R"("notices": [)" + notices + "]")) == "s.json: /notices: over the limit of 64 entries (docs/limits.md)");
  CHECK(support::parse(engine(), minimal(R"("id": ")" + std::string(1000, 'x') + R"(")")).id.size() == 1000);
  CHECK(error_of(minimal(R"("id": ")" + std::string(1001, 'x') + R"(")")) ==
        "s.json: /id: over the limit of 1000 characters (docs/limits.md)");
  // Characters, not bytes: 1000 two-byte characters are within it.
  std::string accented;
  for (int i = 0; i < 1000; ++i) accented += "\u00e9";
  CHECK(support::parse(engine(), minimal(R"("id": ")" + accented + R"(")")).id.size() == 2000);
}

TEST_CASE("shipment parser: a performance figure must be positive", "[shipment_parser]") {
  for (const char* tpp : {"0", "-0", "0.0", "-1"})
    CHECK(error_of(std::string(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big",
      "metrics": {"tpp": )") + tpp + "}}]}") == "s.json: /items/0/metrics/tpp: must be positive");
}

TEST_CASE("shipment parser: escapes in strings", "[shipment_parser]") {
  Shipment s = support::parse(engine(), minimal(R"("id": "a\"b\\c\n\u00e9\u4e2d")"));
  CHECK(s.id == "a\"b\\c\n\xc3\xa9\xe4\xb8\xad");
  Shipment escaped_key = support::parse(engine(), R"({"ship_\u0064ate": "2025-08-01", "origin": "US", "destination": "CN",
      "items": [{"model": "Big"}]})");
  CHECK(exportctl::to_string(escaped_key.ship_date) == "2025-08-01");
}

TEST_CASE("shipment parser: empty input as the very first document, then lines of other lengths",
          "[shipment_parser]") {
  // A fresh parser has no buffer yet; an empty first document once wrote its padding through a
  // null pointer.
  exportctl::ShipmentParser parser(exportctl::rules_of(engine()));
  Shipment shipment;
  exportctl::Status empty = parser.parse("", "e.json", shipment);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message() == "e.json: /: not valid JSON: the input is empty");
  std::string longer = R"({"ship_date": "2024-06-01", "origin": "US", "destination": "CN", "items": [{"model": "Big"}]})";
  REQUIRE(parser.parse(longer, "l.json", shipment).ok());
  CHECK(shipment.items.size() == 1);
  CHECK(parser.parse("{}", "s.json", shipment).error().message() == "s.json: /: missing required key \"ship_date\"");
}

TEST_CASE("shipment parser: errors carry source, pointer and problem as fields", "[shipment_parser]") {
  Shipment shipment;
  auto status = engine().parse_shipment(minimal(R"("parties": [{"role": "end_user", "headquarters": "ZZ"}])"),
                                        "in.jsonl:12", shipment);
  REQUIRE_FALSE(status);
  CHECK(status.error().source == "in.jsonl:12");
  CHECK(status.error().pointer == "/parties/0/headquarters");
  CHECK(status.error().problem == "unknown country code \"ZZ\" (ISO 3166-1 alpha-2, e.g. CN, MO, HK)");
  CHECK(status.error().context.empty());
  // A problem with the document as a whole points at its root.
  status = engine().parse_shipment("[1]", "in.jsonl:13", shipment);
  REQUIRE_FALSE(status);
  CHECK(status.error().pointer == "/");
  CHECK(status.error().problem == "expected a JSON object (the shipment)");
}

TEST_CASE("shipment parser: \"one of\" messages list the vocabulary, and every word of it parses",
          "[shipment_parser]") {
  CHECK(error_of(minimal(R"("authorizations": [{"authority": "US-BIS", "kind": "waiver", "number": "L"}])")) ==
        "s.json: /authorizations/0/kind: \"waiver\" is not one of license, permit");
  CHECK(exportctl::one_of<exportctl::Authority>() == "one of US-BIS, MY-MITI, TH-DFT, US-OFAC");
  CHECK(error_of(R"({"ship_date": "2025-08-01", "origin": "US", "destination": "CN", "items": [{"model": "Big",
      "kind": "gpu"}]})") == "s.json: /items/0/kind: \"gpu\" is not one of ic, system, hbm");
  // US-OFAC is in the vocabulary, so a notice to it parses.
  Shipment shipment =
      support::parse(engine(), minimal(R"("notices": [{"authority": "US-OFAC", "filed_on": "2025-07-01"}])"));
  REQUIRE(shipment.notices.size() == 1);
  CHECK(shipment.notices[0].authority == exportctl::Authority::US_OFAC);
}
