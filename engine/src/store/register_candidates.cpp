// The register's candidate entries joining a shipment before screening: the store reads them,
// the engine's rules resolve them, and the pure core judges them like the shipment's own.
#include "engine_state.hpp"
#include "exportctl/limits.hpp"
#include "exportctl/register.hpp"

namespace exportctl {

CandidateQuery candidate_query(const Engine& engine, const Shipment& shipment) {
  const RuleSet& rules = rules_of(engine);
  CandidateQuery query;
  query.ship_date = shipment.ship_date;
  if (shipment.destination != kNoCountry) query.destination = rules.countries[shipment.destination].code;
  // Counting costs a read per earlier shipment of the year: only when some rule reads the count.
  // A screening without it leaves the count unknown, which no rule then asks for.
  if (rules.reads_consignee_year) query.consignee = consignee_year(engine, shipment);
  return query;
}

void add_register_candidates(const Engine& engine, const std::vector<RegisterRecord>& candidates, Shipment& shipment) {
  size_t added = 0;
  for (const RegisterRecord& record : candidates) {
    if (record.voided || added == kMaxRegisterCandidates) continue;
    RegisterEntry entry;
    // Entries were checked when added; one the current rules cannot read (a country or model
    // since removed) cannot match anything they know, so it is left out.
    if (!parse_register_entry(engine, record.entry_json, "register", entry)) continue;
    ++added;
    if (entry.type == RegisterEntryType::notice) {
      entry.notice.register_id = record.id;
      shipment.notices.push_back(std::move(entry.notice));
      continue;
    }
    Authorization& authorization = entry.authorization;
    authorization.register_id = record.id;
    authorization.quantity_used = record.quantity_used;
    authorization.value_used = record.value_used;
    shipment.authorizations.push_back(std::move(authorization));
  }
}

}  // namespace exportctl
