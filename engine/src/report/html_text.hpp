// Text into HTML: every value a report writes passes through these, so that a shipment id, a
// party's name or a rule's notes can never become markup.
#pragma once

#include <string>
#include <string_view>

namespace exportctl {

// Appends `text` with &, <, >, " and ' escaped (safe in element content and quoted attributes).
inline void append_html(std::string_view text, std::string& out) {
  for (char c : text) {
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
