// Compiles the condition language of condition.hpp from rule-file JSON. Every name a condition
// holds (fact, operator, country, catalog model, country group, ECCN, item kind, movement) is
// checked against the reference data already loaded into `rules`; a problem fails (LoadError)
// at its JSON location.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/strict_json.hpp"
#include "rules/condition.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// `items_allowed` false: the condition is about the shipment and may not read item facts.
Condition parse_condition(const RuleSet& rules, const JsonAt& at, bool items_allowed);
// The condition under `key` of `parent`, or nullopt when the key is absent.
std::optional<Condition> parse_optional_condition(const RuleSet& rules, const JsonAt& parent, std::string_view key,
                                                  bool items_allowed);

// One symbol of a fact type, as the id a SymbolSet holds: a country, a catalog model, an ECCN
// ("none" too), an item kind or a movement.
uint16_t parse_symbol(const RuleSet& rules, FactType type, const JsonAt& at);

}  // namespace exportctl
