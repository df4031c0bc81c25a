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

inline constexpr Date kMinDate{INT32_MIN / 2};
inline constexpr Date kMaxDate{INT32_MAX / 2};

// Parses exactly "YYYY-MM-DD" and checks that the day exists (2025-02-30 fails).
std::optional<Date> parse_date(std::string_view text);

// Writes "YYYY-MM-DD" into out[0..9]; out must have room for 10 characters.
void format_date(Date date, char* out);
std::string to_string(Date date);

}  // namespace exportctl
