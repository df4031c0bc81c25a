// A vocabulary name as people read it: `action_required` is "action required" in a sentence and
// "ACTION REQUIRED" in a heading. Every report for people writes names this way.
#pragma once

#include <string>
#include <string_view>

namespace exportctl {

inline std::string spaced(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

inline std::string upper(std::string_view name) {
  std::string out = spaced(name);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace exportctl
