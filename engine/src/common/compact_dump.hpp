// nlohmann's dump() of a value (compact, keys in order, UTF-8 kept), written without its
// per-character escaping machine: every rule version keeps its object in this form
// (RuleVersion::json), and dump() was a tenth of loading the rules in every `check`
// (docs/performance.md, round 4). The bytes are dump()'s, always (tests/fuzz/strict_json_fuzz.cpp
// compares them on every input); a float and a string that is not valid UTF-8 are handed to
// dump() itself.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace exportctl {

void append_compact_dump(const nlohmann::json& value, std::string& out);

inline std::string compact_dump(const nlohmann::json& value) {
  std::string out;
  append_compact_dump(value, out);
  return out;
}

}  // namespace exportctl
