// Shipments written one after another as JSON objects, each on one line (JSON Lines) or spread
// over several (pretty-printed): where each one is, without parsing it. The shipment parser then
// reads each object strictly and reports whatever is wrong with it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace exportctl {

// Follows top-level objects byte by byte: braces count outside strings only. A line break inside
// a string (which JSON does not allow) ends the string, so one broken line cannot swallow the rest.
class JsonObjectScanner {
 public:
  enum class Byte { outside, inside, closing };  // `closing`: the brace that ends an object
  Byte feed(char c);
  bool inside() const { return depth_ > 0; }

 private:
  int64_t depth_ = 0;
  bool in_string_ = false, escaped_ = false;
};

// Rewrites pretty-printed objects into JSON Lines as the bytes stream by, without moving a line:
// a line break inside an object becomes a space and is written after the object instead. Each
// object then stands on the line where it began, and every later line keeps its number.
class ObjectLineJoiner {
 public:
  // Rewrites buffer[from..] in place (it may grow); the bytes before `from` are done.
  void rewrite(std::string& buffer, size_t from);
  uint64_t inserted() const { return inserted_; }  // line breaks written after objects so far

 private:
  JsonObjectScanner scanner_;
  uint64_t pending_ = 0, inserted_ = 0;
};

// Whether the first object in `text` (after blanks) goes on past its first line: pretty-printed
// input. False when it closes on that line, or when the first line is not complete in `text`.
bool starts_pretty_printed(std::string_view text);

}  // namespace exportctl
