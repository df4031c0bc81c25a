// Numbers and dates appended to text without temporary strings: explanations are written for
// every requirement and item of every shipment in a batch.
#pragma once

#include <charconv>
#include <cmath>
#include <string>

#include "exportctl/date.hpp"

namespace exportctl {

// Figures from datasheets: two decimals are plenty, and trailing zeros are noise.
inline void append_number(double value, std::string& out) {
  char buffer[32];
  double rounded = std::round(value * 100) / 100;
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, rounded).ptr);
}

inline void append_integer(long long value, std::string& out) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

inline void append_date(Date date, std::string& out) {
  char buffer[10];
  format_date(date, buffer);
  out.append(buffer, 10);
}

}  // namespace exportctl
