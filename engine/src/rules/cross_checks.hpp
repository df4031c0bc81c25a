// Checks across rule files, once every file is loaded: the rule ids an exception covers and a
// review policy applies to must name loaded rules.
#pragma once

#include "rules/load_problems.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

void check_references(const RuleSet& rules, LoadProblems& problems);

}  // namespace exportctl
