// The screening record in HTML: the verdict in words first, every value escaped, citations
// linked only to http(s) addresses, deadlines counted from today, the timeline's events, the
// trace when asked for, and a batch's record with a section per shipment and per bad line.
#include <catch2/catch.hpp>

#include "exportctl/batch.hpp"
#include "report/timeline_svg.hpp"
#include "support.hpp"

using support::rule;
using support::version;

namespace {

exportctl::Engine engine_for_record(std::string_view source_url = "https://example.test/1") {
  nlohmann::json notice = version(1, "2025-07-14", R"({"summary": "Notify before {leg}", "notice_days": 30,
      "movements": ["transit"], "notes": "a <b>bold</b> & open question"})");
  notice["source_url"] = source_url;
  return support::load(
      {support::countries(),
       support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "datacenter": true})")}),
       rule("classification", "t.classify",
            {version(1, "2020-01-01", R"({"classes": [{"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 4800}}]})")}),
       rule("license", "t.lic", {version(1, "2020-01-01", R"({"when": {"fact": "destination", "in": ["VN"]},
            "items": {"fact": "eccn", "in": ["3A090.a"]}})")}),
       rule("notification", "t.notice", {notice}, "MY", "MY-MITI")});
}

size_t count(const std::string& text, std::string_view needle) {
  size_t found = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

}  // namespace

TEST_CASE("html record: one self-contained document, verdict first, values escaped", "[html_report][report]") {
  auto engine = engine_for_record();
  auto run = support::screen(engine, R"({"id": "<script>alert(1)</script>", "ship_date": "2025-08-01", "origin": "US",
      "destination": "VN", "via": [{"country": "MY", "activity": "transit"}],
      "parties": [{"role": "end_user", "name": "O'Brien & Sons", "country": "SG", "headquarters": "CN"}],
      "items": [{"model": "Big", "quantity": 8}]})");
  std::string out;
  engine.write_html(run.shipment, run.answer, out, {false, support::day("2025-06-21")});
  CHECK(out.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(out.size() >= 22);
  CHECK(out.substr(out.size() - 22) == "</main></body></html>\n");
  CHECK(out.find("<script") == std::string::npos);  // the id is text, and the record runs nothing
  CHECK(out.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(out.find("O&#39;Brien &amp; Sons") != std::string::npos);
  CHECK(out.find("a &lt;b&gt;bold&lt;/b&gt; &amp; open question") != std::string::npos);
  CHECK(out.find("headquarters (ultimate parent) China (CN)") != std::string::npos);
  // The verdict comes first, in words with a symbol as well as in colour.
  size_t verdict = out.find("<span class=\"verdict-badge verdict-action_required\"><span aria-hidden=\"true\">!</span> ACTION REQUIRED</span>");
  CHECK(verdict != std::string::npos);
  CHECK(verdict < out.find("<h3>Requirements</h3>"));
  CHECK(count(out, "<li class=\"requirement status-missing\">") == 2);
  // Deadlines from today: the transit on 2025-08-01 needs the notice 30 days before, by 2025-07-02.
  CHECK(out.find("<dt>Deadline</dt><dd class=\"deadline\">file by 2025-07-02, in 11 days</dd>") != std::string::npos);
  CHECK(out.find("<a href=\"https://example.test/1\">https://example.test/1</a>") != std::string::npos);
  CHECK(out.find("deadlines counted from 2025-06-21 (today)") != std::string::npos);
  CHECK(out.find("<svg class=\"timeline\" role=\"img\" aria-labelledby=\"shipment-1-timeline\"") != std::string::npos);
  // Same input, same bytes.
  std::string again;
  engine.write_html(run.shipment, run.answer, again, {false, support::day("2025-06-21")});
  CHECK(again == out);
}

TEST_CASE("html record: an overdue deadline, and no link for an address that is not http(s)", "[html_report][report]") {
  auto engine = engine_for_record("javascript:alert(1)");
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "DE",
      "via": [{"country": "MY", "activity": "transit"}], "items": [{"model": "Big"}]})");
  std::string out;
  engine.write_html(run.shipment, run.answer, out, {false, support::day("2025-07-05")});
  CHECK(out.find("<dd class=\"deadline overdue\">file by 2025-07-02: overdue by 3 days</dd>") != std::string::npos);
  CHECK(out.find("href=\"javascript") == std::string::npos);
  CHECK(out.find("<br>javascript:alert(1)</dd>") != std::string::npos);
}

TEST_CASE("html record: the timeline's events", "[html_report][report][timeline]") {
  auto engine = engine_for_record();
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "DE",
      "via": [{"country": "MY", "activity": "transit", "date": "2025-08-03"}], "items": [{"model": "Big"}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-20"}]})");
  auto events = exportctl::timeline_events(exportctl::rules_of(engine), run.shipment, run.answer,
                                           {false, support::day("2025-07-01")});
  std::vector<std::string> listed;
  for (const auto& event : events) listed.push_back(exportctl::to_string(event.date) + " " + event.label);
  // The notice rule took effect 2025-07-14, within a few months of the ship date; the others
  // (2020) did not. The notice was filed 14 days before the transit: late, may move from 08-19.
  CHECK(listed == std::vector<std::string>{"2025-07-01 today", "2025-07-04 MY-MITI notice: last day to file",
                                           "2025-07-14 t.notice v1 takes effect", "2025-07-20 notice to MY-MITI filed",
                                           "2025-08-01 planned ship date", "2025-08-03 at MY (transit)",
                                           "2025-08-17 earliest lawful ship date"});
}

TEST_CASE("html record: a today far from the shipment stands past a break in the axis", "[html_report][report][timeline]") {
  auto engine = engine_for_record();
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "DE",
      "via": [{"country": "MY", "activity": "transit", "date": "2025-08-03"}], "items": [{"model": "Big"}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-20"}]})");
  auto svg_for = [&](const char* today) {
    std::string svg;
    exportctl::append_timeline_svg(
        exportctl::timeline_events(exportctl::rules_of(engine), run.shipment, run.answer, {false, support::day(today)}), "t", svg);
    return svg;
  };
  // The events run 2025-07-04 (the deadline, at the left end, x 24) to 2025-08-17 (the earliest
  // lawful ship date); today, 16 months later, stands at the right end (x 936, its bar 934 to
  // 938) past a break, and the scale ends 56 px before it (x 880), not squeezed into a corner.
  std::string far = svg_for("2026-12-02");
  CHECK(far.find("<g class=\"tl-break\"><rect x=\"902\"") != std::string::npos);
  CHECK(far.find("<g class=\"tl-today\"><rect x=\"934\"") != std::string::npos);
  CHECK(far.find("<g class=\"tl-overdue\"><path d=\"M24 ") != std::string::npos);
  CHECK(far.find("<g class=\"tl-earliest\"><circle cx=\"880\"") != std::string::npos);
  CHECK(far.find(">2026-12-02 today</text>") != std::string::npos);
  // A today within three months of them is on the scale like any other day: no break.
  std::string near = svg_for("2025-07-01");
  CHECK(near.find("tl-break") == std::string::npos);
  CHECK(near.find("<g class=\"tl-today\"><rect x=\"22\"") != std::string::npos);
  CHECK(near.find("<g class=\"tl-earliest\"><circle cx=\"936\"") != std::string::npos);
}

TEST_CASE("html record: the trace when asked for", "[html_report][report]") {
  auto engine = engine_for_record();
  exportctl::ScreenOptions traced;
  traced.trace = true;
  auto run = support::screen(engine, R"({"ship_date": "2025-08-01", "origin": "US", "destination": "VN",
      "items": [{"model": "Big"}]})", traced);
  std::string with, without;
  engine.write_html(run.shipment, run.answer, with, {true, std::nullopt});
  engine.write_html(run.shipment, run.answer, without, {false, std::nullopt});
  CHECK(with.find("<h3>Trace</h3>") != std::string::npos);
  CHECK(with.find("<td>t.classify v1</td><td>classification; item 0</td><td>applies</td><td>tpp = 15832</td>") != std::string::npos);
  CHECK(without.find("<h3>Trace</h3>") == std::string::npos);
  // Without a day named as today, no deadline is counted from one and the timeline has no today.
  CHECK(without.find("(today)") == std::string::npos);
  CHECK(without.find("<g class=\"tl-today\">") == std::string::npos);
  CHECK(without.find("</time> today</li>") == std::string::npos);
  std::string dated;
  engine.write_html(run.shipment, run.answer, dated, {false, support::day("2025-07-01")});
  CHECK(dated.find("; deadlines counted from 2025-07-01 (today)</p>") != std::string::npos);
  CHECK(dated.find("<g class=\"tl-today\">") != std::string::npos);
  CHECK(dated.find("<time>2025-07-01</time> today</li>") != std::string::npos);
}

TEST_CASE("html record of a batch: a section per shipment and per line that could not be screened", "[html_report][batch]") {
  auto engine = engine_for_record();
  std::string input =
      "{\"id\": \"A\", \"ship_date\": \"2025-08-01\", \"origin\": \"US\", \"destination\": \"VN\", \"items\": [{\"model\": \"Big\"}]}\n"
      "\n"
      "{\"id\": \"B\", \"ship_date\": \"2025-02-30\", \"origin\": \"US\", \"destination\": \"VN\", \"items\": [{\"model\": \"Big\"}]}\n"
      "{\"id\": \"C\", \"ship_date\": \"2025-08-01\", \"origin\": \"US\", \"destination\": \"DE\", \"items\": [{\"model\": \"Big\"}]}\n";
  size_t offset = 0;
  std::string out;
  exportctl::BatchOptions options;
  options.output = exportctl::BatchOutput::html;
  options.source = "in.jsonl";
  options.threads = 2;
  auto summary = exportctl::screen_batch(
      engine,
      [&](char* buffer, size_t capacity) -> exportctl::Result<size_t> {
        size_t length = std::min(capacity, input.size() - offset);
        std::memcpy(buffer, input.data() + offset, length);
        offset += length;
        return length;
      },
      [&](std::string_view bytes) -> exportctl::Status {
        out += bytes;
        return exportctl::Ok{};
      },
      options);
  REQUIRE(summary);
  CHECK(summary.value().shipments == 2);
  CHECK(summary.value().errors == 1);
  CHECK(out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(out, "</html>") == 1);
  size_t a = out.find("id=\"line-1\" data-verdict=\"action_required\"");
  size_t b = out.find("id=\"line-3\" data-verdict=\"error\"");
  size_t c = out.find("id=\"line-4\" data-verdict=\"cleared\"");
  CHECK(a != std::string::npos);
  CHECK(b != std::string::npos);
  CHECK(c != std::string::npos);
  CHECK((a < b && b < c));
  CHECK(out.find("in.jsonl:3: /ship_date: &quot;2025-02-30&quot; is not a date") != std::string::npos);
}
