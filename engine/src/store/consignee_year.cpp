// Whose annual count a shipment joins (License Exception LPP, 15 CFR 740.29: a limit per
// ultimate consignee per calendar year; docs/register.md "LPP annual count").
#include "engine_state.hpp"
#include "exportctl/store.hpp"

#include <string>

namespace exportctl {

std::optional<ConsigneeYear> consignee_year(const Engine& engine, const Shipment& shipment) {
  const RuleSet& rules = rules_of(engine);
  for (const Party& party : shipment.parties) {
    if (party.role != PartyRole::ultimate_consignee) continue;
    ConsigneeYear key;
    key.consignee = normalize_party_name(party.name);
    // The same name in two countries is two companies; a consignee without a stated country
    // receives at the destination.
    CountryId country = party.country != kNoCountry ? party.country : shipment.destination;
    if (key.consignee.empty() || country == kNoCountry) return std::nullopt;
    key.country = rules.countries[country].code;
    // The calendar year from the date's text: "2025-06-01" -> 2025.
    key.year = std::stoi(to_string(shipment.ship_date).substr(0, 4));
    return key;
  }
  return std::nullopt;
}

}  // namespace exportctl
