// A condition of the rule language as words for people: the parts of it that held ("TPP 15832 >=
// 4800 and datacenter true"), or the facts it lacked ("performance_density, datacenter").
#pragma once

#include <cstdint>
#include <string>

#include "rules/condition.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// Renders the parts of the subtree at node `index` that made it hold: for `all`, every child
// (leaving out "kind in ic" guards, which explain nothing); for `any`, the first child that holds.
void append_holding(const RuleSet& rules, const Condition& condition, uint32_t index, const ItemFacts* item,
                    const MovementFacts& movement, std::string& out);

// The names of the facts a condition reads whose value is unknown ("PD, datacenter"), decided
// from the facts themselves; "a fact" when none is.
void append_unknown_facts(const Condition& condition, const ItemFacts* item, const MovementFacts& movement,
                          std::string& out);

}  // namespace exportctl
