#include "report/trace_facts.hpp"

#include "classify/classify.hpp"
#include "decide/screen.hpp"

namespace exportctl {

void gather_trace_shipment(const RuleSet& rules, const Shipment& shipment, TraceShipment& out) {
  stated_headquarters(shipment, out.headquarters);
  // Only TPP and quantity are read here, so the facts' model spans are not kept valid.
  std::vector<ModelId> models;
  std::vector<ItemFacts> items;
  for (const Item& item : shipment.items) items.push_back(gather_item_facts(rules, item, shipment.origin, models));
  out.total_tpp = total_tpp(items);
}

void trace_entry_facts(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                       const TraceShipment& traced, const TraceEntry& entry,
                       std::vector<std::pair<std::string_view, std::string>>& out) {
  out.clear();
  const LoadedVersion& loaded = rules.loaded(*entry.rule);
  FactMask reads = loaded.content.when.reads() | (entry.item >= 0 ? loaded.content.items.reads() : 0);
  for (const ClassRule& c : loaded.content.classes) reads |= c.when.reads();
  for (const PolicyClause& clause : loaded.content.policies) reads |= clause.when.reads();
  // Reused across entries: a traced answer has dozens of entries, each allocated these anew.
  thread_local std::vector<ModelId> models;
  models.clear();
  ItemFacts item_facts;
  if (entry.item >= 0) {
    item_facts = gather_item_facts(rules, shipment.items[static_cast<size_t>(entry.item)], shipment.origin, models);
    item_facts.eccn = answer.items[static_cast<size_t>(entry.item)].eccn;
    item_facts.eccn_unknown = answer.items[static_cast<size_t>(entry.item)].indeterminate;
  }
  const Movement* leg = entry.movement >= 0 ? &answer.movements[static_cast<size_t>(entry.movement)] : nullptr;
  MovementFacts movement = movement_facts(shipment, leg, traced.headquarters, traced.total_tpp);
  for (Fact fact : facts_by_name()) {
    if (!(reads >> static_cast<int>(fact) & 1)) continue;
    if (is_item_fact(fact) && entry.item < 0) continue;
    out.emplace_back(fact_info(fact).name, fact_value_text(fact, entry.item >= 0 ? &item_facts : nullptr, movement,
                                                           rules.country_codes, rules.model_names));
  }
}

std::string_view trace_outcome_name(Tri outcome) {
  return outcome == Tri::yes ? "applies" : outcome == Tri::no ? "does_not_apply" : "undecided";
}

}  // namespace exportctl
