#include "report/condition_text.hpp"

#include "report/append_text.hpp"

namespace exportctl {
namespace {

const char* op_text(Op op) {
  switch (op) {
    case Op::ge: return " >= ";
    case Op::gt: return " > ";
    case Op::le: return " <= ";
    case Op::lt: return " < ";
    default: return " ";
  }
}

}  // namespace

void append_holding(const RuleSet& rules, const Condition& condition, uint32_t index, const ItemFacts* item,
                    const MovementFacts& movement, std::string& out) {
  const auto& nodes = condition.nodes();
  const ConditionNode& node = nodes[index];
  auto holds = [&](uint32_t child) { return condition.evaluate_at(child, item, movement) == Tri::yes; };
  switch (node.op) {
    case Op::always: out += "always"; return;
    case Op::all: {
      bool first = true;
      for (uint32_t child = index + 1; child < node.next; child = nodes[child].next) {
        if (nodes[child].op == Op::in && nodes[child].fact == Fact::kind) continue;
        if (!first) out += " and ";
        first = false;
        append_holding(rules, condition, child, item, movement, out);
      }
      return;
    }
    case Op::any:
      for (uint32_t child = index + 1; child < node.next; child = nodes[child].next)
        if (holds(child)) {
          append_holding(rules, condition, child, item, movement, out);
          return;
        }
      out += "none of the alternatives";
      return;
    case Op::not_: {
      const ConditionNode& inner = nodes[index + 1];
      if (inner.op == Op::is) {
        out += fact_info(inner.fact).label;
        out += inner.flag ? " false" : " true";
        return;
      }
      out += "not (";
      append_holding(rules, condition, index + 1, item, movement, out);
      out += ")";
      return;
    }
    case Op::is:
      out += fact_info(node.fact).label;
      out += node.flag ? " true" : " false";
      return;
    default: break;
  }
  out += fact_info(node.fact).label;
  out += ' ';
  out += fact_value_text(node.fact, item, movement, rules.country_codes, rules.model_names);
  if (node.op == Op::in_groups || node.op == Op::in) {
    out += " in ";
    const auto& names = node.op == Op::in_groups ? node.groups : node.symbol_names;
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) out += '/';
      out += names[i];  // appended directly: no temporary string per name
    }
    return;
  }
  out += op_text(node.op);
  append_number(node.number, out);
}

void append_unknown_facts(const Condition& condition, const ItemFacts* item, const MovementFacts& movement,
                          std::string& out) {
  bool first = true;
  for (int f = 0; f < kFactCount; ++f) {
    if (!(condition.reads() >> f & 1)) continue;
    Fact fact = static_cast<Fact>(f);
    if (!fact_is_unknown(fact, item, movement)) continue;
    if (!first) out += ", ";
    first = false;
    out += fact_info(fact).name;
  }
  if (first) out += "a fact";
}

}  // namespace exportctl
