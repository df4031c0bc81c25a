// exportctl/rule_listing.hpp: the documents `rules list|show` and GET /v1/rules print.
#include "exportctl/rule_listing.hpp"
#include "support.hpp"

namespace {

const exportctl::Engine& engine() {
  static const exportctl::Engine loaded = support::load(
      {support::countries(),
       support::rule("license", "t.lic",
                     {support::version(1, "2024-01-01", R"({"when": {"fact": "destination", "in": ["CN"]}})"),
                      support::version(2, "2025-01-01",
                                       R"({"when": {"fact": "destination", "in": ["CN", "HK"]}, "notes": "why"})")}),
       support::rule("license", "t.proposed",
                     {support::version(1, "2025-03-01",
                                       R"({"status": "proposed", "when": {"fact": "destination", "in": ["VN"]}})")})});
  return loaded;
}

}  // namespace

TEST_CASE("rule listing: the versions in force on a day, one line, sorted keys") {
  std::string out;
  exportctl::write_rules_in_force_json(engine(), support::day("2024-06-01"), std::nullopt, false, out);
  CHECK(out ==
        R"({"date":"2024-06-01","known_on":null,"rules":[{"authority":"US-BIS","citation":"Test cite 1",)"
        R"("compliance_from":null,"confidence":"primary","file":"t.lic.json","jurisdiction":"US","kind":"license",)"
        R"("known_from":"2024-01-01","rule":"t.lic","source_url":"https://example.test/1","status":"in_force",)"
        R"("title":"Title of t.lic","valid_from":"2024-01-01","valid_to":null,"version":1}]})");
}

TEST_CASE("rule listing: knowledge time, proposed versions, indentation") {
  std::string known_before;
  exportctl::write_rules_in_force_json(engine(), support::day("2025-06-01"), support::day("2024-12-31"), false,
                                       known_before);
  CHECK(known_before.find(R"("known_on":"2024-12-31")") != std::string::npos);
  CHECK(known_before.find(R"("version":1)") != std::string::npos);
  CHECK(known_before.find(R"("version":2)") == std::string::npos);

  std::string with_proposed;
  exportctl::write_rules_in_force_json(engine(), support::day("2025-06-01"), std::nullopt, true, with_proposed, 2);
  CHECK(with_proposed.find("\n  \"date\": \"2025-06-01\",\n") != std::string::npos);
  CHECK(with_proposed.find(R"("notes": "why")") != std::string::npos);
  CHECK(with_proposed.find(R"("status": "proposed")") != std::string::npos);
}

TEST_CASE("rule listing: every version of a rule with its content; an unknown id is bad_input") {
  std::string out;
  REQUIRE(exportctl::write_rule_json(engine(), "t.lic", out).ok());
  auto shown = nlohmann::json::parse(out);
  REQUIRE(shown.size() == 2);
  CHECK(shown[0]["version"] == 1);
  CHECK(shown[1]["content"]["when"]["in"] == nlohmann::json({"CN", "HK"}));

  std::string kept = "kept";
  auto missing = exportctl::write_rule_json(engine(), "t.nope", kept);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == exportctl::ErrorCode::bad_input);
  CHECK(missing.error().message() == "no rule with id \"t.nope\"; 'exportctl rules list' shows the ids");
  CHECK(kept == "kept");
}
