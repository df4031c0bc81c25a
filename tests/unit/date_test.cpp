// Civil dates: exactly "YYYY-MM-DD", days that exist, and a day count that round-trips.
#include <catch2/catch.hpp>

#include "exportctl/date.hpp"

using exportctl::Date;
using exportctl::parse_date;
using exportctl::to_string;

TEST_CASE("date: the epoch and known day counts", "[date]") {
  REQUIRE(parse_date("1970-01-01").has_value());
  CHECK(parse_date("1970-01-01")->days == 0);
  CHECK(parse_date("1970-01-02")->days == 1);
  CHECK(parse_date("1969-12-31")->days == -1);
  CHECK(parse_date("2000-03-01")->days == 11017);
  CHECK(parse_date("2025-08-01")->days == 20301);
}

TEST_CASE("date: parse and format round trip", "[date]") {
  for (const char* text : {"1900-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2023-11-17", "2024-02-29",
                           "2024-12-31", "2025-01-01", "9999-12-31"}) {
    auto date = parse_date(text);
    REQUIRE(date.has_value());
    CHECK(to_string(*date) == text);
  }
  // Every day of a leap year and the next: format(parse(x)) == x and consecutive days differ by 1.
  Date previous = *parse_date("2023-12-31");
  for (int i = 1; i <= 366 + 365; ++i) {
    Date next = previous + 1;
    std::string text = to_string(next);
    auto parsed = parse_date(text);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == next);
    previous = next;
  }
  CHECK(to_string(previous) == "2025-12-31");
}

TEST_CASE("date: format_date writes exactly ten characters", "[date]") {
  char buffer[12] = "XXXXXXXXXXX";
  exportctl::format_date(*parse_date("2025-07-14"), buffer);
  CHECK(std::string(buffer, 10) == "2025-07-14");
  CHECK(buffer[10] == 'X');
}

TEST_CASE("date: days that do not exist are rejected", "[date]") {
  CHECK_FALSE(parse_date("2025-02-30"));
  CHECK_FALSE(parse_date("2025-02-29"));
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("1900-02-29"));  // divisible by 100, not by 400
  CHECK_FALSE(parse_date("2025-04-31"));
  CHECK_FALSE(parse_date("2025-13-01"));
  CHECK_FALSE(parse_date("2025-00-10"));
  CHECK_FALSE(parse_date("2025-01-00"));
  CHECK_FALSE(parse_date("2025-01-32"));
  CHECK(parse_date("2024-02-29"));
  CHECK(parse_date("2000-02-29"));  // divisible by 400
  CHECK(parse_date("2025-04-30"));
  CHECK(parse_date("2025-01-31"));
}

TEST_CASE("date: leap day arithmetic", "[date]") {
  CHECK(*parse_date("2024-03-01") - *parse_date("2024-02-28") == 2);
  CHECK(*parse_date("2023-03-01") - *parse_date("2023-02-28") == 1);
  CHECK(to_string(*parse_date("2024-02-28") + 1) == "2024-02-29");
  CHECK(to_string(*parse_date("2025-01-01") - 25) == "2024-12-07");
}

TEST_CASE("date: malformed strings are rejected", "[date]") {
  for (const char* text : {"", "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "2025-01-01 ", " 2025-01-01",
                           "2025-01-01T00:00", "20250101", "2025-0a-01", "2025--1-01", "+025-01-01", "2025-01-+1",
                           "abcd-ef-gh", "2025-01-01Z"}) {
    INFO("text: \"" << text << "\"");
    CHECK_FALSE(parse_date(text));
  }
}

TEST_CASE("date: years outside 1900..9999 are rejected", "[date]") {
  CHECK_FALSE(parse_date("1899-12-31"));
  CHECK_FALSE(parse_date("0000-01-01"));
  CHECK(parse_date("1900-01-01"));
}

TEST_CASE("date: ordering follows the calendar", "[date]") {
  CHECK(*parse_date("2023-11-16") < *parse_date("2023-11-17"));
  CHECK(*parse_date("2024-01-01") > *parse_date("2023-12-31"));
  CHECK(*parse_date("2024-01-01") == *parse_date("2024-01-01"));
}

TEST_CASE("date: the range a date may be given in", "[date]") {
  CHECK(*parse_date("1900-01-01") == exportctl::kFirstDate);
  CHECK(*parse_date("9999-12-31") == exportctl::kLastDate);
  CHECK(to_string(exportctl::kFirstWritableDate) == "0001-01-01");
  CHECK(to_string(exportctl::kLastWritableDate) == "9999-12-31");
}

TEST_CASE("date: add_days never leaves the days format_date can write", "[date]") {
  using exportctl::add_days;
  Date last = *parse_date("9999-12-31");
  CHECK(add_days(last, 0) == last);
  CHECK(to_string(*add_days(last, -30)) == "9999-12-01");
  CHECK_FALSE(add_days(last, 1));
  CHECK_FALSE(add_days(last, 3650));
  CHECK_FALSE(add_days(*parse_date("9999-12-30"), 30));
  CHECK(to_string(*add_days(*parse_date("1900-01-10"), -3650)) == "1890-01-12");
  CHECK_FALSE(add_days(exportctl::kFirstWritableDate, -1));
  // The sum is taken in 64 bits: no overflow of the day count itself.
  CHECK_FALSE(add_days(Date{INT32_MAX}, INT32_MAX));
  CHECK_FALSE(add_days(Date{INT32_MIN}, INT32_MIN));
}

TEST_CASE("date: a date outside the writable calendar is written as a day that does not exist", "[date]") {
  // Never a plausible wrong day, and never an exception: the engine's own dates stay inside.
  CHECK(to_string(exportctl::kLastWritableDate + 1) == "0000-00-00");
  CHECK(to_string(exportctl::kMaxDate) == "0000-00-00");
  CHECK(to_string(exportctl::kMinDate) == "0000-00-00");
  CHECK(to_string(Date{INT32_MAX}) == "0000-00-00");
  CHECK(to_string(Date{INT32_MIN}) == "0000-00-00");
}

TEST_CASE("date: every day from 1900 to 9999 round-trips", "[date]") {
  // The calendar arithmetic against the parser over the whole range a date may be given in.
  int64_t checked = 0;
  for (Date day = exportctl::kFirstDate; day <= exportctl::kLastDate; day = day + 1) {
    char text[10];
    exportctl::format_date(day, text);
    auto parsed = parse_date(std::string_view(text, 10));
    if (!parsed || *parsed != day) FAIL("day " << day.days << " written as " << std::string_view(text, 10));
    ++checked;
  }
  CHECK(checked == exportctl::kLastDate.days - exportctl::kFirstDate.days + 1);
}
