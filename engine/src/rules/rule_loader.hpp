// A rule file (kinds classification, license, permit, notification, prohibition, advisory,
// exception, review_policy) with all its versions: provenance and both time axes, the content of
// its kind, and the order of its versions in valid time (rules/README.md). Conditions and the
// names they hold are checked against the reference data already in `rules`. A problem in one
// version is recorded in `problems` and that version left out, so the others are still checked.
#pragma once

#include "common/strict_json.hpp"
#include "rules/load_problems.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// `kind` is the file's "kind", already known to name a rule kind.
void load_rule(const JsonAt& root, RuleKind kind, RuleSet& rules, LoadProblems& problems);

}  // namespace exportctl
