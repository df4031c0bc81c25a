#include "io/json_objects.hpp"

#include "exportctl/batch.hpp"

namespace exportctl {

JsonObjectScanner::Byte JsonObjectScanner::feed(char c) {
  if (in_string_) {
    if (escaped_) escaped_ = false;
    else if (c == '\\') escaped_ = true;
    else if (c == '"' || c == '\n') in_string_ = false;
    return Byte::inside;
  }
  if (c == '{') {
    ++depth_;
    return Byte::inside;
  }
  if (depth_ == 0) return Byte::outside;
  if (c == '"') in_string_ = true;
  else if (c == '}' && --depth_ == 0) return Byte::closing;
  return Byte::inside;
}

void ObjectLineJoiner::rewrite(std::string& buffer, size_t from) {
  std::string out;
  bool changed = false;
  for (size_t i = from; i < buffer.size(); ++i) {
    char c = buffer[i];
    JsonObjectScanner::Byte kind = scanner_.feed(c);
    if (kind == JsonObjectScanner::Byte::inside && c == '\n') {
      if (!changed) out.assign(buffer, from, i - from), changed = true;
      out += ' ';
      ++pending_;
      continue;
    }
    if (changed) out += c;
    if (kind == JsonObjectScanner::Byte::closing && pending_ > 0) {
      if (!changed) out.assign(buffer, from, i + 1 - from), changed = true;
      out.append(pending_, '\n');
      inserted_ += pending_;
      pending_ = 0;
    }
  }
  if (changed) buffer.replace(from, std::string::npos, out);
}

bool starts_pretty_printed(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || text[start] != '{') return false;
  JsonObjectScanner scanner;
  for (size_t i = start; i < text.size(); ++i) {
    if (scanner.feed(text[i]) == JsonObjectScanner::Byte::closing) return false;
    if (text[i] == '\n') return scanner.inside();
  }
  return false;
}

std::vector<ShipmentText> split_shipments(std::string_view text) {
  std::vector<ShipmentText> out;
  uint64_t line = 1;
  size_t i = 0;
  if (text.starts_with("\xEF\xBB\xBF")) i = 3;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    size_t begin = i;
    uint64_t first_line = line;
    if (c != '{') {
      // Not an object: the rest of the line, for the parser to name what is wrong.
      size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end;
      out.push_back({first_line, text.substr(begin, i - begin)});
      continue;
    }
    JsonObjectScanner scanner;
    for (; i < text.size(); ++i) {
      if (text[i] == '\n') ++line;
      if (scanner.feed(text[i]) == JsonObjectScanner::Byte::closing) {
        ++i;
        break;
      }
    }
    out.push_back({first_line, text.substr(begin, i - begin)});
  }
  return out;
}

}  // namespace exportctl
