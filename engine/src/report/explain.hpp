// Sentences for people: why an item got its class, what a requirement asks, what a leg is.
// Each appends to `out` so that rendering a batch reuses one buffer.
#pragma once

#include <string>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/condition.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

void append_leg(const RuleSet& rules, const Shipment& shipment, const Movement& movement, std::string& out);
void append_country(const RuleSet& rules, CountryId country, std::string& out);  // "Viet Nam (VN)"

// "TPP 15832 >= 4800"; for no class, the figures read; for undecidable, what is missing.
void append_basis(const RuleSet& rules, const Shipment& shipment, size_t item_index, const ItemClassification& result,
                  std::string& out);

void append_explanation(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                        const Requirement& requirement, std::string& out);

void append_warning_message(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                            const Warning& warning, std::string& out);

// The names of the facts a condition reads whose value is unknown: "PD, datacenter".
void append_unknown_facts(const RuleSet& rules, const Condition& condition, const ItemFacts* item,
                          const MovementFacts& movement, std::string& out);

inline constexpr std::string_view kDisclaimer =
    "Screening aid, not legal advice: confirm with counsel and the cited regulations before shipping.";

}  // namespace exportctl
