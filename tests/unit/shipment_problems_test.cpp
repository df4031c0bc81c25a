// Every problem in a shipment at once, each with its JSON pointer and the parser's own words:
// what the officer's page shows by each field (POST /v1/validate).
#include <catch2/catch.hpp>

#include "support.hpp"

namespace {

std::vector<std::string> listed(const exportctl::Engine& engine, std::string_view json, size_t limit = 32) {
  std::vector<std::string> out;
  for (const exportctl::Error& error : engine.list_shipment_problems(json, "<body>", limit)) out.push_back(error.message());
  return out;
}

const std::string kUnknownCountry = " (ISO 3166-1 alpha-2, e.g. CN, MO, HK)";

}  // namespace

TEST_CASE("shipment problems: every field at fault, in the parser's words and the document's order", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  // The role set aside leaves the party without one, and the quantity set aside leaves the item
  // without anything to classify it by: neither is reported, and the listing goes on past them.
  CHECK(listed(engine, R"({"ship_date": "2025-02-30", "origin": "XX", "destination": "VN",
      "parties": [{"role": "buyer", "country": "SG", "headquarters": "ZZ"}], "items": [{"description": "x", "quantity": "8"}]})") ==
        std::vector<std::string>{"<body>: /ship_date: \"2025-02-30\" is not a date (YYYY-MM-DD, a day that exists)",
                                 "<body>: /origin: unknown country code \"XX\"" + kUnknownCountry,
                                 "<body>: /parties/0/role: \"buyer\" is not one of purchaser, intermediate_consignee, "
                                 "ultimate_consignee, end_user",
                                 "<body>: /parties/0/headquarters: unknown country code \"ZZ\"" + kUnknownCountry,
                                 "<body>: /items/0/quantity: expected a number"});
}

TEST_CASE("shipment problems: none for a shipment that parses", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  // A model not in the catalog parses (screening warns of it); only its classification needs it.
  CHECK(listed(engine, R"({"ship_date": "2025-03-01", "origin": "US", "destination": "VN", "items": [{"model": "X1"}]})").empty());
}

TEST_CASE("shipment problems: after an array element set aside, the later ones keep their positions", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  CHECK(listed(engine, R"({"ship_date": "2025-03-01", "origin": "US", "destination": "VN",
      "via": [{"country": "MY"}, {"country": "QQ", "activity": "transit"}, {"country": "SG", "activity": "fly"}],
      "items": [{"quantity": 1}, {"model": "X1", "quantity": -1}, {"model": "X2", "contains": [{"count": 1}, {"model": ""}]}]})") ==
        std::vector<std::string>{"<body>: /via/0: missing required key \"activity\"",
                                 "<body>: /via/1/country: unknown country code \"QQ\"" + kUnknownCountry,
                                 "<body>: /via/2/activity: \"fly\" is not one of transit, transshipment",
                                 "<body>: /items/0: an item needs a \"model\", \"metrics\" or \"contains\" to be classified",
                                 "<body>: /items/1/quantity: quantity must be positive",
                                 "<body>: /items/2/contains/0: missing required key \"model\""});
}

TEST_CASE("shipment problems: the listing ends at a problem of the whole document", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  CHECK(listed(engine, "not json") == std::vector<std::string>{"<body>: /: expected a JSON object (the shipment)"});
  // Text cut short is not JSON to set anything aside in: its first problem is its only one.
  CHECK(listed(engine, R"({"ship_date": "2025-02-30", "origin": )") ==
        std::vector<std::string>{"<body>: /ship_date: \"2025-02-30\" is not a date (YYYY-MM-DD, a day that exists)"});
  CHECK(listed(engine, R"({"ship_date": "2025-03-01", "destination": "VN", "items": [{"model": "X1"}]})") ==
        std::vector<std::string>{"<body>: /: missing required key \"origin\""});
  // Setting the bad ship date aside makes it missing: that is not reported again, and a key
  // missing from the start is reported only when no problem comes before it.
  CHECK(listed(engine, R"({"ship_date": "someday", "destination": "VN", "items": [{"model": "X1"}]})") ==
        std::vector<std::string>{"<body>: /ship_date: \"someday\" is not a date (YYYY-MM-DD, a day that exists)"});
}

TEST_CASE("shipment problems: at most the limit asked for, at the positions of the document as given", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  std::string json = R"({"ship_date": "2025-03-01", "origin": "US", "destination": "VN", "items": [)";
  for (int i = 0; i < 50; ++i) json += std::string(i ? "," : "") + R"({"model": "X1", "quantity": "a"})";
  json += "]}";
  CHECK(listed(engine, json, 0).empty());
  CHECK(listed(engine, json, 1) == std::vector<std::string>{"<body>: /items/0/quantity: expected a number"});
  std::vector<std::string> five = listed(engine, json, 5);
  REQUIRE(five.size() == 5);
  CHECK(five[4] == "<body>: /items/4/quantity: expected a number");
  std::vector<std::string> all = listed(engine, json);
  REQUIRE(all.size() == 32);
  CHECK(all[31] == "<body>: /items/31/quantity: expected a number");
  // Each of these costs three parses: the count, then the part left without a model, then the
  // item left without parts; the positions stay those of the document as given.
  std::string nested = R"({"ship_date": "2025-03-01", "origin": "US", "destination": "VN", "items": [)";
  for (int i = 0; i < 50; ++i) nested += std::string(i ? "," : "") + R"({"contains": [{"count": "x"}]})";
  nested += "]}";
  std::vector<std::string> parts = listed(engine, nested, 5);
  REQUIRE(parts.size() == 5);
  CHECK(parts[4] == "<body>: /items/4/contains/0/count: expected a number");
}
