// Fixtures for the unit tests: small rule sets built from JSON in memory, so that each test
// states the law it depends on instead of leaning on whatever rules/ says today.
//
//   auto engine = support::load({support::countries(), support::rule("license", "t.lic", {
//       support::version(1, "2024-01-01", R"({"when": {"fact": "destination", "in": ["CN"]}})")})});
//   auto run = support::screen(engine, R"({"ship_date": "2024-06-01", ...})");
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine_state.hpp"
#include "exportctl/engine.hpp"
#include "rules/rule_set.hpp"
#include "rules/timeline.hpp"

namespace support {

using exportctl::Date;
using exportctl::SourceDocument;
using Documents = std::vector<SourceDocument>;

inline Date day(std::string_view text) {
  auto date = exportctl::parse_date(text);
  REQUIRE(date.has_value());
  return *date;
}

// The countries every fixture knows; codes are real ISO codes so messages read naturally.
inline SourceDocument countries() {
  return {"countries.json", R"({"kind": "countries", "countries": [
    {"code": "US", "name": "United States"}, {"code": "CN", "name": "China"},
    {"code": "HK", "name": "Hong Kong"}, {"code": "MO", "name": "Macao"},
    {"code": "MY", "name": "Malaysia"}, {"code": "SG", "name": "Singapore"},
    {"code": "TH", "name": "Thailand"}, {"code": "VN", "name": "Viet Nam"},
    {"code": "DE", "name": "Germany"}]})"};
}

// One version object with the required metadata filled in; `extra` (a JSON object) is merged
// over it, so a test writes only what it is about.
inline nlohmann::json version(int number, std::string_view valid_from, std::string_view extra = "{}") {
  nlohmann::json v = {{"version", number},
                      {"valid_from", valid_from},
                      {"known_from", valid_from},
                      {"status", "in_force"},
                      {"confidence", "primary"},
                      {"citation", "Test cite " + std::to_string(number)},
                      {"source_url", "https://example.test/" + std::to_string(number)},
                      {"summary", "test rule"}};
  v.update(nlohmann::json::parse(extra));
  return v;
}

// A rule file of `kind` ("license", "notification", ...) with the given versions.
inline SourceDocument rule(std::string_view kind, std::string_view id, std::vector<nlohmann::json> versions,
                           std::string_view jurisdiction = "US", std::string_view authority = "US-BIS") {
  nlohmann::json doc = {{"kind", kind},
                        {"id", id},
                        {"jurisdiction", jurisdiction},
                        {"authority", authority},
                        {"title", std::string("Title of ") + std::string(id)},
                        {"versions", versions}};
  return {std::string(id) + ".json", doc.dump()};
}

// A country group file; `versions` is a JSON array of {"valid_from", "known_from", "members", ...}
// to which the version numbers and the required metadata are added.
inline SourceDocument group(std::string_view id, std::string_view versions) {
  nlohmann::json list = nlohmann::json::parse(versions);
  for (size_t i = 0; i < list.size(); ++i) {
    nlohmann::json v = {{"version", static_cast<int>(i) + 1}, {"confidence", "primary"},
                        {"citation", "Group cite"}, {"source_url", "https://example.test/group"}};
    v.update(list[i]);
    list[i] = v;
  }
  nlohmann::json doc = {{"kind", "country_group"}, {"id", id}, {"name", "Group " + std::string(id)}, {"versions", list}};
  std::string file = "group-" + std::string(id) + ".json";
  for (char& c : file)
    if (c == ':') c = '-';
  return {file, doc.dump()};
}

// A catalog of one vendor with the given model entries (see model()).
inline SourceDocument catalog(std::string_view vendor, const std::vector<std::string>& models) {
  std::string text = R"({"kind": "catalog", "vendor": ")";
  text += vendor;
  text += R"(", "models": [)";
  for (size_t i = 0; i < models.size(); ++i) {
    if (i) text += ", ";
    text += models[i];
  }
  text += "]}";
  std::string name = "catalog-";
  name += vendor;
  name += ".json";
  return {name, text};
}

// A model entry with the required fields; `metrics` and `extra` are JSON objects.
inline std::string model(std::string_view name, std::string_view metrics, std::string_view extra = "{}") {
  nlohmann::json m = {{"name", name},
                      {"us_origin", true},
                      {"metrics", nlohmann::json::parse(metrics)},
                      {"known_from", "2020-01-01"},
                      {"confidence", "secondary"},
                      {"source_url", "https://example.test/model"}};
  m.update(nlohmann::json::parse(extra));
  return m.dump();
}

inline exportctl::Engine load(Documents documents) {
  auto engine = exportctl::Engine::load_documents(std::move(documents));
  if (!engine) FAIL("rules did not load: " << engine.error().message());
  return std::move(engine).value();
}

// The message of a load that must fail.
inline std::string load_error(Documents documents) {
  auto engine = exportctl::Engine::load_documents(std::move(documents));
  if (engine) FAIL("rules loaded but were expected to fail");
  CHECK(engine.error().code == exportctl::ErrorCode::bad_rules);
  return engine.error().message();
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A document from the bundled rules/, under its name relative to rules/.
inline SourceDocument bundled(const std::string& relative) {
  return {relative, read_text(std::string(EXPORTCTL_SOURCE_DIR) + "/rules/" + relative)};
}

// A shipment and its determination; the determination points into the shipment's engine.
struct Run {
  exportctl::Shipment shipment;
  exportctl::Determination answer;
};

inline exportctl::Shipment parse(const exportctl::Engine& engine, std::string_view json) {
  exportctl::Shipment shipment;
  auto status = engine.parse_shipment(json, "test.json", shipment);
  if (!status) FAIL("shipment did not parse: " << status.error().message());
  return shipment;
}

inline Run screen(const exportctl::Engine& engine, std::string_view json, exportctl::ScreenOptions options = {}) {
  Run run;
  run.shipment = parse(engine, json);
  engine.screen(run.shipment, options, run.answer);
  return run;
}

inline const exportctl::LoadedRule& loaded_rule(const exportctl::Engine& engine, const std::string& id) {
  auto found = exportctl::rules_of(engine).rule_by_id.find(id);
  REQUIRE(found != exportctl::rules_of(engine).rule_by_id.end());
  return *found->second;
}

// The version of `id` that binds on `date` as known on `known_on` (kMaxDate: everything), or 0.
inline int binding_number(const exportctl::Engine& engine, const std::string& id, std::string_view date,
                          Date known_on = exportctl::kMaxDate, bool proposed = false) {
  const exportctl::LoadedVersion* version =
      exportctl::binding_version(loaded_rule(engine, id), day(date), known_on, proposed);
  return version ? version->meta.number : 0;
}

inline exportctl::CountryId country(const exportctl::Engine& engine, std::string_view code) {
  exportctl::CountryId id = exportctl::rules_of(engine).find_country(code);
  REQUIRE(id != exportctl::kNoCountry);
  return id;
}

}  // namespace support
