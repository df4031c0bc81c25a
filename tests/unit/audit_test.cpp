// exportctl/audit.hpp on a real database file: log entries, decision and difference JSON, replay.
#include <atomic>
#include <filesystem>

#include "exportctl/audit.hpp"
#include "support.hpp"
#include "temp_db.hpp"

namespace {

using exportctl::Store;

using support::TempDb;

// A license to China binding from 2025-01-01, known from 2025-03-01 (a replay as known before
// then sees no requirement).
support::Documents rules() {
  return {support::countries(),
          support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "die_area_mm2": 814, "datacenter": true})")}),
          support::rule("license", "t.lic",
                        {support::version(1, "2025-01-01",
                                          R"({"known_from": "2025-03-01", "when": {"fact": "destination", "in": ["CN"]}})")})};
}

constexpr const char* kShipment =
    R"({"id": "T-1", "ship_date": "2025-06-01", "origin": "US", "destination": "CN", "items": [{"model": "ACME Big"}]})";

struct Logged {
  TempDb db;
  exportctl::Engine engine = support::load(rules());
  Store store = Store::open(db.path, Store::Mode::create).value();
  exportctl::DecisionRecord record;

  explicit Logged(exportctl::ScreenOptions options) {
    REQUIRE(store.import_rules(rules(), "test").ok());
    auto run = support::screen(engine, kShipment, options);
    std::string answer;
    engine.write_json(run.shipment, run.answer, {}, answer);
    auto entry = exportctl::decision_entry(engine, run.shipment, run.answer, options, kShipment, answer,
                                           support::day("2025-05-20"));
    auto ids = store.record({entry});
    REQUIRE(ids.ok());
    record = store.decision(ids.value().front()).value();
  }
};

}  // namespace

TEST_CASE("audit: a log entry keeps the request and answer, and the knowledge date used") {
  Logged as_of_today({});
  CHECK(as_of_today.record.known_on == "2025-05-20");  // neither the options nor the shipment name one
  CHECK(as_of_today.record.verdict == "action_required");
  CHECK(as_of_today.record.request_json == kShipment);
  CHECK(as_of_today.record.rules_digest == as_of_today.engine.rules_digest());

  exportctl::ScreenOptions options;
  options.known_on = support::day("2025-02-01");
  options.include_proposed = true;
  Logged replaying(options);
  CHECK(replaying.record.known_on == "2025-02-01");
  CHECK(replaying.record.include_proposed);
  CHECK(replaying.record.verdict == "cleared");  // the license was not known yet
}

TEST_CASE("audit: a decision as JSON, with the stored texts verbatim") {
  Logged logged({});
  std::string out;
  exportctl::write_decision_json(logged.record, out);
  auto document = nlohmann::json::parse(out);
  CHECK(document["id"] == 1);
  CHECK(document["request_json"] == kShipment);
  CHECK(document["previous_hash"] == exportctl::kGenesisHash);
  CHECK(document["hash"] == logged.record.hash);
  CHECK(document.size() == 13);
  CHECK(out.find('\n') == std::string::npos);
}

TEST_CASE("audit: replay as recorded, as known on another day, and with the recorded rules") {
  Logged logged({});
  auto same = exportctl::replay_decision(logged.store, logged.record, &logged.engine, {});
  REQUIRE(same.ok());
  CHECK_FALSE(same.value().difference.differs);
  CHECK(exportctl::to_string(same.value().known_on) == "2025-05-20");
  std::string out;
  exportctl::write_replay_json(same.value(), out);
  CHECK(out.find(R"("result":"identical")") != std::string::npos);
  CHECK(out.find(R"("known_on":{"recorded":"2025-05-20","replayed":"2025-05-20"})") != std::string::npos);

  exportctl::ReplayOptions earlier;
  earlier.known_on = support::day("2025-02-01");
  auto changed = exportctl::replay_decision(logged.store, logged.record, &logged.engine, earlier);
  REQUIRE(changed.ok());
  const auto& difference = changed.value().difference;
  CHECK(difference.differs);
  CHECK(difference.verdict_before == "action_required");
  CHECK(difference.verdict_after == "cleared");
  REQUIRE(difference.only_before.size() == 1);
  CHECK(difference.only_before[0].rule == "t.lic");
  std::string difference_json;
  exportctl::write_difference_json(difference, difference_json);
  CHECK(difference_json.find(R"("rule_versions":[{"rule":"t.lic","version":1}])") != std::string::npos);
  CHECK(difference_json.find(R"("verdict":{"after":"cleared","before":"action_required"})") != std::string::npos);

  exportctl::ReplayOptions recorded;
  recorded.as_recorded = true;
  auto with_recorded_rules = exportctl::replay_decision(logged.store, logged.record, nullptr, recorded);
  REQUIRE(with_recorded_rules.ok());
  CHECK(with_recorded_rules.value().rules_digest == logged.record.rules_digest);
  CHECK_FALSE(with_recorded_rules.value().difference.differs);
}

TEST_CASE("audit: replay fails naming the store and decision") {
  Logged logged({});
  std::string where = logged.db.path.string() + ": decision 1";

  exportctl::DecisionRecord unknown_rules = logged.record;
  unknown_rules.rules_digest = "sha256:never-imported";
  exportctl::ReplayOptions recorded;
  recorded.as_recorded = true;
  auto missing = exportctl::replay_decision(logged.store, unknown_rules, nullptr, recorded);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == exportctl::ErrorCode::io);
  CHECK(missing.error().message() ==
        where + " was made with rules sha256:never-imported, which were never imported into this store");

  exportctl::DecisionRecord bad_date = logged.record;
  bad_date.known_on = "2025-02-30";
  auto not_a_date = exportctl::replay_decision(logged.store, bad_date, &logged.engine, {});
  REQUIRE_FALSE(not_a_date.ok());
  CHECK(not_a_date.error().message() == where + ": known_on \"2025-02-30\" is not a date");

  exportctl::DecisionRecord bad_request = logged.record;
  bad_request.request_json = R"({"ship_date": "2025-06-01", "destinaton": "CN"})";
  auto unparsable = exportctl::replay_decision(logged.store, bad_request, &logged.engine, {});
  REQUIRE_FALSE(unparsable.ok());
  CHECK(unparsable.error().code == exportctl::ErrorCode::bad_input);
  CHECK(unparsable.error().message().rfind(where + ": /destinaton", 0) == 0);

  exportctl::DecisionRecord bad_answer = logged.record;
  bad_answer.determination_json = "[]";
  auto incomparable = exportctl::replay_decision(logged.store, bad_answer, &logged.engine, {});
  REQUIRE_FALSE(incomparable.ok());
  CHECK(incomparable.error().message() == where + ": first determination: not a determination JSON object");
}
