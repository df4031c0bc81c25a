// The SQLite store on real database files: migrations, rule history, the hash-chained decision
// log and its verification. (tests/store/run.sh covers the same through the command line.)
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "exportctl/store.hpp"
#include "exportctl/verify.hpp"
#include "exportctl/version.hpp"
#include "support.hpp"
#include "temp_db.hpp"

namespace {

using exportctl::DecisionRecord;
using exportctl::NewDecision;
using exportctl::Store;

using support::TempDb;

Store open(const TempDb& db, Store::Mode mode = Store::Mode::create) {
  auto store = Store::open(db.path, mode);
  if (!store) FAIL(store.error().message());
  return std::move(store).value();
}

// Runs SQL with the plain SQLite API, as someone with the file and a shell could.
void raw_sql(const TempDb& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &handle) == SQLITE_OK);
  char* error = nullptr;
  int code = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(handle);
  INFO(message);
  REQUIRE(code == SQLITE_OK);
}

support::Documents rules(std::string_view citation = "Cite A") {
  return {support::countries(),
          support::rule("license", "t.lic",
                        {support::version(1, "2024-01-01",
                                          std::string(R"({"citation": ")") + std::string(citation) +
                                              R"(", "when": {"fact": "destination", "in": ["CN"]}})")}),
          support::rule("license", "t.other",
                        {support::version(1, "2024-01-01", R"({"when": {"fact": "destination", "in": ["VN"]}})")})};
}

NewDecision decision(int n) {
  NewDecision d;
  d.shipment_id = "S";
  d.shipment_id += std::to_string(n);  // (appended: GCC 12 warns falsely on "S" + std::string)
  d.request_json = R"({"id": ")" + d.shipment_id + R"(", "ship_date": "2025-06-01"})";
  d.determination_json = R"({"verdict": "cleared", "requirements": []})";
  d.ship_date = support::day("2025-06-01");
  d.known_on = support::day("2025-05-01");
  d.verdict = "cleared";
  d.rules_digest = "sha256:test";
  return d;
}

}  // namespace

TEST_CASE("store: opening creates the schema from the embedded migrations, in WAL mode") {
  TempDb db;
  {
    Store store = open(db);
    CHECK(store.schema_version() == Store::latest_schema_version());
    CHECK(Store::latest_schema_version() >= 2);
  }
  Store again = open(db, Store::Mode::existing);  // already migrated: nothing to do
  CHECK(again.schema_version() == Store::latest_schema_version());
  CHECK(std::filesystem::exists(db.path.string() + "-wal"));
}

TEST_CASE("store: a missing file with Mode::existing, or a newer schema, is an io error naming the file") {
  TempDb db;
  auto missing = Store::open(db.path, Store::Mode::existing);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == exportctl::ErrorCode::io);
  CHECK(missing.error().message().find(db.path.string()) == 0);
  CHECK_FALSE(std::filesystem::exists(db.path));
  raw_sql(db, "CREATE TABLE someone_elses (x)");
  auto foreign = Store::open(db.path, Store::Mode::existing);
  REQUIRE_FALSE(foreign);
  CHECK(foreign.error().message().find("not an exportctl store") != std::string::npos);
  db.remove();
  { open(db); }
  raw_sql(db, "PRAGMA user_version = 99");
  auto newer = Store::open(db.path, Store::Mode::existing);
  REQUIRE_FALSE(newer);
  CHECK(newer.error().message().find("schema version 99 is newer") != std::string::npos);
}

TEST_CASE("store: importing rules keeps history and is idempotent") {
  TempDb db;
  Store store = open(db);
  auto first = store.import_rules(rules(), "test");
  REQUIRE(first);
  CHECK(first.value().changed);
  CHECK(first.value().versions == 2);
  CHECK(first.value().versions_added == 2);
  CHECK(first.value().documents_added == 3);

  auto same = store.import_rules(rules(), "test again");
  REQUIRE(same);
  CHECK_FALSE(same.value().changed);
  CHECK(same.value().import_id == first.value().import_id);
  CHECK(same.value().rules_digest == first.value().rules_digest);

  // The documents come back exactly: same digest as loading them directly.
  auto documents = store.current_documents();
  REQUIRE(documents);
  CHECK(support::load(documents.value()).rules_digest() == support::load(rules()).rules_digest());

  // A correction to one version: a new row and a supersession; the old row is untouched.
  auto before = store.rule_history("t.lic");
  REQUIRE(before);
  REQUIRE(before.value().size() == 1);
  auto corrected = store.import_rules(rules("Cite B"), "test");
  REQUIRE(corrected);
  CHECK(corrected.value().changed);
  CHECK(corrected.value().versions_superseded == 1);
  CHECK(corrected.value().versions_added == 0);
  CHECK(corrected.value().documents_added == 1);
  auto after = store.rule_history("t.lic");
  REQUIRE(after);
  REQUIRE(after.value().size() == 2);
  const auto& old_row = after.value()[0];
  const auto& new_row = after.value()[1];
  CHECK(old_row.json == before.value()[0].json);
  CHECK(old_row.recorded_at == before.value()[0].recorded_at);
  CHECK(old_row.superseded_by == new_row.row);
  CHECK(old_row.sha256 != new_row.sha256);
  CHECK(old_row.known_from == support::day("2024-01-01"));
  CHECK_FALSE(old_row.valid_to.has_value());
  CHECK(new_row.json.find("Cite B") != std::string::npos);
  CHECK_FALSE(new_row.superseded_at.has_value());

  // The older rule set stays retrievable by its digest.
  auto by_digest = store.documents_with_digest(first.value().rules_digest);
  REQUIRE(by_digest);
  CHECK(support::load(by_digest.value()).rules_digest() == first.value().rules_digest);
}

TEST_CASE("store: rules the engine rejects are not imported") {
  TempDb db;
  Store store = open(db);
  REQUIRE(store.import_rules(rules(), "good"));
  auto bad = store.import_rules({support::rule("license", "t.lic", {support::version(1, "2024-01-01")})}, "bad");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == exportctl::ErrorCode::bad_rules);
  auto documents = store.current_documents();
  REQUIRE(documents);
  CHECK(documents.value().size() == 3);
}

TEST_CASE("store: the history tables refuse updates and deletes") {
  TempDb db;
  {
    Store store = open(db);
    REQUIRE(store.import_rules(rules(), "test"));
    REQUIRE(store.record({decision(1)}));
  }
  for (const char* sql : {"UPDATE rule_versions SET citation = 'x'", "DELETE FROM rule_documents",
                          "UPDATE decisions SET verdict = 'prohibited'", "DELETE FROM decisions"}) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open(db.path.c_str(), &handle) == SQLITE_OK);
    CHECK(sqlite3_exec(handle, sql, nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
    sqlite3_close(handle);
  }
}

TEST_CASE("store: recorded decisions form a chain that verifies") {
  TempDb db;
  Store store = open(db);
  auto empty = exportctl::verify_store(store);
  REQUIRE(empty);
  CHECK(empty.value().intact());
  CHECK(empty.value().head_hash == exportctl::kGenesisHash);

  auto ids = store.record({decision(1), decision(2)});
  REQUIRE(ids);
  CHECK(ids.value() == std::vector<int64_t>{1, 2});
  auto more = store.record({decision(3)});
  REQUIRE(more);
  CHECK(more.value() == std::vector<int64_t>{3});

  auto first = store.decision(1);
  REQUIRE(first);
  CHECK(first.value().previous_hash == exportctl::kGenesisHash);
  CHECK(first.value().hash == exportctl::record_hash(first.value()));
  CHECK(first.value().engine_version == exportctl::kEngineVersion);
  CHECK(first.value().ship_date == "2025-06-01");
  CHECK(first.value().known_on == "2025-05-01");
  auto third = store.decision(3);
  REQUIRE(third);
  CHECK(third.value().previous_hash == store.decision(2).value().hash);

  auto check = exportctl::verify_store(store);
  REQUIRE(check);
  CHECK(check.value().intact());
  CHECK(check.value().records == 3);
  CHECK(check.value().first_id == 1);
  CHECK(check.value().last_id == 3);
  CHECK(check.value().head_hash == third.value().hash);

  exportctl::DecisionFilter shipping;
  shipping.ship_from = support::day("2025-06-01");
  auto open_after = store.decisions(shipping);
  REQUIRE(open_after);
  CHECK(open_after.value().size() == 3);
  shipping.ship_from = support::day("2025-06-02");
  CHECK(store.decisions(shipping).value().empty());
  auto none = store.decision(4);
  REQUIRE_FALSE(none);
  CHECK(none.error().code == exportctl::ErrorCode::bad_input);
}

TEST_CASE("store: verify names each record that was edited, deleted or reordered") {
  struct Case {
    const char* sql;
    std::vector<std::string> named;  // "decision N: problem", each inconsistency in order
  };
  for (const Case& c :
       {Case{"UPDATE decisions SET known_on = '2025-05-02' WHERE id = 3",
             {"decision 3: does not match its hash (edited after recording)"}},
        Case{"DELETE FROM decisions WHERE id = 2",
             {"decision 3: follows decision 1: decision 2 is missing (deleted or renumbered)"}},
        Case{"DELETE FROM decisions WHERE id IN (2, 3)",
             {"decision 4: follows decision 1: decisions 2-3 are missing (deleted or renumbered)"}},
        Case{"UPDATE decisions SET id = 10 WHERE id = 2; UPDATE decisions SET id = 2 WHERE id = 4;"
             "UPDATE decisions SET id = 4 WHERE id = 10",
             {"decision 2: does not link to decision 1 (records reordered, or a hash rewritten)",
              "decision 3: does not link to decision 2 (records reordered, or a hash rewritten)",
              "decision 4: does not link to decision 3 (records reordered, or a hash rewritten)",
              "decision 5: does not link to decision 4 (records reordered, or a hash rewritten)"}},
        Case{"UPDATE decisions SET previous_hash = hash WHERE id = 4",
             {"decision 4: does not link to decision 3 (records reordered, or a hash rewritten)"}},
        Case{"UPDATE decisions SET verdict = 'x' WHERE id = 2; UPDATE decisions SET verdict = 'x' WHERE id = 5",
             {"decision 2: does not match its hash (edited after recording)",
              "decision 5: does not match its hash (edited after recording)"}}}) {
    TempDb db;
    {
      Store store = open(db);
      REQUIRE(store.record({decision(1), decision(2), decision(3), decision(4), decision(5)}));
    }
    raw_sql(db, std::string("DROP TRIGGER decisions_append_only_update; DROP TRIGGER decisions_append_only_delete; ") + c.sql);
    Store store = open(db, Store::Mode::read_only);
    auto check = exportctl::verify_store(store);
    REQUIRE(check);
    INFO(c.sql);
    CHECK_FALSE(check.value().intact());
    std::vector<std::string> named;
    for (const auto& found : check.value().inconsistencies)
      if (found.check == "decision chain") named.push_back(found.subject + ": " + found.problem);
    CHECK(named == c.named);
    // The dropped triggers are named too: the schema is not what the migrations made.
    std::vector<std::string> schema;
    for (const auto& found : check.value().inconsistencies)
      if (found.check == "migrations") schema.push_back(found.subject + ": " + found.problem);
    CHECK(schema == std::vector<std::string>{
                        "trigger decisions_append_only_delete: missing (dropped?): migration 002_decisions.sql creates it",
                        "trigger decisions_append_only_update: missing (dropped?): migration 002_decisions.sql creates it"});
  }
}

TEST_CASE("store: concurrent writers on one file keep one unbroken chain") {
  TempDb db;
  { open(db); }
  // Catch2 assertions are not thread-safe: the writers count their failures instead.
  std::atomic<int> failures{0};
  auto writer = [&](int base) {
    auto store = Store::open(db.path, Store::Mode::existing);
    if (!store) return void(++failures);
    for (int i = 0; i < 100; ++i)
      if (!store.value().record({decision(base + i)})) ++failures;
  };
  std::thread a(writer, 0), b(writer, 1000);
  a.join();
  b.join();
  CHECK(failures == 0);
  Store store = open(db, Store::Mode::read_only);
  auto check = exportctl::verify_store(store);
  REQUIRE(check);
  CHECK(check.value().intact());
  CHECK(check.value().records == 200);
}

TEST_CASE("record hash: canonical content is length-prefixed and covers every field") {
  DecisionRecord record;
  record.id = 7;
  record.recorded_at = "2025-05-14T09:30:00.000000Z";
  record.shipment_id = "S";
  record.ship_date = "2025-06-01";
  record.known_on = "2025-05-01";
  record.verdict = "cleared";
  record.engine_version = "0.1.0";
  record.rules_digest = "sha256:x";
  record.request_json = "{}";
  record.determination_json = "{\"a\":1}";
  record.previous_hash = exportctl::kGenesisHash;
  CHECK(exportctl::canonical_record_content(record) ==
        "id=1:7\nrecorded_at=27:2025-05-14T09:30:00.000000Z\nshipment_id=1:S\nship_date=10:2025-06-01\n"
        "known_on=10:2025-05-01\ninclude_proposed=1:0\nverdict=7:cleared\nengine_version=5:0.1.0\n"
        "rules_digest=8:sha256:x\nrequest_json=2:{}\ndetermination_json=7:{\"a\":1}\n");
  std::string hash = exportctl::record_hash(record);
  CHECK(hash.size() == 64);
  // Moving a character from one field to the next changes the hash (no ambiguous concatenation).
  DecisionRecord shifted = record;
  shifted.shipment_id = "";
  shifted.ship_date = "S2025-06-01";
  CHECK(exportctl::record_hash(shifted) != hash);
  DecisionRecord proposed = record;
  proposed.include_proposed = true;
  CHECK(exportctl::record_hash(proposed) != hash);
  DecisionRecord relinked = record;
  relinked.previous_hash = std::string(64, '1');
  CHECK(exportctl::record_hash(relinked) != hash);
}

TEST_CASE("compare: verdict and requirements, as a multiset, with the rule versions responsible") {
  const char* a = R"({"verdict": "action_required", "requirements": [
      {"rule": "r.one", "version": 1, "kind": "license", "status": "missing", "jurisdiction": "US", "leg": "US->CN"},
      {"rule": "r.two", "version": 2, "kind": "notification", "status": "late", "jurisdiction": "MY", "leg": "via MY"}]})";
  const char* b = R"({"requirements": [
      {"version": 2, "rule": "r.two", "kind": "notification", "status": "late", "jurisdiction": "MY", "leg": "via MY"},
      {"rule": "r.one", "version": 2, "kind": "license", "status": "missing", "jurisdiction": "US", "leg": "US->CN"}],
      "verdict": "action_required"})";
  auto same = exportctl::compare_determinations(a, a);
  REQUIRE(same);
  CHECK_FALSE(same.value().differs);

  auto changed = exportctl::compare_determinations(a, b);
  REQUIRE(changed);
  const auto& d = changed.value();
  CHECK(d.differs);
  CHECK(d.verdict_before == d.verdict_after);
  REQUIRE(d.only_before.size() == 1);
  CHECK(d.only_before[0].rule == "r.one");
  CHECK(d.only_before[0].version == 1);
  REQUIRE(d.only_after.size() == 1);
  CHECK(d.only_after[0].version == 2);
  CHECK(d.only_after[0].jurisdiction == "US");
  CHECK(d.responsible == std::vector<exportctl::RuleVersionRef>{{"r.one", 1}, {"r.one", 2}});

  // A duplicated requirement counts.
  const char* twice = R"({"verdict": "cleared", "requirements": [{"rule": "r", "version": 1}, {"rule": "r", "version": 1}]})";
  const char* once = R"({"verdict": "cleared", "requirements": [{"rule": "r", "version": 1}]})";
  auto dup = exportctl::compare_determinations(twice, once);
  REQUIRE(dup);
  CHECK(dup.value().differs);
  CHECK(dup.value().only_before.size() == 1);

  auto verdict_only = exportctl::compare_determinations(R"({"verdict": "cleared", "requirements": []})",
                                                        R"({"verdict": "indeterminate", "requirements": []})");
  REQUIRE(verdict_only);
  CHECK(verdict_only.value().differs);
  CHECK(verdict_only.value().responsible.empty());

  auto bad = exportctl::compare_determinations("{", a);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == exportctl::ErrorCode::bad_input);
}
