// The rule loader on one document, as `exportctl rules validate` and a store import read it.
// The bundled reference data (countries, groups, catalog) is loaded beside it, so that a fuzzed
// rule file reaches the rule and cross-reference checks, not only the "unknown country" ones.
// Checks: a load that fails names at least one problem, and never more than kMaxRuleProblems + 1;
// a load that succeeds screens a fixed shipment without breaking an index.
#include <nlohmann/json.hpp>

#include "answer_invariants.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/store.hpp"
#include "fuzz_support.hpp"

namespace {

// The bundled documents that are not rules: countries, country groups, catalogs.
const std::vector<exportctl::SourceDocument>& reference_documents() {
  static const std::vector<exportctl::SourceDocument> documents = [] {
    auto all = exportctl::read_rule_documents(fuzz::rules_directory());
    if (!all) fuzz::fail(all.error().message());
    std::vector<exportctl::SourceDocument> kept;
    for (auto& document : all.value()) {
      auto kind = nlohmann::json::parse(document.text).value("kind", "");
      if (kind == "countries" || kind == "country_group" || kind == "catalog") kept.push_back(std::move(document));
    }
    return kept;
  }();
  return documents;
}

constexpr std::string_view kShipment = R"({"id": "F-1", "ship_date": "2025-08-01", "origin": "US",
  "destination": "MY", "via": [{"country": "SG"}], "items": [{"model": "NVIDIA H100 SXM", "quantity": 8}]})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<exportctl::SourceDocument> documents = reference_documents();
  documents.push_back({"fuzz/rule.json", std::string(fuzz::text(data, size))});
  std::vector<exportctl::Error> problems;
  auto engine = exportctl::Engine::load_documents(std::move(documents), &problems);
  if (!engine) {
    if (problems.empty()) fuzz::fail("a failed load lists no problem: " + engine.error().message());
    if (problems.size() > exportctl::kMaxRuleProblems + 1) fuzz::fail("more problems listed than the limit");
    return 0;
  }
  exportctl::Shipment shipment;
  if (!engine.value().parse_shipment(kShipment, "fixed.json", shipment)) return 0;  // e.g. a catalog redefined
  exportctl::Determination answer;
  engine.value().screen(shipment, {.include_proposed = true, .trace = true, .known_on = std::nullopt}, answer);
  fuzz::check_answer(shipment, answer);
  std::string out;
  engine.value().write_json(shipment, answer, {true}, out);
  return 0;
}
