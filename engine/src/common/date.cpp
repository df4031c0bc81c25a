#include "exportctl/date.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace exportctl {
namespace {

const boost::gregorian::date kEpoch(1970, 1, 1);

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
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  using calendar = boost::gregorian::gregorian_calendar;
  if (day > calendar::end_of_month_day(static_cast<unsigned short>(year), static_cast<unsigned short>(month)))
    return std::nullopt;
  // The day number is computed without constructing a boost date: that throws on bad input
  // and costs more than the arithmetic on the hot path.
  uint32_t day_number = calendar::day_number(calendar::ymd_type(static_cast<unsigned short>(year),
                                                                 static_cast<unsigned short>(month),
                                                                 static_cast<unsigned short>(day)));
  return Date{static_cast<int32_t>(day_number) - static_cast<int32_t>(kEpoch.day_number())};
}

void format_date(Date date, char* out) {
  using calendar = boost::gregorian::gregorian_calendar;
  auto ymd = calendar::from_day_number(static_cast<uint32_t>(date.days + static_cast<int32_t>(kEpoch.day_number())));
  int year = ymd.year, month = ymd.month, day = ymd.day;
  out[0] = static_cast<char>('0' + year / 1000);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = static_cast<char>('0' + year / 10 % 10);
  out[3] = static_cast<char>('0' + year % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
}

std::string to_string(Date date) {
  std::string out(10, ' ');
  format_date(date, out.data());
  return out;
}

}  // namespace exportctl
