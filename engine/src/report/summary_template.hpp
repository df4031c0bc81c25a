// A rule version's summary, its placeholders filled for one requirement: {destination} (the
// shipment's destination, "Viet Nam (VN)"), {leg} ("US->VN", "via MY (transit)") and {classes}
// (the classes of the items it concerns, "3A090.a/4A090.a"). The loader admits no other.
#pragma once

#include <string>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

void append_summary(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                    const Requirement& requirement, std::string& out);

}  // namespace exportctl
