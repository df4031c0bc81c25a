// The pure core: (compiled rules, shipment, options) -> determination. No I/O, no clock, no JSON.
#pragma once

#include <span>

#include "exportctl/determination.hpp"
#include "exportctl/engine.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

void screen_shipment(const RuleSet& rules, const Shipment& shipment, const ScreenOptions& options, Determination& out);

// The parties' stated headquarters, in party order: what the fact party_headquarters reads.
void stated_headquarters(const Shipment& shipment, std::vector<CountryId>& out);

// The sum of TPP x quantity over the items; unknown (NaN) if any item's TPP is.
double total_tpp(std::span<const ItemFacts> items);

// The fact consignee_year_total_tpp: this shipment's total TPP plus every earlier shipment the
// store counted (Shipment::counted_shipments); unknown without a store or with any TPP unknown.
double consignee_year_total_tpp(const Shipment& shipment, double shipment_total_tpp);

// The shipment as one movement sees it: the facts a requirement rule's "when" reads. The trace
// uses it too, so that it shows exactly the values the rules read. `headquarters` comes from
// stated_headquarters and must outlive the result; a null movement is the shipment before any
// leg (classification).
MovementFacts movement_facts(const Shipment& shipment, const Movement* movement, std::span<const CountryId> headquarters,
                             double shipment_total_tpp);

// True when the authorization names the item's model (or names no model).
bool names_model(const Authorization& authorization, const Item& item);

// What the shipment draws from an authorization with limits: every item it names, once (however
// many legs or rules the item meets). The value is NaN when such an item states no unit value.
struct Draw {
  double quantity = 0;
  double value = 0;
};
Draw draw_of(const Authorization& authorization, const Shipment& shipment);

// True when `exporter_name` names one of the companies (case-insensitive, whole words).
bool exporter_matches(std::string_view exporter_name, const std::vector<std::string>& companies);

}  // namespace exportctl
