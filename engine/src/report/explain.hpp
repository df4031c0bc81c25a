// Sentences for people: what a leg and a country are called, what each requirement asks and
// what its status means, and what each warning says. Each appends to `out` so that rendering a
// batch reuses one buffer. The classification basis is in basis.hpp, condition text in
// condition_text.hpp, summaries with placeholders in summary_template.hpp.
#pragma once

#include <string>
#include <string_view>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// "US->VN" for the export, "via MY (transit)" for a stop.
void append_leg(const RuleSet& rules, const Shipment& shipment, const Movement& movement, std::string& out);
void append_country(const RuleSet& rules, CountryId country, std::string& out);  // "Viet Nam (VN)"

// The rule's summary, then what the requirement's status means on this shipment: which license
// or notice satisfies it, which exception covers it, what is late or missing and by when.
void append_explanation(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                        const Requirement& requirement, std::string& out);

void append_warning_message(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                            const Warning& warning, std::string& out);

inline constexpr std::string_view kDisclaimer =
    "Screening aid, not legal advice: confirm with counsel and the cited regulations before shipping.";

}  // namespace exportctl
