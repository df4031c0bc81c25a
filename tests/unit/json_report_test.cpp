// The trace shows the values the rules actually read.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

TEST_CASE("json report: the trace shows the shipment total TPP that LPP read", "[json_report]") {
  // The trace once rebuilt the shipment's facts on its own and left the total TPP unknown.
  auto loaded = exportctl::Engine::load_directory(std::string(EXPORTCTL_SOURCE_DIR) + "/rules");
  REQUIRE(loaded.ok());
  const exportctl::Engine& engine = loaded.value();
  exportctl::ScreenOptions options;
  options.trace = true;
  options.known_on = support::day("2025-05-01");  // AI Diffusion not yet known to be unenforced
  auto run = support::screen(engine, R"({"ship_date": "2025-06-01", "origin": "US", "destination": "MY",
      "parties": [{"role": "end_user", "country": "MY", "headquarters": "MY"}],
      "items": [{"model": "NVIDIA H100 SXM", "quantity": 1000}]})", options);
  std::string out;
  engine.write_json(run.shipment, run.answer, {true}, out);
  auto determination = nlohmann::json::parse(out);
  nlohmann::json lpp;
  for (const auto& entry : determination["trace"])
    if (entry["rule"] == "us.ear.740.29.lpp") lpp = entry;
  REQUIRE(lpp.is_object());
  CHECK(lpp["facts"] == nlohmann::json{{"shipment_total_tpp", "15832000"}});
  CHECK(determination["requirements"][0]["exception"] == "LPP");
}
