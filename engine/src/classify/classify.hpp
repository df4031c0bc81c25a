// Item facts and classification: what an item is (catalog + shipment metrics), and which ECCN
// class the classification rules of one day give it. Pure: no I/O, no clock.
#pragma once

#include <vector>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"
#include "rules/timeline.hpp"

namespace exportctl {

// The facts of one item before classification: catalog values overridden by the shipment's
// metrics, TPP and PD derived where enough is given. `models` receives the item's own model and
// the models it contains; the returned facts point into it, so keep it alive and unchanged.
// `shipment_origin` is where the shipment leaves from: it decides whether the item is subject
// to the EAR (see ItemFacts::subject_to_ear).
ItemFacts gather_item_facts(const RuleSet& rules, const Item& item, CountryId shipment_origin,
                            std::vector<ModelId>& models);

// Classifies under the classification rules of `jurisdiction` in `snapshot`, filling
// facts.eccn / facts.eccn_unknown and returning the rule and class that decided.
ItemClassification classify(const RuleSet& rules, const Snapshot& snapshot, Jurisdiction jurisdiction,
                            const Item& item, ItemFacts& facts);

// The class an item's declared ECCN stands for: a contract class as written, a ".z" paragraph
// (5A992.z, 4A994.z, ...) as the most controlled class of its kind (3A090.a, or 4A090.a for a
// system), anything else (EAR99, 3A991) as no class. nullopt when nothing was declared.
std::optional<Eccn> declared_class(const Item& item, ItemKind kind);

// Convenience for `exportctl classify`: one IC or model on one date.
ItemClassification classify_item(const RuleSet& rules, const Item& item, Date date, std::optional<Date> known_on,
                                 ItemFacts* facts_out = nullptr);

}  // namespace exportctl
