#include "common/compact_dump.hpp"

#include <simdjson.h>

#include <charconv>

namespace exportctl {
namespace {

void append_string(const std::string& text, std::string& out) {
  bool ascii = true;
  for (unsigned char c : text) ascii &= c < 0x80;
  // dump() refuses text that is not UTF-8 (type_error 316): the same exception, from dump().
  if (!ascii && !simdjson::validate_utf8(text)) {
    out += nlohmann::json(text).dump();
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t copied = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, copied, i - copied);
    copied = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(text, copied, std::string::npos);
  out += '"';
}

template <class Integer>
void append_integer(Integer number, std::string& out) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out.append(digits, end);
}

}  // namespace

void append_compact_dump(const nlohmann::json& value, std::string& out) {
  using value_t = nlohmann::json::value_t;
  switch (value.type()) {
    case value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ',';
        first = false;
        append_string(key, out);
        out += ':';
        append_compact_dump(member, out);
      }
      out += '}';
      break;
    }
    case value_t::array: {
      out += '[';
      for (size_t i = 0; i < value.size(); ++i) {
        if (i) out += ',';
        append_compact_dump(value[i], out);
      }
      out += ']';
      break;
    }
    case value_t::string: append_string(value.get_ref<const std::string&>(), out); break;
    case value_t::boolean: out += value.get<bool>() ? "true" : "false"; break;
    case value_t::number_integer: append_integer(value.get<int64_t>(), out); break;
    case value_t::number_unsigned: append_integer(value.get<uint64_t>(), out); break;
    case value_t::null: out += "null"; break;
    // Floats (nlohmann's own shortest form: "1.0", "1e+20") and anything else: dump() itself.
    default: out += value.dump(); break;
  }
}

}  // namespace exportctl
