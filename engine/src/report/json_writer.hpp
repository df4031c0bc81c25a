// A small append-only JSON writer: the caller writes keys in sorted order, which keeps output
// deterministic without building a tree.
#pragma once

#include <cmath>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "exportctl/date.hpp"

namespace exportctl {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { separate(); out_ += '{'; first_ = true; return *this; }
  JsonWriter& end_object() { out_ += '}'; first_ = false; return *this; }
  JsonWriter& begin_array() { separate(); out_ += '['; first_ = true; return *this; }
  JsonWriter& end_array() { out_ += ']'; first_ = false; return *this; }
  // A key written as a literal in the code is a plain name (letters, digits, '_'): it is copied
  // as is, with its length known at compile time, not scanned for characters to escape.
  template <size_t N>
  JsonWriter& key(const char (&literal)[N]) {
    char text[N + 3] = {',', '"'};  // ,"name": in one append of a size known at compile time
    std::memcpy(text + 2, literal, N - 1);
    text[N + 1] = '"';
    text[N + 2] = ':';
    if (first_) out_.append(text + 1, N + 2);
    else out_.append(text, N + 3);
    first_ = true;
    return *this;
  }
  JsonWriter& key(std::string_view name) {
    separate();
    string_literal(name);
    out_ += ':';
    first_ = true;  // the value that follows needs no comma
    return *this;
  }
  JsonWriter& string(std::string_view value) { separate(); string_literal(value); return *this; }
  // Members rendered beforehand by a JsonWriter ("a":1,"b":"x"), copied as they are: for text
  // repeated in every answer, escaped once instead of on every write. Empty: nothing.
  JsonWriter& members(std::string_view rendered) {
    if (rendered.empty()) return *this;
    separate();
    out_ += rendered;
    return *this;
  }
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
    // Copies runs of plain characters in one append: most strings need no escape at all, and
    // this runs for every string of every answer in a batch.
    out_ += '"';
    const char* run = value.data();
    const char* end = run + value.size();
    for (const char* p = find_escape(run, end); p < end; p = find_escape(run, end)) {
      unsigned char c = static_cast<unsigned char>(*p);
      out_.append(run, static_cast<size_t>(p - run));
      run = p + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
        }
      }
    }
    out_.append(run, static_cast<size_t>(end - run));
    out_ += '"';
  }
  static bool escaped(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
  // True when one of the 8 bytes at p needs an escape (SWAR; exact: no false negatives).
  static bool word_needs_escape(const char* p) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
    uint64_t control = (word - kOnes * 0x20) & ~word & kHigh;  // a byte below 0x20
    return (control | has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\'))) != 0;
  }
  // The first character in [p, end) that JSON requires to escape (a control character, '"' or
  // '\\'), or end. Sixteen bytes at a time where SSE2 exists (every x86-64), eight otherwise;
  // the last few bytes are checked with one overlapping load when the string is long enough.
  static const char* find_escape(const char* p, const char* end) {
    const char* const begin = p;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1F);
    auto hits = [&](const char* at) {
      __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      __m128i found = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(bytes, control), bytes));  // bytes <= 0x1F
      return static_cast<unsigned>(_mm_movemask_epi8(found));
    };
    for (; end - p >= 16; p += 16)
      if (unsigned mask = hits(p)) return p + __builtin_ctz(mask);
    if (p < end && end - begin >= 16) {
      // The tail as the last 16 bytes of the string; those before p were already clean.
      unsigned mask = hits(end - 16) >> (16 - (end - p));
      return mask ? p + __builtin_ctz(mask) : end;
    }
#endif
    for (; end - p >= 8; p += 8)
      if (word_needs_escape(p)) break;
    if (end - p < 8 && p < end && end - begin >= 8 && !word_needs_escape(end - 8)) return end;
    while (p < end && !escaped(static_cast<unsigned char>(*p))) ++p;
    return p;
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace exportctl
