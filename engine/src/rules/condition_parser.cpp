#include "rules/condition_parser.hpp"

#include <string>
#include <vector>

#include "rules/value_readers.hpp"

namespace exportctl {
namespace {

std::optional<Fact> find_fact(std::string_view name) {
  for (int i = 0; i < kFactCount; ++i)
    if (fact_info(static_cast<Fact>(i)).name == name) return static_cast<Fact>(i);
  return std::nullopt;
}

void parse_nodes(const RuleSet& rules, const JsonAt& at, std::vector<ConditionNode>& nodes) {
  at.expect_object();
  size_t index = nodes.size();
  nodes.emplace_back();
  for (const char* connective : {"all", "any"}) {
    if (!at.has(connective)) continue;
    at.allow_only({connective});
    nodes[index].op = std::string_view(connective) == "all" ? Op::all : Op::any;
    JsonAt children = at.at(connective);
    if (children.size() == 0) children.fail("needs at least one condition");
    for (size_t i = 0; i < children.size(); ++i) parse_nodes(rules, children.at(i), nodes);
    nodes[index].next = static_cast<uint32_t>(nodes.size());
    return;
  }
  if (at.has("not")) {
    at.allow_only({"not"});
    nodes[index].op = Op::not_;
    parse_nodes(rules, at.at("not"), nodes);
    nodes[index].next = static_cast<uint32_t>(nodes.size());
    return;
  }
  std::string fact_name = at.string("fact");
  auto fact = find_fact(fact_name);
  if (!fact) at.at("fact").fail("unknown fact \"" + fact_name + "\"");
  const FactInfo& info = fact_info(*fact);
  ConditionNode& node = nodes[index];
  node.fact = *fact;
  node.next = static_cast<uint32_t>(index + 1);
  if (at.json().size() != 2) at.fail("a comparison has \"fact\" and exactly one operator");
  for (const auto& [op_name, value] : at.json().items()) {
    if (op_name == "fact") continue;
    JsonAt operand = at.at(op_name);
    if (op_name == ">=" || op_name == ">" || op_name == "<=" || op_name == "<") {
      if (info.type != FactType::number) operand.fail("fact \"" + fact_name + "\" is not a number");
      node.op = op_name == ">=" ? Op::ge : op_name == ">" ? Op::gt : op_name == "<=" ? Op::le : Op::lt;
      node.number = operand.as_number();
    } else if (op_name == "is") {
      if (info.type != FactType::boolean) operand.fail("fact \"" + fact_name + "\" is not true/false");
      node.op = Op::is;
      node.flag = operand.as_bool();
    } else if (op_name == "in") {
      if (info.type == FactType::number || info.type == FactType::boolean)
        operand.fail("\"in\" needs a fact with symbols");
      node.op = Op::in;
      if (operand.size() == 0) operand.fail("needs at least one value");
      for (size_t i = 0; i < operand.size(); ++i) {
        node.symbols.insert(parse_symbol(rules, info.type, operand.at(i)));
        node.symbol_names.push_back(operand.at(i).as_string());
      }
    } else if (op_name == "in_groups") {
      if (info.type != FactType::country) operand.fail("\"in_groups\" needs a country fact");
      node.op = Op::in_groups;
      if (operand.size() == 0) operand.fail("needs at least one group");
      for (size_t i = 0; i < operand.size(); ++i) {
        std::string group = operand.at(i).as_string();
        if (!rules.group_by_id.count(group)) operand.at(i).fail("unknown country group \"" + group + "\"");
        node.groups.push_back(group);
      }
    } else {
      operand.fail("unknown operator \"" + op_name + "\" (use >=, >, <=, <, is, in, in_groups)");
    }
  }
}

}  // namespace

uint16_t parse_symbol(const RuleSet& rules, FactType type, const JsonAt& at) {
  std::string text = at.as_string();
  switch (type) {
    case FactType::country: return read_country(rules, at);
    case FactType::model: {
      ModelId id = rules.find_model(text);
      if (id == kNoModel) at.fail("unknown catalog model \"" + text + "\"");
      return id;
    }
    case FactType::kind: return static_cast<uint16_t>(read_enum<ItemKind>(at, "kind"));
    case FactType::eccn: {
      auto eccn = text == "none" ? std::optional<Eccn>(Eccn::none) : parse_enum<Eccn>(text);
      if (!eccn) at.fail("unknown ECCN \"" + text + "\"");
      return static_cast<uint16_t>(*eccn);
    }
    case FactType::movement: return static_cast<uint16_t>(read_enum<MovementKind>(at, "movement"));
    case FactType::number:
    case FactType::boolean: break;
  }
  at.fail("this fact takes no list of symbols");
}

Condition parse_condition(const RuleSet& rules, const JsonAt& at, bool items_allowed) {
  std::vector<ConditionNode> nodes;
  parse_nodes(rules, at, nodes);
  Condition compiled(std::move(nodes));
  if (!items_allowed && compiled.reads_item_facts())
    at.fail("this condition is about the shipment and may not read item facts (put those under \"items\")");
  return compiled;
}

std::optional<Condition> parse_optional_condition(const RuleSet& rules, const JsonAt& parent, std::string_view key,
                                                  bool items_allowed) {
  if (auto at = parent.find(key)) return parse_condition(rules, *at, items_allowed);
  return std::nullopt;
}

}  // namespace exportctl
