#include "rules/condition.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace exportctl {
namespace {

constexpr std::array<FactInfo, kFactCount> kFacts{{
    {"model", FactType::model, false, "model"},
    {"models", FactType::model, true, "models"},
    {"kind", FactType::kind, false, "kind"},
    {"us_origin", FactType::boolean, false, "US origin"},
    {"datacenter", FactType::boolean, false, "datacenter"},
    {"tpp", FactType::number, false, "TPP"},
    {"performance_density", FactType::number, false, "PD"},
    {"die_area_mm2", FactType::number, false, "die area mm2"},
    {"interconnect_gbps", FactType::number, false, "interconnect GB/s"},
    {"memory_bandwidth_gbps", FactType::number, false, "memory bandwidth GB/s"},
    {"memory_bandwidth_density", FactType::number, false, "memory bandwidth density GB/s/mm2"},
    {"quantity", FactType::number, false, "quantity"},
    {"eccn", FactType::eccn, false, "ECCN"},
    {"subject_to_ear", FactType::boolean, false, "subject to the EAR"},
    {"catalogued", FactType::boolean, false, "catalogued model"},
    {"origin", FactType::country, false, "origin"},
    {"destination", FactType::country, false, "destination"},
    {"movement_country", FactType::country, false, "movement country"},
    {"movement", FactType::movement, false, "movement"},
    {"party_headquarters", FactType::country, true, "party headquarters"},
    {"exporter_headquarters", FactType::country, false, "exporter headquarters"},
    {"shipment_total_tpp", FactType::number, false, "shipment total TPP"},
    {"consignee_year_total_tpp", FactType::number, false, "consignee's TPP this calendar year"},
}};

Tri from_bool(bool value) { return value ? Tri::yes : Tri::no; }

double number_of(Fact fact, const ItemFacts* item, const MovementFacts& movement) {
  if (fact == Fact::shipment_total_tpp) return movement.shipment_total_tpp;
  if (fact == Fact::consignee_year_total_tpp) return movement.consignee_year_total_tpp;
  if (!item) return kUnknown;
  switch (fact) {
    case Fact::tpp: return item->tpp;
    case Fact::performance_density: return item->performance_density;
    case Fact::die_area_mm2: return item->die_area_mm2;
    case Fact::interconnect_gbps: return item->interconnect_gbps;
    case Fact::memory_bandwidth_gbps: return item->memory_bandwidth_gbps;
    case Fact::memory_bandwidth_density: return item->memory_bandwidth_density;
    case Fact::quantity: return item->quantity;
    default: return kUnknown;
  }
}

Tri compare(Op op, double value, double threshold) {
  if (std::isnan(value)) return Tri::unknown;
  switch (op) {
    case Op::ge: return from_bool(value >= threshold);
    case Op::gt: return from_bool(value > threshold);
    case Op::le: return from_bool(value <= threshold);
    case Op::lt: return from_bool(value < threshold);
    default: return Tri::unknown;
  }
}

// A comparison of a value known only to be at least `floor` (NaN: nothing known): decided when the
// floor alone settles it, else unknown.
Tri compare_at_least(Op op, double floor, double threshold) {
  if (std::isnan(floor)) return Tri::unknown;
  switch (op) {
    case Op::ge: return floor >= threshold ? Tri::yes : Tri::unknown;
    case Op::gt: return floor > threshold ? Tri::yes : Tri::unknown;
    case Op::le: return floor > threshold ? Tri::no : Tri::unknown;
    case Op::lt: return floor >= threshold ? Tri::no : Tri::unknown;
    default: return Tri::unknown;
  }
}

Tri compare_fact(Op op, Fact fact, const ItemFacts* item, const MovementFacts& movement, double threshold) {
  double value = number_of(fact, item, movement);
  // TPP is never negative, so a consignee's year is at least this shipment: one over the limit
  // alone is over it whatever earlier shipments were (or were not) counted.
  if (std::isnan(value) && fact == Fact::consignee_year_total_tpp)
    return compare_at_least(op, movement.shipment_total_tpp, threshold);
  return compare(op, value, threshold);
}

// `in` over a one-valued symbol fact; kNoCountry / kNoModel mean unknown.
Tri member(const SymbolSet& set, uint16_t symbol, uint16_t unknown_symbol) {
  if (symbol == unknown_symbol) return Tri::unknown;
  return from_bool(set.contains(symbol));
}

template <typename Symbol>
Tri any_member(const SymbolSet& set, std::span<const Symbol> symbols, bool some_unknown) {
  for (Symbol symbol : symbols)
    if (set.contains(symbol)) return Tri::yes;
  return some_unknown ? Tri::unknown : Tri::no;
}

Tri membership(const ConditionNode& node, const ItemFacts* item, const MovementFacts& movement) {
  const SymbolSet& set = node.symbols;
  switch (node.fact) {
    case Fact::origin: return member(set, movement.origin, kNoCountry);
    case Fact::destination: return member(set, movement.destination, kNoCountry);
    case Fact::movement_country: return member(set, movement.at, kNoCountry);
    case Fact::exporter_headquarters: return member(set, movement.exporter_headquarters, kNoCountry);
    case Fact::movement: return from_bool(set.contains(static_cast<uint16_t>(movement.movement)));
    case Fact::party_headquarters:
      return any_member(set, movement.party_headquarters, movement.party_headquarters_unknown);
    default: break;
  }
  if (!item) return Tri::unknown;
  switch (node.fact) {
    case Fact::model:
      if (item->model == kNoModel) return item->model_unknown ? Tri::unknown : Tri::no;
      return from_bool(set.contains(item->model));
    case Fact::models: return any_member(set, item->models, item->model_unknown);
    case Fact::kind: return from_bool(set.contains(static_cast<uint16_t>(item->kind)));
    case Fact::eccn:
      if (item->eccn_unknown) return Tri::unknown;
      return from_bool(set.contains(static_cast<uint16_t>(item->eccn)));
    default: return Tri::unknown;
  }
}

Tri boolean(const ConditionNode& node, const ItemFacts* item) {
  if (!item) return Tri::unknown;
  Tri value = node.fact == Fact::us_origin        ? item->us_origin
              : node.fact == Fact::subject_to_ear ? item->subject_to_ear
              : node.fact == Fact::catalogued     ? from_bool(item->catalogued)
                                                  : item->datacenter;
  if (value == Tri::unknown) return Tri::unknown;
  return from_bool((value == Tri::yes) == node.flag);
}

}  // namespace

const FactInfo& fact_info(Fact fact) { return kFacts[static_cast<size_t>(fact)]; }
const std::array<Fact, kFactCount>& facts_by_name() {
  static const std::array<Fact, kFactCount> sorted = [] {
    std::array<Fact, kFactCount> facts;
    for (int i = 0; i < kFactCount; ++i) facts[static_cast<size_t>(i)] = static_cast<Fact>(i);
    std::sort(facts.begin(), facts.end(), [](Fact a, Fact b) { return fact_info(a).name < fact_info(b).name; });
    return facts;
  }();
  return sorted;
}

bool is_item_fact(Fact fact) { return static_cast<int>(fact) < kFirstShipmentFact; }

Condition::Condition() : nodes_(1) { nodes_[0].next = 1; }

Condition::Condition(std::vector<ConditionNode> nodes) : nodes_(std::move(nodes)) {
  for (const ConditionNode& node : nodes_)
    if (node.op != Op::all && node.op != Op::any && node.op != Op::not_ && node.op != Op::always)
      reads_ |= FactMask{1} << static_cast<int>(node.fact);
}

bool Condition::reads_item_facts() const { return (reads_ & ((FactMask{1} << kFirstShipmentFact) - 1)) != 0; }

Tri Condition::evaluate_at(uint32_t index, const ItemFacts* item, const MovementFacts& movement) const {
  const ConditionNode& node = nodes_[index];
  switch (node.op) {
    case Op::always: return Tri::yes;
    case Op::all:
    case Op::any: {
      // Kleene logic: `all` is false if any child is false, `any` true if any child is true;
      // otherwise one unknown child makes the whole unknown.
      const Tri decisive = node.op == Op::all ? Tri::no : Tri::yes;
      bool unknown = false;
      for (uint32_t child = index + 1; child < node.next; child = nodes_[child].next) {
        Tri value = evaluate_at(child, item, movement);
        if (value == decisive) return decisive;
        unknown |= value == Tri::unknown;
      }
      if (unknown) return Tri::unknown;
      return node.op == Op::all ? Tri::yes : Tri::no;
    }
    case Op::not_: {
      Tri value = evaluate_at(index + 1, item, movement);
      if (value == Tri::unknown) return value;
      return value == Tri::yes ? Tri::no : Tri::yes;
    }
    case Op::ge:
    case Op::gt:
    case Op::le:
    case Op::lt: return compare_fact(node.op, node.fact, item, movement, node.number);
    case Op::is: return boolean(node, item);
    case Op::in:
    case Op::in_groups: return membership(node, item, movement);
  }
  return Tri::unknown;
}

bool fact_is_unknown(Fact fact, const ItemFacts* item, const MovementFacts& movement) {
  switch (fact) {
    case Fact::origin: return movement.origin == kNoCountry;
    case Fact::destination: return movement.destination == kNoCountry;
    case Fact::movement_country: return movement.at == kNoCountry;
    case Fact::exporter_headquarters: return movement.exporter_headquarters == kNoCountry;
    case Fact::movement: return false;
    case Fact::party_headquarters: return movement.party_headquarters_unknown;
    case Fact::shipment_total_tpp: return std::isnan(movement.shipment_total_tpp);
    case Fact::consignee_year_total_tpp: return std::isnan(movement.consignee_year_total_tpp);
    default: break;
  }
  if (!item) return true;
  switch (fact) {
    case Fact::model: return item->model == kNoModel && item->model_unknown;
    case Fact::models: return item->model_unknown;
    case Fact::kind:
    case Fact::catalogued: return false;
    case Fact::us_origin: return item->us_origin == Tri::unknown;
    case Fact::subject_to_ear: return item->subject_to_ear == Tri::unknown;
    case Fact::datacenter: return item->datacenter == Tri::unknown;
    case Fact::eccn: return item->eccn_unknown;
    default: return std::isnan(number_of(fact, item, movement));
  }
}

std::string fact_value_text(Fact fact, const ItemFacts* item, const MovementFacts& movement,
                            std::span<const std::string> country_codes,
                            std::span<const std::string> model_names) {
  auto country = [&](CountryId id) -> std::string {
    return id == kNoCountry ? "unknown" : country_codes[id];
  };
  auto number = [](double value) -> std::string {
    if (std::isnan(value)) return "unknown";
    char buffer[32];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
  };
  auto tri = [](Tri value) -> std::string {
    return value == Tri::unknown ? "unknown" : value == Tri::yes ? "true" : "false";
  };
  switch (fact) {
    case Fact::origin: return country(movement.origin);
    case Fact::destination: return country(movement.destination);
    case Fact::movement_country: return country(movement.at);
    case Fact::exporter_headquarters: return country(movement.exporter_headquarters);
    case Fact::movement: return std::string(name(movement.movement));
    case Fact::shipment_total_tpp: return number(movement.shipment_total_tpp);
    case Fact::consignee_year_total_tpp: return number(movement.consignee_year_total_tpp);
    case Fact::party_headquarters: {
      std::string text;
      for (CountryId id : movement.party_headquarters) {
        if (!text.empty()) text += ',';
        text += country(id);
      }
      if (movement.party_headquarters_unknown) text += text.empty() ? "unknown" : ",unknown";
      return text.empty() ? "none" : text;
    }
    default: break;
  }
  if (!item) return "unknown";
  switch (fact) {
    case Fact::model:
      if (item->model == kNoModel) return item->model_unknown ? "unknown" : "none";
      return model_names[item->model];
    case Fact::models: {
      std::string text;
      for (ModelId id : item->models) {
        if (!text.empty()) text += ',';
        text += model_names[id];
      }
      if (item->model_unknown) text += text.empty() ? "unknown" : ",unknown";
      return text.empty() ? "none" : text;
    }
    case Fact::kind: return std::string(name(item->kind));
    case Fact::us_origin: return tri(item->us_origin);
    case Fact::subject_to_ear: return tri(item->subject_to_ear);
    case Fact::catalogued: return item->catalogued ? "true" : "false";
    case Fact::datacenter: return tri(item->datacenter);
    case Fact::eccn: return item->eccn_unknown ? "unknown" : item->eccn == Eccn::none ? "none" : std::string(name(item->eccn));
    default: return number(number_of(fact, item, movement));
  }
}

}  // namespace exportctl
