#include "todo/ics_text.hpp"

namespace exportctl::todo {

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') {
          out += "\\n";
          ++i;
        } else {
          out += ' ';
        }
        break;
      default:
        // TEXT excludes the controls (RFC 5545 3.3.11, CONTROL); HTAB is allowed.
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) out += ' ';
        else out += c;
    }
  }
  return out;
}

void append_ics_line(std::string_view line, std::string& out) {
  constexpr size_t kMaxOctets = 75;
  size_t start = 0;
  bool first = true;
  while (start < line.size()) {
    // A continuation line begins with a space, which counts toward its 75 octets.
    size_t room = first ? kMaxOctets : kMaxOctets - 1;
    size_t end = start + room;
    if (end >= line.size()) {
      end = line.size();
    } else {
      // Back up to the start of a UTF-8 character: continuation bytes are 10xxxxxx.
      while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
      if (end == start) end = start + room;  // not UTF-8: split where the octets run out
    }
    if (!first) out += ' ';
    out.append(line.substr(start, end - start));
    out += "\r\n";
    start = end;
    first = false;
  }
  if (line.empty()) out += "\r\n";
}

}  // namespace exportctl::todo
