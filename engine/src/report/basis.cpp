#include "report/basis.hpp"

#include <charconv>
#include <cmath>
#include <vector>

#include "classify/classify.hpp"
#include "report/append_text.hpp"
#include "report/condition_text.hpp"

namespace exportctl {
namespace {

// An item that names a catalog model and overrides nothing has the same basis whenever the same
// version and class decide it.
bool catalog_only(const Item& item) {
  const Metrics& m = item.metrics;
  bool no_figures = std::isnan(m.tpp) && std::isnan(m.performance_density) && std::isnan(m.die_area_mm2) &&
                    std::isnan(m.dense_tops) && std::isnan(m.bit_length) && std::isnan(m.interconnect_gbps) &&
                    std::isnan(m.memory_bandwidth_gbps) && std::isnan(m.memory_bandwidth_density) &&
                    m.datacenter == Tri::unknown;
  return item.model != kNoModel && no_figures && !item.kind_given && item.us_origin == Tri::unknown &&
         item.contains.empty() && item.declared_eccn.empty();
}

// The basis from the item's facts: what the deciding class read, or why nothing was decided.
void append_basis_of(const RuleSet& rules, const Shipment& shipment, size_t item_index,
                     const ItemClassification& result, std::string& out) {
  thread_local std::vector<ModelId> models;  // reused: a basis is written for every item
  models.clear();
  const Item& item = shipment.items[item_index];
  ItemFacts facts = gather_item_facts(rules, item, shipment.origin, models);
  // Classes read item facts only (the loader checks), so the loaded conditions need no
  // compiling for a date: the version alone explains the answer, whatever the knowledge date.
  const std::vector<ClassRule>& classes = rules.loaded(*result.rule).content.classes;
  if (facts.kind == ItemKind::system) {
    out += "system: takes the class of its most controlled part";
    if (result.indeterminate) out += "; a part is unknown or cannot be classified";
    return;
  }
  if (result.from_declaration) {
    out += "declared ECCN ";
    out += item.declared_eccn;
    return;
  }
  MovementFacts movement;
  if (result.indeterminate) {
    out += "cannot classify: missing ";
    append_unknown_facts(classes[static_cast<size_t>(result.class_index)].when, &facts, movement, out);
    return;
  }
  if (result.class_index >= 0) {
    append_holding(rules, classes[static_cast<size_t>(result.class_index)].when, 0, &facts, movement, out);
    if (result.eccn == Eccn::none) out += ": not controlled under this rule";
    return;
  }
  // No class matched: show the figures the rule read.
  FactMask reads = 0;
  for (const ClassRule& c : classes) reads |= c.when.reads();
  bool first = true;
  for (int f = 0; f < kFactCount; ++f) {
    Fact fact = static_cast<Fact>(f);
    if (!(reads >> f & 1) || fact == Fact::kind) continue;
    if (!first) out += ", ";
    first = false;
    out += fact_info(fact).label;
    out += ' ';
    std::string value = fact_value_text(fact, &facts, movement, rules.country_codes, rules.model_names);
    double number = 0;
    auto parsed = std::from_chars(value.data(), value.data() + value.size(), number);
    if (parsed.ec == std::errc() && parsed.ptr == value.data() + value.size()) append_number(number, out);
    else out += value;
  }
  out += ": below every class";
}

}  // namespace

BasisCache& BasisCache::this_thread() {
  thread_local BasisCache cache;
  return cache;
}

size_t BasisCache::KeyHash::operator()(const Key& key) const {
  return std::hash<const void*>()(key.rule) ^ (size_t{key.model} << 20) ^ (size_t(uint16_t(key.class_index)) << 40) ^
         (size_t(key.eccn) << 56) ^ key.indeterminate;
}

const std::string* BasisCache::find(const RuleSet& rules, const Key& key) {
  if (digest_ != rules.digest) {
    texts_.clear();
    digest_ = rules.digest;
  }
  auto found = texts_.find(key);
  return found == texts_.end() ? nullptr : &found->second;
}

const std::string& BasisCache::insert(const Key& key, std::string text) {
  return texts_.emplace(key, std::move(text)).first->second;
}

void append_basis(const RuleSet& rules, const Shipment& shipment, size_t item_index, const ItemClassification& result,
                  BasisCache& cache, std::string& out) {
  if (!result.rule) {
    out += "no classification rule in force on ";
    append_date(shipment.ship_date, out);
    return;
  }
  const Item& item = shipment.items[item_index];
  if (!catalog_only(item)) {
    append_basis_of(rules, shipment, item_index, result, out);
    return;
  }
  BasisCache::Key key{result.rule, item.model, result.class_index, result.eccn, result.indeterminate};
  const std::string* text = cache.find(rules, key);
  if (!text) {
    std::string basis;
    append_basis_of(rules, shipment, item_index, result, basis);
    text = &cache.insert(key, std::move(basis));
  }
  out += *text;
}

}  // namespace exportctl
