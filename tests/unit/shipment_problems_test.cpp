// Every problem in a shipment at once, each with its JSON pointer and the parser's own words:
// what the officer's page shows by each field (POST /v1/validate).
#include <catch2/catch.hpp>

#include "support.hpp"

namespace {

std::vector<std::string> listed(const exportctl::Engine& engine, std::string_view json) {
  std::vector<std::string> out;
  for (const exportctl::Error& error : engine.list_shipment_problems(json, "<body>")) out.push_back(error.message());
  return out;
}

}  // namespace

TEST_CASE("shipment problems: every field at fault, in the parser's words", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  CHECK(listed(engine, R"({"ship_date": "2025-02-30", "origin": "XX", "destination": "VN",
      "parties": [{"role": "buyer", "country": "SG", "headquarters": "ZZ"}], "items": [{"description": "x", "quantity": "8"}]})") ==
        std::vector<std::string>{"<body>: /ship_date: \"2025-02-30\" is not a date (YYYY-MM-DD, a day that exists)",
                                 "<body>: /origin: unknown country code \"XX\"",
                                 "<body>: /parties/0/role: \"buyer\" is not one of purchaser, intermediate_consignee, ultimate_consignee, end_user",
                                 "<body>: /parties/0/headquarters: unknown country code \"ZZ\"",
                                 "<body>: /items/0/quantity: expected a number"});
}

TEST_CASE("shipment problems: none for a shipment that parses", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  CHECK(listed(engine, R"({"ship_date": "2025-03-01", "origin": "US", "destination": "VN", "items": [{"description": "x"}]})").empty());
}

TEST_CASE("shipment problems: a problem of the whole document ends the list", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  CHECK(listed(engine, "not json").size() == 1);
  // A required key missing is a problem of the document ("/"): nothing can be set aside.
  CHECK(listed(engine, R"({"origin": "XX", "destination": "VN", "items": [{"description": "x"}]})") ==
        std::vector<std::string>{"<body>: /: missing required key \"ship_date\""});
  // Setting the bad ship date aside makes it missing: that problem is not reported again.
  CHECK(listed(engine, R"({"ship_date": "someday", "origin": "US", "destination": "VN", "items": [{"description": "x"}]})") ==
        std::vector<std::string>{"<body>: /ship_date: \"someday\" is not a date (YYYY-MM-DD, a day that exists)"});
}

TEST_CASE("shipment problems: at most the limit asked for", "[shipment_problems]") {
  auto engine = support::load({support::countries()});
  std::string json = R"({"ship_date": "2025-03-01", "origin": "US", "destination": "VN", "items": [)";
  for (int i = 0; i < 50; ++i) json += std::string(i ? "," : "") + R"({"description": "x", "quantity": "a"})";
  json += "]}";
  CHECK(engine.list_shipment_problems(json, "<body>", 5).size() == 5);
  CHECK(engine.list_shipment_problems(json, "<body>").size() == 32);
}
