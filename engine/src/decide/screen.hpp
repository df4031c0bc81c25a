// The pure core: (compiled rules, shipment, options) -> determination. No I/O, no clock, no JSON.
#pragma once

#include "exportctl/determination.hpp"
#include "exportctl/engine.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

void screen_shipment(const RuleSet& rules, const Shipment& shipment, const ScreenOptions& options, Determination& out);

// True when `exporter_name` names one of the companies (case-insensitive, whole words).
bool exporter_matches(std::string_view exporter_name, const std::vector<std::string>& companies);

}  // namespace exportctl
