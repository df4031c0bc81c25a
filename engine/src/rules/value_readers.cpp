#include "rules/value_readers.hpp"

namespace exportctl {

CountryId read_country(const RuleSet& rules, const JsonAt& at) {
  std::string code = at.as_string();
  CountryId id = rules.find_country(code);
  if (id == kNoCountry) at.fail("unknown country code \"" + code + "\"");
  return id;
}

std::vector<CountryId> read_countries(const RuleSet& rules, const JsonAt& list) {
  std::vector<CountryId> out;
  for (size_t i = 0; i < list.size(); ++i) out.push_back(read_country(rules, list.at(i)));
  return out;
}

}  // namespace exportctl
