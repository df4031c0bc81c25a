#include "classify/classify.hpp"

#include <cmath>

#include "common/to_index.hpp"

namespace exportctl {
namespace {

void override_with(double given, double& field) {
  if (!std::isnan(given)) field = given;
}

// How strongly a class controls, to pick the class of a system from its parts.
int severity(Eccn eccn) {
  switch (eccn) {
    case Eccn::c3A090_a: case Eccn::c4A090_a: return 4;
    case Eccn::c3A090: case Eccn::c4A090: return 3;
    case Eccn::c3A090_b: case Eccn::c4A090_b: return 2;
    case Eccn::c3A090_c: return 1;
    case Eccn::none: return 0;
  }
  return 0;
}

Metrics merged_metrics(const RuleSet& rules, ModelId model, const Metrics& given) {
  Metrics m = model == kNoModel ? Metrics{} : rules.catalog[model].metrics;
  override_with(given.tpp, m.tpp);
  override_with(given.performance_density, m.performance_density);
  override_with(given.die_area_mm2, m.die_area_mm2);
  override_with(given.dense_tops, m.dense_tops);
  override_with(given.bit_length, m.bit_length);
  override_with(given.interconnect_gbps, m.interconnect_gbps);
  override_with(given.memory_bandwidth_gbps, m.memory_bandwidth_gbps);
  override_with(given.memory_bandwidth_density, m.memory_bandwidth_density);
  if (given.datacenter != Tri::unknown) m.datacenter = given.datacenter;
  // TPP = dense TOPS x bit length; PD = TPP / die area. A figure the shipment gives wins over
  // one derived; one derived from the shipment's figures wins over the catalog's.
  auto known = [](double value) { return !std::isnan(value); };
  bool shipment_tops = known(given.dense_tops) || known(given.bit_length);
  if (!known(given.tpp) && (shipment_tops || !known(m.tpp)) && known(m.dense_tops) && known(m.bit_length))
    m.tpp = m.dense_tops * m.bit_length;
  bool shipment_size = known(given.tpp) || shipment_tops || known(given.die_area_mm2);
  if (!known(given.performance_density) && (shipment_size || !known(m.performance_density)))
    m.performance_density = known(m.tpp) && known(m.die_area_mm2) && m.die_area_mm2 > 0 ? m.tpp / m.die_area_mm2 : kUnknown;
  return m;
}

ItemFacts facts_from(const Metrics& m) {
  ItemFacts facts;
  facts.tpp = m.tpp;
  facts.performance_density = m.performance_density;
  facts.die_area_mm2 = m.die_area_mm2;
  facts.interconnect_gbps = m.interconnect_gbps;
  facts.memory_bandwidth_gbps = m.memory_bandwidth_gbps;
  facts.memory_bandwidth_density = m.memory_bandwidth_density;
  facts.datacenter = m.datacenter;
  return facts;
}

// First class whose condition holds; an undecidable class before it makes the rule undecidable.
ItemClassification run_rule(const CompiledRule& rule, const ItemFacts& facts) {
  static const MovementFacts kNoMovement;
  ItemClassification result;
  result.rule = rule.meta();
  for (size_t i = 0; i < rule.classes.size(); ++i) {
    Tri holds = rule.classes[i].when.evaluate(&facts, kNoMovement);
    if (holds == Tri::no) continue;
    if (holds == Tri::unknown) {
      result.indeterminate = true;
      result.class_index = to_index(i);
      return result;
    }
    result.eccn = rule.classes[i].eccn;
    result.class_index = to_index(i);
    return result;
  }
  return result;
}

ItemClassification classify_facts(const Snapshot& snapshot, Jurisdiction jurisdiction, const ItemFacts& facts) {
  ItemClassification result;  // no rule in force: no class, no rule
  for (const CompiledRule& rule : snapshot.classification) {
    if (rule.jurisdiction() != jurisdiction) continue;
    ItemClassification candidate = run_rule(rule, facts);
    if (candidate.eccn != Eccn::none) return candidate;  // a class found is never undone by another rule
    // Otherwise keep the most telling answer: undecidable beats "no class", and a rule whose
    // explicit null class matched (Note 2) beats one that had nothing to say.
    bool better = !result.rule || (!result.indeterminate && (candidate.indeterminate ||
                                                            (candidate.class_index >= 0 && result.class_index < 0)));
    if (better) result = candidate;
  }
  return result;
}

// A system with no origin of its own (an uncatalogued server) takes it from its parts: US-origin
// if any part is (its US content makes it subject to the EAR), foreign if every part is known
// to be foreign, otherwise unknown.
Tri origin_from_parts(const RuleSet& rules, const std::vector<ContainedItem>& parts) {
  if (parts.empty()) return Tri::unknown;
  bool all_foreign = true;
  for (const ContainedItem& part : parts) {
    Tri part_origin = part.model == kNoModel ? Tri::unknown : rules.catalog[part.model].us_origin;
    if (part_origin == Tri::yes) return Tri::yes;
    all_foreign &= part_origin == Tri::no;
  }
  return all_foreign ? Tri::no : Tri::unknown;
}

}  // namespace

ItemFacts gather_item_facts(const RuleSet& rules, const Item& item, CountryId shipment_origin,
                            std::vector<ModelId>& models) {
  const CatalogModel* entry = item.model == kNoModel ? nullptr : &rules.catalog[item.model];
  ItemFacts facts = facts_from(merged_metrics(rules, item.model, item.metrics));
  facts.model = item.model;
  facts.catalogued = entry != nullptr;
  facts.kind = item.kind_given || !entry ? item.kind : entry->kind;
  facts.quantity = item.quantity;
  facts.model_unknown = item.model == kNoModel && !item.model_name.empty();
  size_t first = models.size();
  if (item.model != kNoModel) models.push_back(item.model);
  const auto& parts = item.contains.empty() && entry ? entry->contains : item.contains;
  for (const ContainedItem& part : parts) {
    if (part.model != kNoModel) models.push_back(part.model);
    else facts.model_unknown = true;
  }
  facts.models = std::span<const ModelId>(models.data() + first, models.size() - first);
  facts.us_origin = item.us_origin != Tri::unknown         ? item.us_origin
                    : entry && entry->us_origin != Tri::unknown ? entry->us_origin
                    : facts.kind == ItemKind::system       ? origin_from_parts(rules, parts)
                                                           : Tri::unknown;
  facts.subject_to_ear = shipment_origin == rules.united_states ? Tri::yes : facts.us_origin;
  return facts;
}

ItemClassification classify(const RuleSet& rules, const Snapshot& snapshot, Jurisdiction jurisdiction,
                            const Item& item, ItemFacts& facts) {
  ItemClassification result;
  if (facts.kind != ItemKind::system) {
    result = classify_facts(snapshot, jurisdiction, facts);
  } else {
    // A system takes the class of its most controlled part, mapped by the rule's "systems".
    const CatalogModel* entry = item.model == kNoModel ? nullptr : &rules.catalog[item.model];
    const auto& parts = item.contains.empty() && entry ? entry->contains : item.contains;
    bool unknown = parts.empty();
    ItemClassification strongest;
    for (const ContainedItem& part : parts) {
      if (part.model == kNoModel) {
        unknown = true;
        continue;
      }
      ItemFacts part_facts = facts_from(merged_metrics(rules, part.model, Metrics{}));
      part_facts.kind = rules.catalog[part.model].kind;
      ItemClassification part_class = classify_facts(snapshot, jurisdiction, part_facts);
      unknown |= part_class.indeterminate;
      if (!strongest.rule || severity(part_class.eccn) > severity(strongest.eccn)) strongest = part_class;
    }
    result = strongest;
    if (result.eccn != Eccn::none && result.rule) {
      for (const CompiledRule& rule : snapshot.classification)
        if (rule.meta() == result.rule) {
          Eccn mapped = rule.content().system_classes[static_cast<size_t>(result.eccn)];
          if (mapped != Eccn::none) result.eccn = mapped;
        }
    }
    result.indeterminate = result.eccn == Eccn::none && unknown;
  }
  // A declaration fills a gap the metrics leave and may raise the class, never lower it: an
  // indeterminate item declared 3A090.b is 3A090.b; an item computed 3A090.a stays 3A090.a.
  if (auto declared = declared_class(item, facts.kind)) {
    bool declared_controls = *declared != Eccn::none;
    result.declaration_differs = !result.indeterminate && *declared != result.eccn;
    if ((result.indeterminate && declared_controls) || severity(*declared) > severity(result.eccn)) {
      result.eccn = *declared;
      result.indeterminate = false;
      result.from_declaration = true;
    }
  }
  facts.eccn = result.eccn;
  facts.eccn_unknown = result.indeterminate;
  return result;
}

std::optional<Eccn> declared_class(const Item& item, ItemKind kind) {
  if (item.declared_eccn.empty()) return std::nullopt;
  if (auto exact = parse_enum<Eccn>(item.declared_eccn)) return *exact;
  const std::string& text = item.declared_eccn;
  if (text.size() > 2 && (text.ends_with(".z") || text.ends_with(".Z")))
    return kind == ItemKind::system ? Eccn::c4A090_a : Eccn::c3A090_a;
  return Eccn::none;
}

ItemClassification classify_item(const RuleSet& rules, const Item& item, Date date, std::optional<Date> known_on,
                                 ItemFacts* facts_out) {
  std::vector<ModelId> models;
  ItemFacts facts = gather_item_facts(rules, item, kNoCountry, models);
  ItemClassification result = classify(rules, *rules.timeline(known_on).at(date), Jurisdiction::US, item, facts);
  if (facts_out) {
    *facts_out = facts;
    facts_out->models = {};
  }
  return result;
}

}  // namespace exportctl
