// The register: reading entries strictly, the core's reason for each candidate that does not
// cover a requirement, and the SQLite register on real files (adding, clashes, voiding, atomic
// depletion, giving units back, alerts). tests/register/ drives the same through processes.
#include <atomic>
#include <filesystem>
#include <unistd.h>

#include "exportctl/audit.hpp"
#include "exportctl/register.hpp"
#include "exportctl/verify.hpp"
#include "support.hpp"
#include "temp_db.hpp"

namespace {

using exportctl::Register;
using exportctl::RegisterEntry;
using exportctl::RegisterRecord;
using exportctl::Store;

using support::TempDb;

// A license for anything bound to China or Viet Nam, two catalog chips.
exportctl::Engine law() {
  return support::load(
      {support::countries(),
       support::catalog("Acme", {support::model("X100", R"({"tpp": 5000})"),
                                 support::model("Y200", R"({"tpp": 6000})")}),
       support::rule("license", "t.lic",
                     {support::version(1, "2024-01-01", R"({"when": {"fact": "destination", "in": ["CN", "VN"]}})")})});
}

const char* kShipment = R"({"id": "SO-1", "ship_date": "2025-07-01", "origin": "US", "destination": "VN",
  "parties": [{"role": "ultimate_consignee", "name": "Viet AI Co., Ltd.", "country": "VN"}],
  "items": [{"model": "Acme X100", "quantity": 8, "unit_value_usd": 10000}]})";

RegisterEntry entry(const exportctl::Engine& engine, const std::string& json) {
  RegisterEntry out;
  auto parsed = exportctl::parse_register_entry(engine, json, "entry.json", out);
  if (!parsed) FAIL(parsed.error().message());
  return out;
}

std::string entry_error(const exportctl::Engine& engine, const std::string& json) {
  RegisterEntry out;
  auto parsed = exportctl::parse_register_entry(engine, json, "entry.json", out);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == exportctl::ErrorCode::bad_input);
  return parsed.error().message();
}

// Screens kShipment (or `shipment`) with the given register entries as candidates, each with
// the id and use given; returns the answer's JSON.
nlohmann::json screen_with(const exportctl::Engine& engine, std::vector<RegisterRecord> candidates,
                           const char* shipment_json = kShipment) {
  exportctl::Shipment shipment = support::parse(engine, shipment_json);
  exportctl::add_register_candidates(engine, candidates, shipment);
  exportctl::Determination answer;
  exportctl::ScreenOptions options;
  options.explain_candidates = true;
  engine.screen(shipment, options, answer);
  std::string out;
  engine.write_json(shipment, answer, {}, out);
  return nlohmann::json::parse(out);
}

RegisterRecord candidate(int64_t id, const std::string& json, double quantity_used = 0, double value_used = 0) {
  RegisterRecord record;
  record.id = id;
  record.entry_json = json;
  record.quantity_used = quantity_used;
  record.value_used = value_used;
  return record;
}

std::string license(const std::string& extra) {
  return R"({"authority": "US-BIS", "kind": "license", "number": "D123456", "entered_by": "ana")" + extra + "}";
}

}  // namespace

TEST_CASE("register entries are read strictly, each error naming its field") {
  exportctl::Engine engine = law();
  CHECK(entry_error(engine, license(R"(, "colour": "red")")) == "entry.json: /colour: unknown key \"colour\"");
  CHECK(entry_error(engine, license(R"(, "valid_from": "2025-07-01", "valid_to": "2025-06-30")")) ==
        "entry.json: /valid_to: the validity ends (2025-06-30) before it begins (2025-07-01)");
  CHECK(entry_error(engine, license(R"(, "quantity": -5)")) == "entry.json: /quantity: must be a positive number, not -5");
  CHECK(entry_error(engine, license(R"(, "value_usd": 0)")) == "entry.json: /value_usd: must be a positive number, not 0");
  CHECK(entry_error(engine, license(R"(, "destinations": ["VN", "XX"])")) ==
        "entry.json: /destinations/1: unknown country code \"XX\"");
  CHECK(entry_error(engine, license(R"(, "models": ["Acme Z9"])")) ==
        "entry.json: /models/0: \"Acme Z9\" is not a model in the catalog");
  CHECK(entry_error(engine, R"({"authority": "US-BIS", "number": "D1", "entered_by": "ana"})") ==
        "entry.json: /: an entry is an authorization (with \"kind\") or a notice (with \"filed_on\")");
  CHECK(entry_error(engine, R"({"authority": "US-BIS", "kind": "license", "number": "D1"})") ==
        "entry.json: /: missing required key \"entered_by\"");
  std::string long_name(exportctl::kMaxStringChars + 1, 'a');
  CHECK(entry_error(engine, license(R"(, "consignees": [")" + long_name + "\"]")) ==
        "entry.json: /consignees/0: over the limit of 1000 characters (docs/limits.md)");
  CHECK(entry_error(engine, license(R"(, "quantity": 1, "quantity": 2)")).find("duplicate key \"quantity\"") !=
        std::string::npos);
}

TEST_CASE("each register candidate that does not cover a license requirement says why") {
  exportctl::Engine engine = law();
  auto reasons = [&](const std::string& extra, double used = 0, double value_used = 0) {
    nlohmann::json answer = screen_with(engine, {candidate(7, license(extra), used, value_used)});
    REQUIRE(answer["requirements"].size() == 1);
    nlohmann::json requirement = answer["requirements"][0];
    CHECK(requirement["status"] == "missing");
    REQUIRE(requirement["candidates"].size() == 1);
    CHECK(requirement["candidates"][0]["register_entry"] == 7);
    CHECK(requirement["candidates"][0]["number"] == "D123456");
    return requirement["candidates"][0]["code"].get<std::string>() + ": " +
           requirement["candidates"][0]["reason"].get<std::string>();
  };
  CHECK(reasons(R"(, "valid_to": "2025-06-30")") == "expired: license D123456 expired on 2025-06-30");
  CHECK(reasons(R"(, "valid_from": "2025-07-02")") == "not_yet_valid: license D123456 is valid only from 2025-07-02");
  CHECK(reasons(R"(, "destinations": ["CN"])") == "destination: license D123456 does not name Viet Nam (VN)");
  CHECK(reasons(R"(, "models": ["Acme Y200"])") == "model: license D123456 does not name Acme X100 (item 0)");
  CHECK(reasons(R"(, "consignees": ["Hanoi Compute JSC"])") ==
        "consignee: license D123456 names other consignees than the shipment's ultimate consignee (Viet AI Co., Ltd.)");
  CHECK(reasons(R"(, "quantity": 100)", 96) == "quantity: license D123456 covers 100, 96 already used; this shipment needs 8");
  CHECK(reasons(R"(, "value_usd": 100000)", 0, 30000) ==
        "value: license D123456 covers USD 100000, 30000 already used; this shipment needs 80000");
}

namespace {

// Law with notice periods: the license of law() with License Exception NAC (a 25-day notice to
// BIS carrying the number BIS issues), and a 30-day notice to MITI for a transshipment in Malaysia.
exportctl::Engine law_with_notices() {
  return support::load(
      {support::countries(), support::catalog("Acme", {support::model("X100", R"({"tpp": 5000})")}),
       support::rule("license", "t.lic",
                     {support::version(1, "2024-01-01", R"({"movements": ["export"], "when": {"fact": "destination", "in": ["VN"]}})")}),
       support::rule("exception", "t.nac",
                     {support::version(1, "2024-01-01", R"({"name": "NAC", "covers": ["t.lic"], "notice_days": 25,
                         "reference_pattern": "A[0-9]+"})")}),
       support::rule("notification", "t.notice",
                     {support::version(1, "2024-01-01", R"({"movements": ["transshipment"], "at": ["MY"], "notice_days": 30})")},
                     "MY", "MY-MITI")});
}

// "code|number|filed_on|register_entry|reason" for each candidate of the requirement of `rule`.
std::vector<std::string> candidate_lines(const nlohmann::json& answer, const std::string& rule) {
  std::vector<std::string> lines;
  for (const nlohmann::json& requirement : answer["requirements"]) {
    if (requirement["rule"] != rule) continue;
    for (const nlohmann::json& candidate : requirement.value("candidates", nlohmann::json::array()))
      lines.push_back(candidate["code"].get<std::string>() + "|" + candidate["number"].get<std::string>() + "|" +
                      candidate.value("filed_on", "-") + "|" + std::to_string(candidate.value("register_entry", 0)) + "|" +
                      candidate["reason"].get<std::string>());
  }
  return lines;
}

std::string status_of(const nlohmann::json& answer, const std::string& rule) {
  for (const nlohmann::json& requirement : answer["requirements"])
    if (requirement["rule"] == rule) return requirement["status"];
  return "none";
}

}  // namespace

TEST_CASE("each notice that does not meet a notice requirement is listed with why") {
  exportctl::Engine engine = law_with_notices();
  // To Viet Nam on 2025-07-01 through Malaysia on 2025-07-05: NAC's notice is due by 2025-06-06,
  // MITI's by 2025-06-05.
  auto with_notices = [&](const std::string& notices, std::vector<RegisterRecord> entries) {
    return screen_with(engine, std::move(entries), (R"({"id": "SO-2", "ship_date": "2025-07-01", "origin": "US",
      "destination": "VN", "via": [{"country": "MY", "activity": "transshipment", "date": "2025-07-05"}],
      "parties": [{"role": "ultimate_consignee", "name": "Viet AI Co., Ltd.", "country": "VN"}],
      "items": [{"model": "Acme X100", "quantity": 8}], "notices": )" + notices + "}").c_str());
  };
  auto notice = [](const std::string& fields) {
    return R"({"entered_by": "ana", )" + fields + "}";
  };

  SECTION("NAC: a reference that is not BIS's number, and a register notice filed too late") {
    nlohmann::json answer =
        with_notices(R"([{"authority": "US-BIS", "filed_on": "2025-05-20", "reference": "STS/1"},
                         {"authority": "MY-MITI", "filed_on": "2025-05-01", "reference": "A99"}])",
                     {candidate(9, notice(R"("authority": "US-BIS", "filed_on": "2025-06-25", "reference": "A12345")"))});
    CHECK(status_of(answer, "t.lic") == "late");
    CHECK(candidate_lines(answer, "t.lic") ==
          std::vector<std::string>{
              "reference|STS/1|2025-05-20|0|notice STS/1 filed on 2025-05-20 does not carry the authorization number "
              "US-BIS issues for NAC",
              "late|A12345|2025-06-25|9|notice A12345 filed on 2025-06-25 is late: the requirement needs it by 2025-06-06 "
              "(25 days before the movement on 2025-07-01)"});
  }

  SECTION("NAC missing: register notices for another destination or consignee; a license and a notice side by side") {
    nlohmann::json answer = with_notices(
        R"([{"authority": "US-BIS", "filed_on": "2025-05-20"}])",
        {candidate(4, notice(R"("authority": "US-BIS", "filed_on": "2025-05-01", "reference": "A1", "destinations": ["CN"])")),
         candidate(5, notice(R"("authority": "US-BIS", "filed_on": "2025-05-02", "reference": "A2", "consignees": ["Hanoi Compute JSC"])")),
         candidate(6, license(R"(, "valid_to": "2025-06-30")"))});
    CHECK(status_of(answer, "t.lic") == "missing");
    CHECK(candidate_lines(answer, "t.lic") ==
          std::vector<std::string>{
              "expired|D123456|-|6|license D123456 expired on 2025-06-30",
              "reference||2025-05-20|0|notice (no reference) filed on 2025-05-20 does not carry the authorization "
              "number US-BIS issues for NAC",
              "destination|A1|2025-05-01|4|notice A1 filed on 2025-05-01 does not name Viet Nam (VN)",
              "consignee|A2|2025-05-02|5|notice A2 filed on 2025-05-02 names other consignees than the shipment's "
              "ultimate consignee (Viet AI Co., Ltd.)"});
  }

  SECTION("MITI: each notice to MITI, late or elsewhere; a notice to BIS is not MITI's") {
    nlohmann::json answer = with_notices(
        R"([{"authority": "MY-MITI", "filed_on": "2025-06-06", "reference": "STS/2025/9"},
            {"authority": "US-BIS", "filed_on": "2025-05-01", "reference": "A1"}])",
        {candidate(2, notice(R"("authority": "MY-MITI", "filed_on": "2025-05-01", "reference": "STS/2025/1", "destinations": ["TH"])"))});
    CHECK(status_of(answer, "t.notice") == "late");
    CHECK(candidate_lines(answer, "t.notice") ==
          std::vector<std::string>{
              "late|STS/2025/9|2025-06-06|0|notice STS/2025/9 filed on 2025-06-06 is late: the requirement needs it by "
              "2025-06-05 (30 days before the movement on 2025-07-05)",
              "destination|STS/2025/1|2025-05-01|2|notice STS/2025/1 filed on 2025-05-01 does not name Viet Nam (VN)"});
    // A notice filed on the deadline meets it: then nothing is listed.
    nlohmann::json on_time = with_notices(R"([{"authority": "MY-MITI", "filed_on": "2025-06-05", "reference": "S"}])", {});
    CHECK(status_of(on_time, "t.notice") == "satisfied");
    CHECK(candidate_lines(on_time, "t.notice").empty());
  }

  SECTION("without a register no notice is listed") {
    exportctl::Shipment shipment = support::parse(engine, R"({"ship_date": "2025-07-01", "origin": "US",
      "destination": "VN", "via": [{"country": "MY", "activity": "transshipment", "date": "2025-07-05"}],
      "items": [{"model": "Acme X100", "quantity": 8}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-06-06", "reference": "S"}]})");
    exportctl::Determination answer;
    engine.screen(shipment, {}, answer);
    CHECK(answer.candidates.empty());
  }
}

TEST_CASE("a register license that covers the shipment satisfies it and says what it had left") {
  exportctl::Engine engine = law();
  nlohmann::json answer = screen_with(
      engine, {candidate(3, license(R"(, "valid_to": "2025-07-01", "quantity": 100, "consignees": ["VIET AI CO LTD"])"), 92)});
  REQUIRE(answer["requirements"].size() == 1);
  nlohmann::json requirement = answer["requirements"][0];
  CHECK(requirement["status"] == "satisfied");
  CHECK(requirement["authorization"] == "D123456");
  CHECK(requirement["register_entry"] == nlohmann::json::parse(R"({"id": 3, "quantity": 100, "quantity_used": 92})"));
  CHECK_FALSE(requirement.contains("candidates"));
  CHECK(answer["verdict"] == "cleared");

  // Without a register the answer has none of the new keys.
  nlohmann::json plain = screen_with(engine, {});
  CHECK_FALSE(plain["requirements"][0].contains("candidates"));
  CHECK_FALSE(plain["requirements"][0].contains("register_entry"));
}

TEST_CASE("register_draws counts each item a satisfying register license names, once") {
  exportctl::Engine engine = law();
  exportctl::Shipment shipment = support::parse(engine, R"({"ship_date": "2025-07-01", "origin": "US",
    "destination": "VN", "via": [{"country": "CN", "activity": "transshipment"}],
    "items": [{"model": "Acme X100", "quantity": 8, "unit_value_usd": 10}, {"model": "Acme Y200", "quantity": 2}]})");
  exportctl::add_register_candidates(engine, {candidate(5, license(R"(, "models": ["Acme X100"])"))}, shipment);
  exportctl::Determination answer;
  engine.screen(shipment, {}, answer);
  std::vector<exportctl::RegisterDraw> draws = exportctl::register_draws(shipment, answer);
  REQUIRE(draws.size() == 1);
  CHECK(draws[0].entry_id == 5);
  CHECK(draws[0].quantity == 8);
  CHECK(draws[0].value_usd == 80);
}

TEST_CASE("the SQLite register: clashes, depletion in the recording transaction, voids, alerts") {
  exportctl::Engine engine = law();
  TempDb db;
  auto opened = Store::open(db.path, Store::Mode::create);
  REQUIRE(opened);
  Store store = std::move(opened).value();
  std::unique_ptr<Register> register_ = exportctl::open_register(store);

  auto first = register_->add(entry(engine, license(R"(, "valid_from": "2025-01-01", "valid_to": "2025-07-10", "quantity": 20)")));
  REQUIRE(first);
  CHECK(first.value() == 1);
  // The same number over overlapping days is refused, naming the field and the entry.
  auto clash = register_->add(entry(engine, license(R"(, "valid_from": "2025-07-01", "valid_to": "2025-12-31")")));
  REQUIRE_FALSE(clash);
  CHECK(clash.error().message() ==
        "/number: \"D123456\" of US-BIS is already register entry 1, valid 2025-01-01 to 2025-07-10, which overlaps; "
        "void it first (register void 1)");
  REQUIRE(register_->list({}).value().size() == 1);
  // Another number, or the same one on other days, is fine.
  REQUIRE(register_->add(entry(engine, license(R"(, "valid_from": "2026-01-01")"))));

  // Records one shipment of 8 the way `check --record` does; returns the verdict recorded.
  auto record = [&](const std::string& id) -> exportctl::Result<std::string> {
    std::string verdict;
    auto recorded = register_->record(
        {support::day("2025-07-01"), "VN", std::nullopt},
        [&](const exportctl::RegisterView& view) -> exportctl::Result<exportctl::RecordedScreening> {
          std::string text = kShipment;
          text.replace(text.find("SO-1"), 4, id);
          exportctl::Shipment shipment = support::parse(engine, text);
          exportctl::add_register_candidates(engine, view.candidates, shipment);
          exportctl::Determination answer;
          exportctl::ScreenOptions options;
          options.explain_candidates = true;
          engine.screen(shipment, options, answer);
          std::string json;
          engine.write_json(shipment, answer, {}, json);
          verdict = std::string(exportctl::name(answer.verdict));
          return exportctl::RecordedScreening{
              exportctl::decision_entry(engine, shipment, answer, options, text, json, support::day("2025-06-20")),
              exportctl::register_draws(shipment, answer)};
        });
    if (!recorded) return recorded.error();
    return verdict;
  };
  CHECK(record("SO-1").value() == "cleared");
  CHECK(record("SO-2").value() == "cleared");
  // 16 of 20 used: the third shipment of 8 is screened against what is left and not covered.
  CHECK(record("SO-3").value() == "action_required");
  RegisterRecord license_1 = register_->show(1).value();
  CHECK(license_1.quantity_used == 16);
  auto decision_3 = store.decision(3);
  REQUIRE(decision_3);
  CHECK(decision_3.value().determination_json.find("license D123456 covers 20, 16 already used; this shipment needs 8") !=
        std::string::npos);

  // Alerts: the license expires on 2025-07-10 while SO-1 and SO-2 (ship 2025-07-01) have not left.
  auto alerts = register_->alerts(support::day("2025-06-25"), 30);
  REQUIRE(alerts);
  REQUIRE(alerts.value().size() == 1);
  CHECK(alerts.value()[0].kind == exportctl::AlertKind::expires);
  CHECK(alerts.value()[0].entry_id == 1);
  CHECK(alerts.value()[0].days_left == 15);
  CHECK(alerts.value()[0].decisions == std::vector<int64_t>{1, 2});
  CHECK(alerts.value()[0].shipment_ids == std::vector<std::string>{"SO-1", "SO-2"});
  CHECK(exportctl::register_alert_text(alerts.value()[0]) ==
        "US-BIS license D123456 (register entry 1) expires on 2025-07-10, in 15 days, while shipments not yet left "
        "depend on it: SO-1 (decision 1), SO-2 (decision 2)");
  CHECK(register_->alerts(support::day("2025-06-01"), 30).value().empty());  // 39 days ahead
  CHECK(register_->alerts(support::day("2025-07-02"), 30).value().empty());  // both have left

  // Voiding SO-2's usage gives its 8 back, once.
  REQUIRE(register_->void_usage(2, "ana", "order cancelled"));
  CHECK(register_->show(1).value().quantity_used == 8);
  auto again = register_->void_usage(2, "ana", "twice");
  REQUIRE_FALSE(again);
  CHECK(again.error().problem.starts_with("the usage of decision 2 was already voided on "));
  // SO-3 drew nothing, but it joins its consignee's annual count (LPP), so it can be voided too
  // (consignee_count_test.cpp refuses one counted for nobody).
  CHECK(register_->void_usage(3, "ana", "x"));
  CHECK(record("SO-4").value() == "cleared");

  // A voided entry is no longer a candidate, and stays listed with --all.
  REQUIRE(register_->void_entry(1, "ana", "replaced"));
  std::vector<RegisterRecord> left = register_->candidates({support::day("2025-07-01"), "VN", std::nullopt}).value();
  REQUIRE(left.size() == 1);
  CHECK(left[0].id == 2);
  CHECK(register_->list({}).value().size() == 1);
  exportctl::RegisterFilter all;
  all.include_voided = true;
  CHECK(register_->list(all).value().size() == 2);
  CHECK(register_->void_entry(1, "ana", "again").error().problem.starts_with("register entry 1 was already voided on "));

  auto verified = exportctl::verify_store(store);
  REQUIRE(verified);
  CHECK(verified.value().intact());
}

TEST_CASE("the register's record fails, writing nothing, when a draw does not fit what is left") {
  exportctl::Engine engine = law();
  TempDb db;
  Store store = std::move(Store::open(db.path, Store::Mode::create)).value();
  std::unique_ptr<Register> register_ = exportctl::open_register(store);
  REQUIRE(register_->add(entry(engine, license(R"(, "quantity": 5)"))));
  // A caller that claims more than is left (as a stale screening would) is refused.
  auto recorded = register_->record({support::day("2025-07-01"), "VN", std::nullopt}, [&](const exportctl::RegisterView&) {
    exportctl::RecordedScreening screening;
    screening.decision.shipment_id = "SO-9";
    screening.decision.ship_date = support::day("2025-07-01");
    screening.decision.known_on = support::day("2025-07-01");
    screening.decision.verdict = "cleared";
    screening.draws = {{1, 8, std::nullopt}};
    return exportctl::Result<exportctl::RecordedScreening>(screening);
  });
  REQUIRE_FALSE(recorded);
  CHECK(recorded.error().message() ==
        "license D123456 (register entry 1) covers 5, 0 already used: this shipment needs 8; nothing recorded, screen it again");
  CHECK(store.decisions().value().empty());
}
