// The condition language of rule files, compiled into a flat array and evaluated in
// three-valued logic: a condition that reads a fact nobody supplied is `unknown`, and
// `unknown` propagates (any/all/not follow Kleene's rules) so that a missing fact can make a
// rule undecidable but never silently false.
//
//   {"all": [C, ...]}   {"any": [C, ...]}   {"not": C}
//   {"fact": "tpp", ">=": 4800}          numeric comparisons: >=  >  <=  <
//   {"fact": "datacenter", "is": true}   booleans
//   {"fact": "destination", "in": ["CN", "HK"]}         symbols (countries, models, eccn, kind)
//   {"fact": "destination", "in_groups": ["D:1", "D:5"]}  country groups, resolved per date
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/shipment.hpp"
#include "exportctl/vocabulary.hpp"

namespace exportctl {

enum class Fact : uint8_t {
  // item facts
  model, models, kind, us_origin, datacenter, tpp, performance_density, die_area_mm2,
  interconnect_gbps, memory_bandwidth_gbps, memory_bandwidth_density, quantity, eccn, subject_to_ear,
  catalogued,
  // shipment and movement facts
  origin, destination, movement_country, movement, party_headquarters, exporter_headquarters,
  shipment_total_tpp, consignee_year_total_tpp,
  count_
};
inline constexpr int kFactCount = static_cast<int>(Fact::count_);
inline constexpr int kFirstShipmentFact = static_cast<int>(Fact::origin);

enum class FactType : uint8_t { number, boolean, country, model, kind, eccn, movement };

struct FactInfo {
  std::string_view name;
  FactType type;
  bool is_set;  // several values (any one may match)
  std::string_view label;  // for explanations: "TPP", "destination"
};
const FactInfo& fact_info(Fact fact);
// Every fact, ordered by name: for output with sorted keys.
const std::array<Fact, kFactCount>& facts_by_name();
bool is_item_fact(Fact fact);

using FactMask = uint32_t;  // bit per Fact: which facts a condition reads

// Membership test over a symbol space (country, model, eccn, kind or movement ids).
// Inline bits rather than a heap vector: a membership test is one load from the node itself,
// with no pointer to chase on the screening path. Every symbol space fits (the loader refuses
// more than kMaxSymbols countries or catalog models).
inline constexpr uint16_t kMaxSymbols = 256;

class SymbolSet {
 public:
  void insert(uint16_t symbol) { words_[symbol >> 6] |= uint64_t{1} << (symbol & 63); }
  bool contains(uint16_t symbol) const { return symbol < kMaxSymbols && (words_[symbol >> 6] >> (symbol & 63) & 1); }
  void unite(const SymbolSet& other) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
  }

 private:
  std::array<uint64_t, kMaxSymbols / 64> words_{};
};

enum class Op : uint8_t { all, any, not_, ge, gt, le, lt, is, in, in_groups, always };

struct ConditionNode {
  Op op = Op::always;
  Fact fact = Fact::tpp;
  bool flag = false;     // for `is`
  uint32_t next = 0;     // index just past this node's subtree
  double number = 0;     // for comparisons
  SymbolSet symbols;     // for `in` (and `in_groups` once resolved)
  std::vector<std::string> groups;  // for `in_groups`: names as written, kept for explanations
  std::vector<std::string> symbol_names;  // for `in`: as written, kept for explanations
};

// Facts of one item, gathered once per item before rules run.
struct ItemFacts {
  ModelId model = kNoModel;
  std::span<const ModelId> models;  // the item's model and the models it contains
  // A model was named but is not in the catalog (it might be one a rule lists). An item named by
  // no model at all (a description with metrics) is simply none of the listed models.
  bool model_unknown = false;
  ItemKind kind = ItemKind::ic;
  Tri us_origin = Tri::unknown;
  // Whether US rules reach the item at all: yes when the shipment leaves the United States
  // (15 CFR 734.3(a)(1): every item in the US, whatever its origin) or the item is US-origin;
  // no for a foreign-made item leaving another country (de minimis and the foreign direct
  // product rules are not modelled); unknown when its origin is not known.
  Tri subject_to_ear = Tri::unknown;
  bool catalogued = false;  // the item names a catalog model (an identified product)
  Tri datacenter = Tri::unknown;
  double tpp = kUnknown, performance_density = kUnknown, die_area_mm2 = kUnknown,
         interconnect_gbps = kUnknown, memory_bandwidth_gbps = kUnknown,
         memory_bandwidth_density = kUnknown, quantity = 1;
  Eccn eccn = Eccn::none;
  bool eccn_unknown = false;
};

// Facts of the shipment as seen on one movement.
struct MovementFacts {
  CountryId origin = kNoCountry, destination = kNoCountry, at = kNoCountry;
  MovementKind movement = MovementKind::export_;
  std::span<const CountryId> party_headquarters;
  bool party_headquarters_unknown = false;  // a party was named without its headquarters
  CountryId exporter_headquarters = kNoCountry;
  double shipment_total_tpp = kUnknown;
  // This shipment's TPP plus that of the consignee's earlier shipments of the calendar year the
  // store counted (Shipment::counted_shipments); unknown without a store or with any TPP unknown.
  double consignee_year_total_tpp = kUnknown;
};

class Condition {
 public:
  // The condition that always holds (a rule with no "when").
  Condition();
  explicit Condition(std::vector<ConditionNode> nodes);

  Tri evaluate(const ItemFacts* item, const MovementFacts& movement) const { return evaluate_at(0, item, movement); }
  // Evaluates the subtree rooted at node `index` (for explanations).
  Tri evaluate_at(uint32_t index, const ItemFacts* item, const MovementFacts& movement) const;
  FactMask reads() const { return reads_; }
  bool reads_item_facts() const;
  bool is_always() const { return nodes_.size() == 1 && nodes_[0].op == Op::always; }
  const std::vector<ConditionNode>& nodes() const { return nodes_; }
  std::vector<ConditionNode>& mutable_nodes() { return nodes_; }

 private:
  std::vector<ConditionNode> nodes_;
  FactMask reads_ = 0;
};

// Whether nobody supplied the fact: the cases in which a condition reading it can be unknown.
bool fact_is_unknown(Fact fact, const ItemFacts* item, const MovementFacts& movement);

// The value of a fact as text for explanations and traces: "15832", "CN", "true", "unknown".
std::string fact_value_text(Fact fact, const ItemFacts* item, const MovementFacts& movement,
                            std::span<const std::string> country_codes,
                            std::span<const std::string> model_names);

}  // namespace exportctl
