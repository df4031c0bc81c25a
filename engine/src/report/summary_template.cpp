#include "report/summary_template.hpp"

#include <string_view>

#include "report/explain.hpp"

namespace exportctl {
namespace {

// Each class of the requirement's items once, in class order; "items" for items of no class.
void append_classes(const Determination& answer, const Requirement& requirement, std::string& out) {
  uint32_t seen = 0;  // bit per Eccn
  for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k)
    seen |= 1u << static_cast<int>(answer.items[answer.item_indexes[k]].eccn);
  bool first = true;
  for (int e = 0; e < kEccnCount; ++e) {
    if (!(seen >> e & 1)) continue;
    if (!first) out += '/';
    first = false;
    out += e == 0 ? std::string_view("items") : name(static_cast<Eccn>(e));
  }
}

}  // namespace

void append_summary(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                    const Requirement& requirement, std::string& out) {
  const std::string& summary = requirement.rule->summary;
  const Movement& movement = answer.movements[requirement.movement];
  for (size_t i = 0; i < summary.size(); ++i) {
    if (summary[i] != '{') {
      // Plain text up to the next placeholder in one append.
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
    else if (field == "classes") append_classes(answer, requirement, out);
    else out.append(summary, i, close - i + 1);
    i = close;
  }
}

}  // namespace exportctl
