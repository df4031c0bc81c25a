// Civil dates: a day count, no time zone. Regulations speak in calendar days.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace exportctl {

struct Date {
  int32_t days = 0;  // days since 1970-01-01

  friend constexpr bool operator==(Date a, Date b) { return a.days == b.days; }
  friend constexpr auto operator<=>(Date a, Date b) { return a.days <=> b.days; }
  constexpr Date operator+(int32_t n) const { return Date{days + n}; }
  constexpr Date operator-(int32_t n) const { return Date{days - n}; }
  constexpr int32_t operator-(Date other) const { return days - other.days; }
};

// Sentinels for "no bound" in validity ranges; never written out.
inline constexpr Date kMinDate{INT32_MIN / 2};
inline constexpr Date kMaxDate{INT32_MAX / 2};

// The days a date may be given as (parse_date): 1900-01-01 to 9999-12-31 (docs/limits.md).
inline constexpr Date kFirstDate{-25567};
inline constexpr Date kLastDate{2932896};
// The days format_date can write, 0001-01-01 to 9999-12-31: every date the engine derives (a
// notice's deadline, the day a notice period ends) is computed by add_days, which keeps it here.
inline constexpr Date kFirstWritableDate{-719162};
inline constexpr Date kLastWritableDate = kLastDate;

// `date` moved by `days`, or nullopt when that leaves kFirstWritableDate..kLastWritableDate.
constexpr std::optional<Date> add_days(Date date, int32_t days) {
  int64_t moved = int64_t{date.days} + days;
  if (moved < kFirstWritableDate.days || moved > kLastWritableDate.days) return std::nullopt;
  return Date{static_cast<int32_t>(moved)};
}

// Parses exactly "YYYY-MM-DD" and checks that the day exists (2025-02-30 fails) and lies in
// kFirstDate..kLastDate.
std::optional<Date> parse_date(std::string_view text);

// Writes "YYYY-MM-DD" into out[0..9]; out must have room for 10 characters. A date outside
// kFirstWritableDate..kLastWritableDate (a caller's own arithmetic) is written "0000-00-00",
// a day that does not exist, rather than a plausible wrong one.
void format_date(Date date, char* out);
std::string to_string(Date date);

}  // namespace exportctl
