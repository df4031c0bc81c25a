// The report for a person: verdict first, items with their basis, each requirement with what
// to do and its citation, warnings, the disclaimer and the rules digest.
#include <catch2/catch.hpp>

#include "support.hpp"

using support::rule;
using support::version;

namespace {

exportctl::Engine engine_for_report() {
  return support::load(
      {support::countries(),
       support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "datacenter": true})"),
                                 support::model("Small", R"({"tpp": 100, "datacenter": true})")}),
       rule("classification", "t.classify",
            {version(1, "2020-01-01", R"({"classes": [{"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 4800}}]})")}),
       rule("license", "t.lic", {version(1, "2020-01-01", R"({"summary": "{classes} to {destination} needs a license",
            "notes": "open question", "when": {"fact": "destination", "in": ["VN"]},
            "items": {"fact": "eccn", "in": ["3A090.a"]}})")}),
       rule("notification", "t.notice", {version(1, "2020-01-01", R"({"summary": "Notify before {leg}", "notice_days": 10,
            "movements": ["transit"], "confidence": "inferred"})")}, "MY", "MY-MITI")});
}

}  // namespace

TEST_CASE("text report: the whole report of an action-required shipment", "[text_report][report]") {
  auto engine = engine_for_report();
  auto run = support::screen(engine, R"({"id": "T-9", "ship_date": "2025-08-01", "origin": "US", "destination": "VN",
      "via": [{"country": "MY", "activity": "transit", "date": "2025-08-03"}],
      "items": [{"model": "Big"}, {"model": "Small"}, {"model": "Odd", "metrics": {"tpp": 10}}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-30", "reference": "N1"}]})");
  std::string out = "> ";  // the writer appends
  engine.write_text(run.shipment, run.answer, out);
  const std::string expected =
      "> VERDICT: ACTION REQUIRED\n"
      "Shipment T-9, ship date 2025-08-01, United States (US) -> Viet Nam (VN), rules as recorded\n"
      "\n"
      "Items\n"
      "  [0] ACME Big: US 3A090.a (TPP 15832 >= 4800; t.classify v1)\n"
      "  [1] ACME Small: US not 3A090/4A090 (TPP 100: below every class; t.classify v1)\n"
      "  [2] Odd: US not 3A090/4A090 (TPP 10: below every class; t.classify v1)\n"
      "\n"
      "Requirements\n"
      "  1. US-BIS license: MISSING [US->VN; items 0]\n"
      "     3A090.a to Viet Nam (VN) needs a license. No license on the shipment covers it; obtain one before shipping.\n"
      "     What to do: apply for the license (or meet the exception named) before shipping\n"
      "     Cites: Test cite 1 (t.lic v1, primary)\n"
      "     Source: https://example.test/1\n"
      "     Note: open question\n"
      "  2. MY-MITI notification: LATE [via MY (transit); items 0 1 2]\n"
      "     Notify before via MY (transit). Notice N1 filed 2025-07-30 is 4 days before the movement on 2025-08-03; 10 "
      "are required; the last day to file was 2025-07-24; the movement may take place from 2025-08-09.\n"
      "     What to do: move the movement to the date the notice period allows\n"
      "     Deadline: the last day to file was 2025-07-24; the movement may take place from 2025-08-09\n"
      "     Cites: Test cite 1 (t.notice v1, inferred)\n"
      "     Source: https://example.test/1\n"
      "\n"
      "Warnings\n"
      "  - model \"Odd\" is not in the catalog; it was classified from the metrics given on the shipment\n"
      "\n"
      "Screening aid, not legal advice: confirm with counsel and the cited regulations before shipping.\n"
      "Rules " +
      engine.rules_digest() + " (3 versions)\n";
  CHECK(out == expected);
}

TEST_CASE("text report: a cleared shipment replayed as known on a date", "[text_report][report]") {
  auto engine = engine_for_report();
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "known_on": "2025-01-01", "origin": "US",
      "destination": "DE", "items": [{"model": "Big"}]})");
  std::string out;
  engine.write_text(run.shipment, run.answer, out);
  CHECK(out.rfind("VERDICT: CLEARED\nShipment (no id), ship date 2025-08-01, United States (US) -> Germany (DE), rules as "
                  "known on 2025-01-01\n",
                  0) == 0);
  CHECK(out.find("\nRequirements\n  none\n") != std::string::npos);
  CHECK(out.find("Warnings") == std::string::npos);
}

TEST_CASE("text report: the earliest ship date follows the verdict", "[text_report][report]") {
  auto engine = engine_for_report();
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "DE",
      "via": [{"country": "MY", "activity": "transit"}], "items": [{"model": "Small"}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-25"}]})");
  std::string out;
  engine.write_text(run.shipment, run.answer, out);
  CHECK(out.rfind("VERDICT: ACTION REQUIRED (may ship from 2025-08-04)\n", 0) == 0);
}

TEST_CASE("text report: deadlines counted from the day named as today", "[text_report][report]") {
  auto engine = engine_for_report();
  // The notice is due 10 days before the transit on 2025-08-03: by 2025-07-24.
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "DE",
      "via": [{"country": "MY", "activity": "transit", "date": "2025-08-03"}], "items": [{"model": "Small"}]})");
  auto report = [&](std::string_view today) {
    std::string out;
    engine.write_text(run.shipment, run.answer, out, {false, support::day(today)});
    return out;
  };
  CHECK(report("2025-07-01").find("     Deadline: file by 2025-07-24, in 23 days\n") != std::string::npos);
  CHECK(report("2025-07-23").find("     Deadline: file by 2025-07-24, in 1 day\n") != std::string::npos);
  CHECK(report("2025-07-24").find("     Deadline: file by 2025-07-24, today\n") != std::string::npos);
  CHECK(report("2025-07-25").find("     Deadline: file by 2025-07-24: overdue by 1 day\n") != std::string::npos);
  CHECK(report("2025-07-27").find("     Deadline: file by 2025-07-24: overdue by 3 days\n") != std::string::npos);
  CHECK(report("2025-07-27").find("\nDeadlines counted from 2025-07-27 (today)\n") != std::string::npos);
  // Without a today the date stands alone, and the report says nothing of today.
  std::string plain;
  engine.write_text(run.shipment, run.answer, plain);
  CHECK(plain.find("     Deadline: file by 2025-07-24\n") != std::string::npos);
  CHECK(plain.find("today") == std::string::npos);
}

TEST_CASE("text report: a late notice's dates and the earliest ship date from today", "[text_report][report]") {
  auto engine = engine_for_report();
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "DE",
      "via": [{"country": "MY", "activity": "transit"}], "items": [{"model": "Small"}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-25"}]})");
  std::string out;
  engine.write_text(run.shipment, run.answer, out, {false, support::day("2025-08-01")});
  CHECK(out.rfind("VERDICT: ACTION REQUIRED (may ship from 2025-08-04, in 3 days)\n", 0) == 0);
  CHECK(out.find("     Deadline: the last day to file was 2025-07-22, 10 days ago; the movement may take place from "
                 "2025-08-04, in 3 days\n") != std::string::npos);
}

TEST_CASE("text report: --trace lists each rule version consulted with the facts it read", "[text_report][report]") {
  auto engine = engine_for_report();
  exportctl::ScreenOptions traced;
  traced.trace = true;
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "VN",
      "items": [{"model": "Big"}]})", traced);
  std::string out;
  engine.write_text(run.shipment, run.answer, out, {true, std::nullopt});
  CHECK(out.find("\nTrace (" + std::to_string(run.answer.trace.size()) + " rule versions consulted)\n") != std::string::npos);
  CHECK(out.find("  1. t.classify v1 [classification; item 0]: applies (valid from 2020-01-01, known from 2020-01-01); "
                 "read tpp = 15832\n") != std::string::npos);
  CHECK(out.find("t.lic v1 [US->VN; item 0]: applies") != std::string::npos);
  // Asked for no trace, the report has none, even when the answer carries one.
  std::string without;
  engine.write_text(run.shipment, run.answer, without);
  CHECK(without.find("Trace") == std::string::npos);
}
