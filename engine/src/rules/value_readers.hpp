// Values that rule files of every kind hold: country codes (checked against the loaded country
// list) and words of the closed vocabularies. Each reader fails (LoadError) at the value's
// location with a message naming what is allowed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/strict_json.hpp"
#include "exportctl/vocabulary.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// A code from the loaded country list: "unknown country code "XX"" otherwise.
CountryId read_country(const RuleSet& rules, const JsonAt& at);
std::vector<CountryId> read_countries(const RuleSet& rules, const JsonAt& list);

// A word of the vocabulary of Enum; otherwise fails with "WHAT is one of a, b, c".
template <typename Enum>
Enum read_enum(const JsonAt& at, std::string_view what) {
  auto value = parse_enum<Enum>(at.as_string());
  if (!value) at.fail(std::string(what) + " is " + one_of<Enum>());
  return *value;
}

}  // namespace exportctl
