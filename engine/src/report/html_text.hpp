// Text into HTML: every value a report writes passes through these, so that a shipment id, a
// party's name or a rule's notes can never become markup.
#pragma once

#include <string>
#include <string_view>

namespace exportctl {

// Appends `text` with &, <, >, " and ' escaped (safe in element content and quoted attributes),
// and control characters (C0 but tab and line end, DEL, C1) shown as "\u001b": they are not
// allowed in HTML, and a record printed or copied to a terminal must not carry them raw.
inline void append_html(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    unsigned code = static_cast<unsigned char>(c);
    bool c1 = code == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if ((code < 0x20 && c != '\n' && c != '\t') || code == 0x7f || c1) {
      if (c1) code = static_cast<unsigned char>(text[++i]);
      const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[code >> 4];
      out += hex[code & 15];
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

// A link only for http and https addresses: a rule file's source_url is data, and a
// "javascript:" address must not become something a reader can click.
inline bool linkable_url(std::string_view url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

}  // namespace exportctl
