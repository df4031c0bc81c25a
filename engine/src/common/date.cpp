#include "exportctl/date.hpp"

namespace exportctl {
namespace {

// The proleptic Gregorian calendar as arithmetic on whole numbers (H. Hinnant, "chrono-
// compatible low-level date algorithms"): total over every day it is given, no table, no throw.
constexpr int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

struct YearMonthDay {
  int64_t year;
  unsigned month, day;
};

constexpr YearMonthDay civil_from_days(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  return {static_cast<int64_t>(year_of_era) + era * 400 + (month <= 2), month, day};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(1900, 1, 1) == kFirstDate.days);
static_assert(days_from_civil(9999, 12, 31) == kLastDate.days);
static_assert(days_from_civil(1, 1, 1) == kFirstWritableDate.days);

constexpr bool leap(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

constexpr unsigned days_in_month(int64_t year, unsigned month) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

bool read_digits(std::string_view text, size_t from, size_t count, int& value) {
  value = 0;
  for (size_t i = from; i < from + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  int year, month, day;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_digits(text, 0, 4, year) || !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day))
    return std::nullopt;
  if (year < 1900 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) return std::nullopt;
  return Date{static_cast<int32_t>(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)))};
}

void format_date(Date date, char* out) {
  if (date < kFirstWritableDate || date > kLastWritableDate) {
    std::string_view none = "0000-00-00";
    none.copy(out, 10);
    return;
  }
  YearMonthDay civil = civil_from_days(date.days);
  int year = static_cast<int>(civil.year);
  out[0] = static_cast<char>('0' + year / 1000);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = static_cast<char>('0' + year / 10 % 10);
  out[3] = static_cast<char>('0' + year % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + civil.month / 10);
  out[6] = static_cast<char>('0' + civil.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + civil.day / 10);
  out[9] = static_cast<char>('0' + civil.day % 10);
}

std::string to_string(Date date) {
  std::string out(10, ' ');
  format_date(date, out.data());
  return out;
}

}  // namespace exportctl
