// What an Engine holds: the rule set and what the reports render from it once. The facade
// (engine.cpp) builds it; modules above the facade (store, batch) and the tests reach the rule
// set through rules_of().
#pragma once

#include <memory>

#include "exportctl/engine.hpp"
#include "report/rendered_rules.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

struct Engine::State {
  explicit State(std::shared_ptr<const RuleSet> loaded) : rules(std::move(loaded)), rendered(*rules) {}
  std::shared_ptr<const RuleSet> rules;
  RenderedRules rendered;
};

inline const RuleSet& rules_of(const Engine& engine) { return *engine.state().rules; }

}  // namespace exportctl
