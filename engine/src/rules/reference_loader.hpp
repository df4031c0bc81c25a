// The reference data rules refer to: the country list, dated country groups and the chip
// catalog (rules/README.md). Each function loads one document into `rules`; a problem in one
// entry (a country, a group version, a catalog model) is recorded in `problems` and that entry is
// left out, so the rest of the document is still checked.
#pragma once

#include "common/strict_json.hpp"
#include "rules/load_problems.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

void load_countries(const JsonAt& root, RuleSet& rules, LoadProblems& problems);
// Names countries: load after the country list.
void load_country_group(const JsonAt& root, RuleSet& rules, LoadProblems& problems);
// Names countries and, for systems, earlier models: load after the country list.
void load_catalog(const JsonAt& root, RuleSet& rules, LoadProblems& problems);

}  // namespace exportctl
