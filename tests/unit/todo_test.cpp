// The filing worklist's arithmetic and output rules: deadlines around their day, the choice of
// filing fact, the order of actions, and RFC 5545 escaping and folding.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "todo/deadline.hpp"
#include "todo/ics_text.hpp"
#include "todo/worklist.hpp"

using exportctl::Date;
using support::day;
namespace todo = exportctl::todo;

namespace {

// A filing fact with the required fields; `extra` is merged over them.
nlohmann::json filing(std::string_view requirement, int lead_days, std::string_view extra = "{}") {
  nlohmann::json content = {{"requirement", requirement}, {"due", "unmet"},   {"action", "File it"},
                            {"file_with", "The office"},  {"channel", "SYS"}, {"form", "F-1"},
                            {"lead_days", lead_days},     {"lead", "legal"},  {"lead_note", "why so early"}};
  content.update(nlohmann::json::parse(extra));
  return support::version(1, "2020-01-01", content.dump());
}

exportctl::Engine filing_rules() {
  return support::load(
      {support::countries(),
       support::rule("license", "t.lic", {support::version(1, "2020-01-01")}),
       support::rule("exception", "t.nac",
                     {support::version(1, "2020-01-01", R"({"name": "NAC", "covers": ["t.lic"], "notice_days": 25})")}),
       support::rule("filing", "t.filing.license", {filing("license", 90, R"({"lead": "advisory"})")}),
       support::rule("filing", "t.filing.nac", {filing("license", 25, R"({"exception": "NAC", "action": "Notify"})")}),
       support::rule("filing", "t.filing.eei",
                     {filing("license", 1, R"({"due": "each_export", "from": ["US"], "action": "EEI"})")}),
       support::rule("filing", "t.filing.notice", {filing("notification", 30, R"({"action": "Notice"})")}, "MY",
                     "MY-MITI")});
}

todo::RecordedNeed need(std::string kind, std::string status, std::string authority = "US-BIS") {
  todo::RecordedNeed n;
  n.jurisdiction = authority.substr(0, 2);
  n.authority = authority;
  n.kind = std::move(kind);
  n.status = std::move(status);
  n.rule = "t.lic";
  n.version = 1;
  n.leg = "US->VN";
  return n;
}

// Each shipment its own decision, as the log gives them.
todo::OpenShipment shipment(std::string id, std::string ship_date, std::vector<todo::RecordedNeed> needs) {
  static int64_t decision = 0;
  todo::OpenShipment s;
  s.shipment_id = std::move(id);
  s.decision = ++decision;
  s.origin = "US";
  s.destination = "VN";
  s.ship_date = day(ship_date);
  s.needs = std::move(needs);
  return s;
}

}  // namespace

TEST_CASE("a deadline is met on its day and overdue from the day after") {
  Date deadline = day("2025-07-02");
  CHECK_FALSE(todo::is_overdue(deadline, day("2025-07-01")));  // the day before
  CHECK_FALSE(todo::is_overdue(deadline, day("2025-07-02")));  // the day of
  CHECK(todo::is_overdue(deadline, day("2025-07-03")));        // overdue by one day
  CHECK(todo::days_left(deadline, day("2025-07-01")) == 1);
  CHECK(todo::days_left(deadline, day("2025-07-02")) == 0);
  CHECK(todo::days_left(deadline, day("2025-07-03")) == -1);
}

TEST_CASE("the answer's deadline wins, otherwise the ship date minus the lead time") {
  CHECK(todo::action_deadline(day("2025-07-02"), day("2025-08-01"), 90) == day("2025-07-02"));
  CHECK(todo::action_deadline(std::nullopt, day("2025-08-01"), 90) == day("2025-05-03"));
  CHECK(todo::action_deadline(std::nullopt, day("2025-08-01"), 1) == day("2025-07-31"));
  CHECK(todo::action_deadline(std::nullopt, day("2025-08-01"), 0) == day("2025-08-01"));
  // Across a leap day: 2024-03-01 minus 1 is 2024-02-29.
  CHECK(todo::action_deadline(std::nullopt, day("2024-03-01"), 1) == day("2024-02-29"));
}

TEST_CASE("a shipment has not left on its ship date, and has the day after") {
  CHECK(todo::not_left(day("2025-08-01"), day("2025-07-31")));
  CHECK(todo::not_left(day("2025-08-01"), day("2025-08-01")));
  CHECK_FALSE(todo::not_left(day("2025-08-01"), day("2025-08-02")));
}

TEST_CASE("a missing license gets the license application, and a licensed export its EEI") {
  auto engine = filing_rules();
  const auto& rules = exportctl::rules_of(engine);
  auto actions = todo::plan_actions(rules, {shipment("S1", "2025-08-01", {need("license", "missing")})}, day("2025-05-03"));
  REQUIRE(actions.size() == 2);
  // 2025-08-01 minus 90 days is 2025-05-03, due today; the EEI is due the day before shipping.
  CHECK(actions[0].filing->rule == "t.filing.license");
  CHECK(actions[0].deadline == day("2025-05-03"));
  CHECK(actions[0].deadline_basis == exportctl::DeadlineBasis::lead_time);
  CHECK_FALSE(actions[0].overdue);
  CHECK(actions[0].days_left == 0);
  CHECK(actions[1].filing->rule == "t.filing.eei");
  CHECK(actions[1].deadline == day("2025-07-31"));

  // The day after the license deadline, that action is overdue by one day.
  actions = todo::plan_actions(rules, {shipment("S1", "2025-08-01", {need("license", "missing")})}, day("2025-05-04"));
  CHECK(actions[0].overdue);
  CHECK(actions[0].days_left == -1);
}

TEST_CASE("a license requirement awaiting a NAC notice gets the notice on the answer's deadline, and no EEI") {
  auto engine = filing_rules();
  auto awaiting = need("license", "missing");
  awaiting.deadline = day("2025-07-07");
  awaiting.notice_days = 25;
  auto actions =
      todo::plan_actions(exportctl::rules_of(engine), {shipment("S1", "2025-08-01", {awaiting})}, day("2025-07-08"));
  REQUIRE(actions.size() == 1);
  CHECK(actions[0].exception == "NAC");
  CHECK(actions[0].filing->rule == "t.filing.nac");
  CHECK(actions[0].deadline == day("2025-07-07"));
  CHECK(actions[0].deadline_basis == exportctl::DeadlineBasis::answer);
  CHECK(actions[0].overdue);
}

TEST_CASE("a satisfied notice needs nothing and a late one stays open with its ready day but no EEI leaving Malaysia") {
  auto engine = filing_rules();
  auto late = need("notification", "late", "MY-MITI");
  late.deadline = day("2025-07-02");
  late.ready_on = day("2025-08-21");
  auto shipped_from_my = shipment("S2", "2025-08-01", {need("notification", "satisfied", "MY-MITI"), late,
                                                       need("license", "satisfied")});
  shipped_from_my.origin = "MY";
  auto actions = todo::plan_actions(exportctl::rules_of(engine), {shipped_from_my}, day("2025-07-01"));
  REQUIRE(actions.size() == 1);
  CHECK(actions[0].filing->rule == "t.filing.notice");
  CHECK(actions[0].ready_on == day("2025-08-21"));
  CHECK_FALSE(actions[0].overdue);
}

TEST_CASE("one filing meets every requirement of a shipment it answers by the same deadline") {
  auto engine = filing_rules();
  auto letter = need("license", "missing");
  letter.rule = "t.letter";
  auto actions = todo::plan_actions(exportctl::rules_of(engine),
                                    {shipment("S4", "2025-08-01", {need("license", "missing"), letter})}, day("2025-05-01"));
  REQUIRE(actions.size() == 2);  // one application, one EEI
  CHECK(actions[0].filing->rule == "t.filing.license");
  CHECK(actions[0].rule == "t.lic");
  CHECK(actions[0].also_required_by == std::vector<std::string>{"t.letter v1"});
  CHECK(actions[1].filing->rule == "t.filing.eei");
}

TEST_CASE("a requirement no filing fact answers is listed without one, never dropped, and a prohibited export files no EEI") {
  auto engine = filing_rules();
  auto actions = todo::plan_actions(
      exportctl::rules_of(engine),
      {shipment("S3", "2025-08-01", {need("prohibition", "missing", "US-OFAC"), need("license", "satisfied")})},
      day("2025-07-01"));
  REQUIRE(actions.size() == 1);
  CHECK_FALSE(actions[0].filing.has_value());
  CHECK(actions[0].deadline == day("2025-08-01"));
}

TEST_CASE("actions are sorted overdue first, then by deadline, then by shipment id") {
  auto engine = filing_rules();
  auto notice = [](std::string deadline) {
    auto n = need("notification", "missing", "MY-MITI");
    n.deadline = day(deadline);
    return n;
  };
  auto actions = todo::plan_actions(exportctl::rules_of(engine),
                                    {shipment("B", "2025-09-01", {notice("2025-08-02")}),
                                     shipment("A", "2025-09-01", {notice("2025-08-02")}),
                                     shipment("C", "2025-09-01", {notice("2025-06-01")}),
                                     shipment("D", "2025-09-01", {notice("2025-07-01")})},
                                    day("2025-07-02"));
  REQUIRE(actions.size() == 4);
  CHECK(actions[0].shipment_id == "C");  // overdue, earliest
  CHECK(actions[1].shipment_id == "D");  // overdue
  CHECK(actions[2].shipment_id == "A");  // same deadline as B: by shipment id
  CHECK(actions[3].shipment_id == "B");
}

TEST_CASE("a filing fact is validated like every rule") {
  auto broken = [](std::string_view extra) {
    return support::load_error({support::countries(), support::rule("filing", "t.f", {filing("license", 1, extra)})});
  };
  CHECK_THAT(broken(R"({"lead_days": -1})"), Catch::Contains("/versions/0/lead_days: lead_days is a number of days, 0 to 3650"));
  CHECK_THAT(broken(R"({"due": "sometimes"})"), Catch::Contains("/versions/0/due: due is one of unmet, each_export"));
  CHECK_THAT(broken(R"({"requirement": "advisory"})"), Catch::Contains("requirement is one of license, permit, notification"));
  CHECK_THAT(broken(R"({"channel": ""})"), Catch::Contains("/versions/0/channel: channel may not be empty"));
  CHECK_THAT(broken(R"({"from": ["XX"]})"), Catch::Contains("unknown country code"));
  CHECK_THAT(broken(R"({"exception": "NOPE"})"), Catch::Contains("/versions/0/exception: no exception rule is named \"NOPE\""));
  CHECK_THAT(broken(R"({"when": {"fact": "destination", "in": ["CN"]}})"),
             Catch::Contains("unknown key \"when\" for a rule of kind filing"));
}

TEST_CASE("iCalendar text escapes backslash, semicolon, comma and newlines") {
  CHECK(todo::ics_escape("a,b;c\\d") == "a\\,b\\;c\\\\d");
  CHECK(todo::ics_escape("line one\nline two") == "line one\\nline two");
  CHECK(todo::ics_escape("crlf\r\nend") == "crlf\\nend");
  CHECK(todo::ics_escape("bell\x07 and lone\rcr") == "bell  and lone cr");
  CHECK(todo::ics_escape("Straße: 15 CFR 740.8") == "Straße: 15 CFR 740.8");
}

TEST_CASE("iCalendar lines fold at 75 octets with CRLF and a space, never inside a UTF-8 character") {
  std::string out;
  todo::append_ics_line(std::string(75, 'a'), out);
  CHECK(out == std::string(75, 'a') + "\r\n");  // exactly 75: no fold

  out.clear();
  todo::append_ics_line(std::string(76, 'a'), out);
  CHECK(out == std::string(75, 'a') + "\r\n " + "a\r\n");

  out.clear();
  todo::append_ics_line(std::string(75 + 74 + 1, 'b'), out);  // two folds: 75, then 1 + 74, then 1 + 1
  CHECK(out == std::string(75, 'b') + "\r\n " + std::string(74, 'b') + "\r\n " + "b\r\n");

  // "ß" is two octets; at octet 75 it would be split, so the first line ends before it.
  out.clear();
  std::string line = std::string(74, 'c') + "ß" + "d";
  todo::append_ics_line(line, out);
  CHECK(out == std::string(74, 'c') + "\r\n " + "ßd\r\n");
  // Every physical line is at most 75 octets.
  size_t start = 0;
  for (size_t end = out.find("\r\n"); end != std::string::npos; start = end + 2, end = out.find("\r\n", start))
    CHECK(end - start <= 75);
}
