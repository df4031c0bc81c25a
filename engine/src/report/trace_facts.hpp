// The facts a traced rule version read, with their values on the shipment: what every rendering
// of a trace (JSON, text, HTML) shows beside each entry, computed in one place so they agree.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// What every entry of one answer's trace shares: the shipment facts the rules read.
struct TraceShipment {
  std::vector<CountryId> headquarters;
  double total_tpp = kUnknown;
};
void gather_trace_shipment(const RuleSet& rules, const Shipment& shipment, TraceShipment& out);

// (fact name, value as text) for each fact the entry's rule read, in the order of the fact
// names; `out` is cleared first.
void trace_entry_facts(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                       const TraceShipment& traced, const TraceEntry& entry,
                       std::vector<std::pair<std::string_view, std::string>>& out);

// "applies", "does_not_apply" or "undecided".
std::string_view trace_outcome_name(Tri outcome);

}  // namespace exportctl
