#include "report/explain.hpp"

#include <charconv>
#include <unordered_map>
#include <cmath>

#include "classify/classify.hpp"
#include "rules/timeline.hpp"

namespace exportctl {
namespace {

void append_number(double value, std::string& out) {
  char buffer[32];
  // Figures from datasheets: two decimals are plenty, and trailing zeros are noise.
  double rounded = std::round(value * 100) / 100;
  auto end = std::to_chars(buffer, buffer + sizeof buffer, rounded).ptr;
  out.append(buffer, end);
}

// Without the temporary std::string of std::to_string.
void append_integer(long long value, std::string& out) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void append_date(Date date, std::string& out) {
  char buffer[10];
  format_date(date, buffer);
  out.append(buffer, 10);
}

const char* op_text(Op op) {
  switch (op) {
    case Op::ge: return " >= ";
    case Op::gt: return " > ";
    case Op::le: return " <= ";
    case Op::lt: return " < ";
    default: return " ";
  }
}

MovementFacts no_movement() { return MovementFacts{}; }

// Renders the parts of a condition that made it hold: for `all`, every child; for `any`, the
// first child that holds.
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
        // "kind in ic" guards say which items a class is about; they explain nothing.
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


}  // namespace

void append_country(const RuleSet& rules, CountryId country, std::string& out) {
  if (country == kNoCountry) {
    out += "unknown";
    return;
  }
  out += rules.countries[country].name;
  out += " (";
  out += rules.countries[country].code;
  out += ')';
}

void append_leg(const RuleSet& rules, const Shipment& shipment, const Movement& movement, std::string& out) {
  if (movement.kind == MovementKind::export_) {
    out += rules.country_codes[shipment.origin];
    out += "->";
    out += rules.country_codes[shipment.destination];
    return;
  }
  out += "via ";
  out += rules.country_codes[movement.at];
  out += movement.kind == MovementKind::transit ? " (transit)" : " (transshipment)";
}

void append_unknown_facts(const RuleSet& rules, const Condition& condition, const ItemFacts* item,
                          const MovementFacts& movement, std::string& out) {
  bool first = true;
  for (int f = 0; f < kFactCount; ++f) {
    if (!(condition.reads() >> f & 1)) continue;
    Fact fact = static_cast<Fact>(f);
    std::string value = fact_value_text(fact, item, movement, rules.country_codes, rules.model_names);
    if (value.find("unknown") == std::string::npos) continue;
    if (!first) out += ", ";
    first = false;
    out += fact_info(fact).name;
  }
  if (first) out += "a fact";
}

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

struct BasisKey {
  const RuleVersion* rule;
  ModelId model;
  int16_t class_index;
  Eccn eccn;
  bool indeterminate;
  bool operator==(const BasisKey&) const = default;
};

struct BasisKeyHash {
  size_t operator()(const BasisKey& key) const {
    return std::hash<const void*>()(key.rule) ^ (size_t{key.model} << 20) ^ (size_t(uint16_t(key.class_index)) << 40) ^
           (size_t(key.eccn) << 56) ^ key.indeterminate;
  }
};

void append_basis_of(const RuleSet& rules, const Shipment& shipment, size_t item_index, const ItemClassification& result,
                     std::string& out);

}  // namespace

void append_basis(const RuleSet& rules, const Shipment& shipment, size_t item_index, const ItemClassification& result,
                  std::string& out) {
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
  // Batch writes a basis for every item, and most are plain catalog models: deriving their facts
  // and walking the condition again cost about a tenth of a shipment's output. The cache is per
  // thread and per rule set (the digest stands for the content).
  thread_local std::string cached_digest;
  thread_local std::unordered_map<BasisKey, std::string, BasisKeyHash> cache;
  if (cached_digest != rules.digest) {
    cache.clear();
    cached_digest = rules.digest;
  }
  BasisKey key{result.rule, item.model, result.class_index, result.eccn, result.indeterminate};
  auto found = cache.find(key);
  if (found == cache.end()) {
    std::string text;
    append_basis_of(rules, shipment, item_index, result, text);
    found = cache.emplace(key, std::move(text)).first;
  }
  out += found->second;
}

namespace {

// The basis from the item's facts: what the deciding class read, or why nothing was decided.
void append_basis_of(const RuleSet& rules, const Shipment& shipment, size_t item_index, const ItemClassification& result,
                     std::string& out) {
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
  MovementFacts movement = no_movement();
  if (result.indeterminate) {
    out += "cannot classify: missing ";
    append_unknown_facts(rules, classes[static_cast<size_t>(result.class_index)].when, &facts, movement, out);
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

void append_explanation(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                        const Requirement& requirement, std::string& out) {
  const RuleVersion& version = *requirement.rule;
  const Movement& movement = answer.movements[requirement.movement];
  // The summary may name {destination}, {leg} and {classes}.
  const std::string& summary = version.summary;
  for (size_t i = 0; i < summary.size(); ++i) {
    if (summary[i] != '{') {
      // Plain text up to the next placeholder in one append (char by char was most of the cost).
      size_t open = summary.find('{', i);
      if (open == std::string::npos) open = summary.size();
      out.append(summary, i, open - i);
      i = open - 1;
      continue;
    }
    size_t close = summary.find('}', i);
    if (close == std::string::npos) {  // the loader rejects this; never loop on it
      out.append(summary, i);
      break;
    }
    std::string_view field(summary.data() + i + 1, close - i - 1);
    if (field == "destination") append_country(rules, shipment.destination, out);
    else if (field == "leg") append_leg(rules, shipment, movement, out);
    else if (field == "classes") {
      uint32_t seen = 0;  // bit per Eccn, so each class is named once
      for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k)
        seen |= 1u << static_cast<int>(answer.items[answer.item_indexes[k]].eccn);
      bool first = true;
      for (int e = 0; e < kEccnCount; ++e) {
        if (!(seen >> e & 1)) continue;
        if (!first) out += '/';
        first = false;
        out += e == 0 ? std::string_view("items") : name(static_cast<Eccn>(e));
      }
    } else out.append(summary, i, close - i + 1);
    i = close;
  }
  out += ". ";
  auto notice_line = [&](const char* what) {
    const Notice& notice = shipment.notices[static_cast<size_t>(requirement.notice)];
    out += what;
    if (!notice.reference.empty()) {
      out += ' ';
      out += notice.reference;
    }
    out += " filed ";
    append_date(notice.filed_on, out);
    out += " is ";
    append_integer(movement.date - notice.filed_on, out);
    out += " days before the movement on ";
    append_date(movement.date, out);
    out += "; ";
    append_integer(requirement.notice_days, out);
    out += " are required";
  };
  switch (requirement.status) {
    case RequirementStatus::advisory:
      if (!requirement.exporter_bound)
        out += "This is-informed letter binds only the company it was sent to; for this exporter it is a "
               "knowledge-based risk, not a license requirement.";
      else
        out += "Advisory: no license or notice duty follows from it alone.";
      break;
    case RequirementStatus::satisfied:
      if (requirement.authorization >= 0) {
        out += requirement.kind == RequirementKind::permit ? "Permit " : "License ";
        out += shipment.authorizations[static_cast<size_t>(requirement.authorization)].number;
        out += " covers it.";
      } else {
        notice_line("Notice");
        out += ": on time.";
      }
      break;
    case RequirementStatus::exception: {
      out += "License Exception ";
      out += rules.loaded(*requirement.exception_rule).content.exception_name;
      out += " covers it";
      if (requirement.notice >= 0) {
        out += ": ";
        notice_line("notice");
        out += '.';
      } else {
        out += " without notification.";
      }
      break;
    }
    case RequirementStatus::late:
      if (requirement.exception_rule) {
        out += "License Exception ";
        out += rules.loaded(*requirement.exception_rule).content.exception_name;
        out += " covers it once its notice period has run. ";
      }
      notice_line("Notice");
      out += "; the last day to file was ";
      append_date(*requirement.deadline, out);
      if (requirement.ready_on) {
        out += "; the movement may take place from ";
        append_date(*requirement.ready_on, out);
      }
      out += '.';
      break;
    case RequirementStatus::missing:
      if (requirement.kind == RequirementKind::notification) {
        out += "No notice filed; file at least ";
        append_integer(requirement.notice_days, out);
        out += " days before the movement on ";
        append_date(movement.date, out);
        out += ", that is by ";
        append_date(*requirement.deadline, out);
        out += '.';
      } else if (requirement.kind == RequirementKind::prohibition) {
        out += "No authorization can make this movement lawful.";
      } else {
        out += requirement.kind == RequirementKind::permit ? "No permit on the shipment covers it; obtain one before the movement."
                                                           : "No license on the shipment covers it; obtain one before shipping.";
        if (requirement.exception_rule && requirement.deadline) {
          out += " Alternatively License Exception ";
          out += rules.loaded(*requirement.exception_rule).content.exception_name;
          out += " applies with a notice to US-BIS filed by ";
          append_date(*requirement.deadline, out);
          out += '.';
          if (requirement.notice >= 0) {
            const Notice& notice = shipment.notices[static_cast<size_t>(requirement.notice)];
            out += " The notice filed ";
            append_date(notice.filed_on, out);
            out += notice.reference.empty() ? " carries no reference" : " has reference \"" + notice.reference + "\"";
            out += ", not the authorization number BIS issues for it.";
          }
        }
      }
      break;
  }
}

void append_warning_message(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                            const Warning& warning, std::string& out) {
  switch (warning.code) {
    case WarningCode::unknown_model: {
      const Item& item = shipment.items[static_cast<size_t>(warning.item)];
      out += "model \"" + item.model_name + "\" is not in the catalog; ";
      out += answer.items[static_cast<size_t>(warning.item)].indeterminate
                 ? "supply its metrics (tpp, die_area_mm2, interconnect_gbps, datacenter) to classify it"
                 : "it was classified from the metrics given on the shipment";
      return;
    }
    case WarningCode::declared_eccn_differs: {
      const ItemClassification& item = answer.items[static_cast<size_t>(warning.item)];
      out += "declared ECCN " + shipment.items[static_cast<size_t>(warning.item)].declared_eccn;
      out += item.from_declaration ? " is more controlled than the metrics give; the declaration is used"
                                   : " differs from the computed class; the computed class is used";
      return;
    }
    case WarningCode::proposed_rule:
      out += "proposed, not binding: ";
      out += warning.rule->rule->title;
      out += " would require a ";
      out += name(warning.kind);
      out += " on leg ";
      append_leg(rules, shipment, answer.movements[warning.movement], out);
      out += " (" + warning.rule->citation + ")";
      return;
    case WarningCode::foreign_made_item:
      out += "item " + std::to_string(warning.item) + " is not US-origin and leaves ";
      out += rules.countries[shipment.origin].name;
      out += ", not the United States: US rules reach it only through de minimis (15 CFR 734.4) or a foreign "
             "direct product rule (15 CFR 734.9), which this screening does not evaluate; check them";
      return;
    case WarningCode::indeterminate: {
      out += "cannot decide whether ";
      out += warning.rule->rule->title;
      out += " applies to item " + std::to_string(warning.item);
      out += "; supply the missing facts";
      return;
    }
  }
}

}  // namespace exportctl
