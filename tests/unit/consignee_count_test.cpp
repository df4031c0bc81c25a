// The annual count per ultimate consignee (License Exception LPP, docs/register.md) in the SQLite
// store: what is counted (same consignee, country and year, not voided), that void-usage takes an
// LPP-only decision out of it, and that a replay reads the count and the register as recorded.
#include "exportctl/audit.hpp"
#include "exportctl/register.hpp"
#include "support.hpp"
#include "temp_db.hpp"

namespace {

using exportctl::Store;
using support::TempDb;

// A license for Viet Nam, and an exception covering it up to 100,000 TPP per consignee per year.
exportctl::Engine law() {
  return support::load(
      {support::countries(), support::catalog("Acme", {support::model("X100", R"({"tpp": 5000})")}),
       support::rule("license", "t.lic",
                     {support::version(1, "2024-01-01", R"({"when": {"fact": "destination", "in": ["VN"]}})")}),
       support::rule("exception", "t.lpp",
                     {support::version(1, "2024-01-01", R"({"name": "LPP", "covers": ["t.lic"],
                         "when": {"fact": "consignee_year_total_tpp", "<=": 100000}})")})});
}

// 8 x X100 = 40,000 TPP to `consignee` on `date`.
std::string order(const std::string& id, const std::string& date, const std::string& consignee = "Viet AI Co., Ltd.") {
  return R"({"id": ")" + id + R"(", "ship_date": ")" + date + R"(", "origin": "US", "destination": "VN",
    "parties": [{"role": "ultimate_consignee", "name": ")" + consignee + R"(", "country": "VN"}],
    "items": [{"model": "Acme X100", "quantity": 8}]})";
}

struct Recorded {
  int64_t id = 0;
  std::string verdict;
  nlohmann::json answer;
};

Recorded record(const exportctl::Engine& engine, exportctl::Register& register_, const std::string& text) {
  exportctl::Shipment shipment = support::parse(engine, text);
  exportctl::Determination answer;
  std::string json;
  auto id = exportctl::screen_and_record(engine, register_, shipment, {}, text, support::day("2025-06-20"), answer, json);
  if (!id) FAIL(id.error().message());
  return {id.value(), std::string(exportctl::name(answer.verdict)), nlohmann::json::parse(json)};
}

std::vector<int64_t> counted_ids(const exportctl::Engine& engine, const exportctl::Register& register_,
                                 const std::string& text) {
  auto view = register_.view(exportctl::candidate_query(engine, support::parse(engine, text)));
  REQUIRE(view);
  REQUIRE(view.value().counted);
  std::vector<int64_t> ids;
  for (const exportctl::CountedShipment& counted : *view.value().counted) ids.push_back(counted.decision);
  return ids;
}

}  // namespace

TEST_CASE("the store counts every recorded shipment to the consignee in its year, voided ones excepted") {
  exportctl::Engine engine = law();
  TempDb db;
  Store store = std::move(Store::open(db.path, Store::Mode::create)).value();
  auto register_ = exportctl::open_register(store);

  Recorded first = record(engine, *register_, order("SO-1", "2025-03-01"));
  CHECK(first.verdict == "cleared");
  CHECK(first.answer["requirements"][0]["exception"] == "LPP");
  CHECK(first.answer["requirements"][0]["counted"] == nlohmann::json::array());
  // The second is counted with the first (80,000); the third would make 120,000: over.
  Recorded second = record(engine, *register_, order("SO-2", "2025-11-30", "VIET AI CO LTD"));
  CHECK(second.verdict == "cleared");
  CHECK(second.answer["requirements"][0]["counted"] ==
        nlohmann::json::parse(R"([{"decision": 1, "ship_date": "2025-03-01", "shipment_id": "SO-1", "tpp": 40000}])"));
  Recorded third = record(engine, *register_, order("SO-3", "2025-07-01"));
  CHECK(third.verdict == "action_required");
  CHECK(third.answer["requirements"][0]["status"] == "missing");
  CHECK(third.answer["requirements"][0]["counted"].size() == 2);

  // A refused shipment is counted too (it may still leave under a license): the count reads
  // every recorded shipment, not only those LPP covered.
  CHECK(counted_ids(engine, *register_, order("SO-4", "2025-12-31")) == std::vector<int64_t>{1, 2, 3});
  // Another year, another consignee, another country: not counted.
  CHECK(counted_ids(engine, *register_, order("SO-5", "2026-01-01")).empty());
  CHECK(counted_ids(engine, *register_, order("SO-6", "2025-07-01", "Hanoi Compute JSC")).empty());

  // An LPP-only decision drew nothing from the register; void-usage takes it out of the count.
  REQUIRE(register_->void_usage(3, "ana", "order cancelled"));
  CHECK(counted_ids(engine, *register_, order("SO-4", "2025-12-31")) == std::vector<int64_t>{1, 2});
  auto again = register_->void_usage(3, "ana", "twice");
  REQUIRE_FALSE(again);
  CHECK(again.error().message().find("the usage of decision 3 was already voided on ") == 0);

  // A decision that names no ultimate consignee is counted for nobody and drew nothing.
  std::string anonymous = order("SO-7", "2025-07-01");
  anonymous.replace(anonymous.find("\"parties\""), anonymous.find("\"items\"") - anonymous.find("\"parties\""), "");
  Recorded nobody = record(engine, *register_, anonymous);
  auto refused = register_->void_usage(nobody.id, "ana", "no");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message() ==
        "decision " + std::to_string(nobody.id) + " drew nothing from the register and is counted for no consignee");
}

TEST_CASE("a replay screens with the count and the register as the decision read them") {
  exportctl::Engine engine = law();
  TempDb db;
  Store store = std::move(Store::open(db.path, Store::Mode::create)).value();
  auto register_ = exportctl::open_register(store);
  // A register license for 20 units: the first shipment (8) draws on it, the second LPP covers.
  exportctl::RegisterEntry entry;
  REQUIRE(exportctl::parse_register_entry(engine, R"({"authority": "US-BIS", "kind": "license", "number": "D-1",
      "destinations": ["VN"], "quantity": 20, "entered_by": "ana"})", "entry.json", entry));
  REQUIRE(register_->add(entry));
  record(engine, *register_, order("SO-1", "2025-03-01"));
  record(engine, *register_, order("SO-2", "2025-04-01"));
  Recorded third = record(engine, *register_, order("SO-3", "2025-05-01"));
  CHECK(third.answer["requirements"][0]["counted"].size() == 2);
  // Later shipments change neither what decision 1 had left nor what decision 3 counted.
  record(engine, *register_, order("SO-4", "2025-06-01"));
  REQUIRE(register_->void_usage(1, "ana", "cancelled"));
  for (int64_t id : {1, 2, 3}) {
    auto decision = store.decision(id);
    REQUIRE(decision);
    auto replayed = exportctl::replay_decision(store, decision.value(), &engine, {});
    REQUIRE(replayed);
    CHECK_FALSE(replayed.value().difference.differs);
  }
}
