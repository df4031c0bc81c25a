// Engine::classify_json: the public classification call every surface (CLI, C, HTTP) shares.
#include <catch2/catch.hpp>
#include <cmath>

#include "support.hpp"

using exportctl::ClassifyRequest;

namespace {

// Rules with one 2023-vintage classification rule and a catalog of two chips.
const exportctl::Engine& engine() {
  static const exportctl::Engine loaded = support::load(
      {support::countries(),
       support::rule("classification", "us.test.classify",
                     {support::version(1, "2023-11-17", R"({"classes": [
                         {"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 4800}},
                         {"eccn": null, "when": {"fact": "tpp", "<": 4800}}]})")}),
       support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "die_area_mm2": 814, "datacenter": true})"),
                                 support::model("Blank", "{}")})});
  return loaded;
}

ClassifyRequest on(std::string_view date) {
  ClassifyRequest request;
  request.date = *exportctl::parse_date(date);
  return request;
}

}  // namespace

TEST_CASE("engine classify: a catalog model on a date", "[engine]") {
  ClassifyRequest request = on("2024-06-01");
  request.model = "acme big";
  std::string out;
  bool indeterminate = true;
  REQUIRE(engine().classify_json(request, out, &indeterminate).ok());
  CHECK_FALSE(indeterminate);
  CHECK(out == R"({"date":"2024-06-01","item":{"classification":{"US":{"basis":"TPP 15832 >= 4800","eccn":"3A090.a",)"
               R"("indeterminate":false,"rule":"us.test.classify","version":1}},"index":0,"model":"ACME Big"},"known_on":null})");
}

TEST_CASE("engine classify: figures alone, and a model without figures", "[engine]") {
  ClassifyRequest request = on("2024-06-01");
  request.metrics.tpp = 4799;
  std::string out;
  REQUIRE(engine().classify_json(request, out).ok());
  CHECK(out.find(R"("eccn":null,"indeterminate":false)") != std::string::npos);
  CHECK(out.find(R"("model":null)") != std::string::npos);

  ClassifyRequest blank = on("2024-06-01");
  blank.model = "Blank";
  bool indeterminate = false;
  out.clear();
  REQUIRE(engine().classify_json(blank, out, &indeterminate).ok());
  CHECK(indeterminate);
}

TEST_CASE("engine classify: what it refuses", "[engine]") {
  std::string out = "kept";
  ClassifyRequest unknown = on("2024-06-01");
  unknown.model = "No Such Chip";
  auto refused = engine().classify_json(unknown, out);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == exportctl::ErrorCode::bad_input);
  CHECK(refused.error().message() ==
        "model: \"No Such Chip\" is not in the catalog; classify by TPP and die area instead");
  auto empty = engine().classify_json(on("2024-06-01"), out);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message() == "give a catalog model, or a TPP (with a die area)");
  CHECK(out == "kept");
}
