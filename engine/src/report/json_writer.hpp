// A small append-only JSON writer: the caller writes keys in sorted order, which keeps output
// deterministic without building a tree.
#pragma once

#include <cmath>
#include <charconv>
#include <string>
#include <string_view>

#include "exportctl/date.hpp"

namespace exportctl {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { separate(); out_ += '{'; first_ = true; return *this; }
  JsonWriter& end_object() { out_ += '}'; first_ = false; return *this; }
  JsonWriter& begin_array() { separate(); out_ += '['; first_ = true; return *this; }
  JsonWriter& end_array() { out_ += ']'; first_ = false; return *this; }
  JsonWriter& key(std::string_view name) {
    separate();
    string_literal(name);
    out_ += ':';
    first_ = true;  // the value that follows needs no comma
    return *this;
  }
  JsonWriter& string(std::string_view value) { separate(); string_literal(value); return *this; }
  JsonWriter& null() { separate(); out_ += "null"; return *this; }
  JsonWriter& boolean(bool value) { separate(); out_ += value ? "true" : "false"; return *this; }
  JsonWriter& integer(long long value) {
    separate();
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
    return *this;
  }
  JsonWriter& number(double value) {
    separate();
    if (!std::isfinite(value)) { out_ += "null"; return *this; }
    char buffer[32];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
    return *this;
  }
  JsonWriter& date(Date value) {
    separate();
    char buffer[12] = {'"'};
    format_date(value, buffer + 1);
    buffer[11] = '"';
    out_.append(buffer, 12);
    return *this;
  }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void string_literal(std::string_view value) {
    out_ += '"';
    for (char c : value) {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out_ += "\\u00";
            out_ += kHex[c >> 4];
            out_ += kHex[c & 15];
          } else {
            out_ += c;
          }
      }
    }
    out_ += '"';
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace exportctl
