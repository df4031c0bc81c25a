// The determination for a compliance officer: verdict first, then what each item is, then each
// requirement with what to do, its deadline counted from today, its citation and source, then
// warnings, the trace when asked for, and the disclaimer.
#include <cstdio>

#include "report/candidate_text.hpp"
#include "report/counted_text.hpp"
#include "report/basis.hpp"
#include "report/deadline_text.hpp"
#include "report/explain.hpp"
#include "report/reports.hpp"
#include "report/trace_facts.hpp"
#include "report/vocabulary_words.hpp"

namespace exportctl {
namespace {

// Appends each part in turn: plain `"literal" + std::string` trips a GCC 12 -Wrestrict false
// positive, and appending avoids the temporaries anyway.
template <typename... Parts>
void append(std::string& out, const Parts&... parts) {
  (out.append(std::string_view(parts)), ...);
}

const char* what_to_do(const Requirement& requirement) {
  switch (requirement.status) {
    case RequirementStatus::missing:
      switch (requirement.kind) {
        case RequirementKind::license: return "apply for the license (or meet the exception named) before shipping";
        case RequirementKind::permit: return "obtain the permit before the movement";
        case RequirementKind::notification: return "file the notice by the deadline, or move the shipment later";
        case RequirementKind::prohibition: return "do not ship";
        case RequirementKind::advisory: return "review";
      }
      return "";
    case RequirementStatus::late:
      return requirement.exception_rule ? "ship on or after the date the notice period allows, or obtain the license"
                                        : "move the movement to the date the notice period allows";
    case RequirementStatus::advisory: return "no filing needed; check for knowledge of a restricted end use";
    default: return "nothing further";
  }
}

// Each rule version consulted, what it was asked about, what it decided and the facts it read.
void append_trace(const RuleSet& rules, const Shipment& shipment, const Determination& answer, std::string& out) {
  append(out, "\nTrace (", std::to_string(answer.trace.size()), " rule versions consulted)\n");
  TraceShipment traced;
  gather_trace_shipment(rules, shipment, traced);
  std::vector<std::pair<std::string_view, std::string>> facts;
  for (size_t t = 0; t < answer.trace.size(); ++t) {
    const TraceEntry& entry = answer.trace[t];
    const RuleVersion& rule = *entry.rule;
    append(out, "  ", std::to_string(t + 1), ". ", rule.rule->id, " v", std::to_string(rule.number), " [");
    if (entry.movement >= 0) append_leg(rules, shipment, answer.movements[static_cast<size_t>(entry.movement)], out);
    else out += "classification";
    if (entry.item >= 0) append(out, "; item ", std::to_string(entry.item));
    append(out, "]: ", spaced(trace_outcome_name(entry.outcome)), " (valid from ", to_string(rule.valid_from));
    if (rule.valid_to != kMaxDate) append(out, " to ", to_string(rule.valid_to));
    append(out, ", known from ", to_string(rule.known_from), ")");
    trace_entry_facts(rules, shipment, answer, traced, entry, facts);
    for (size_t f = 0; f < facts.size(); ++f) append(out, f ? ", " : "; read ", facts[f].first, " = ", facts[f].second);
    out += "\n";
  }
}

// The report goes to a terminal, and ids, names and references come from the input: a control
// character (C0 but the line end, DEL, C1) is shown as an escape, so no input can move the
// cursor, retitle the window or hide a line. Done once on the whole report so no field is missed.
void escape_controls(std::string& out, size_t from) {
  auto c1_at = [](const std::string& text, size_t i) {  // U+0080..U+009F in UTF-8
    return static_cast<unsigned char>(text[i]) == 0xc2 && i + 1 < text.size() &&
           static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9f;
  };
  auto c0_at = [](const std::string& text, size_t i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    return (c < 0x20 && c != '\n') || c == 0x7f;
  };
  size_t i = from;
  while (i < out.size() && !c0_at(out, i) && !c1_at(out, i)) ++i;
  if (i == out.size()) return;
  std::string rest(out, i);
  out.resize(i);
  for (size_t k = 0; k < rest.size(); ++k) {
    unsigned code = static_cast<unsigned char>(rest[k]);
    bool control = c0_at(rest, k);
    if (c1_at(rest, k)) {
      control = true;
      code = static_cast<unsigned char>(rest[++k]);
    }
    if (!control) {
      out += rest[k];
    } else if (code == '\t') {
      out += "\\t";
    } else if (code == '\r') {
      out += "\\r";
    } else {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", code);
      out += buffer;
    }
  }
}

void write_report(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                  const ReportOptions& options, std::string& out) {
  append(out, "VERDICT: ", upper(name(answer.verdict)));
  if (answer.earliest_ship_date) {
    append(out, " (may ship from ", to_string(*answer.earliest_ship_date));
    if (options.today) {
      out += ", ";
      append_days_from(*answer.earliest_ship_date, *options.today, out);
    }
    out += ")";
  }
  append(out, "\nShipment ", shipment.id.empty() ? std::string("(no id)") : shipment.id, ", ship date ",
         to_string(answer.ship_date), ", ");
  append_country(rules, shipment.origin, out);
  out += " -> ";
  append_country(rules, shipment.destination, out);
  if (answer.known_on) append(out, ", rules as known on ", to_string(*answer.known_on));
  else out += ", rules as recorded";
  if (options.today) append(out, "\nDeadlines counted from ", to_string(*options.today), " (today)");
  out += "\n\nItems\n";
  for (size_t i = 0; i < answer.items.size(); ++i) {
    const ItemClassification& item = answer.items[i];
    const Item& given = shipment.items[i];
    append(out, "  [", std::to_string(i), "] ");
    out += given.model != kNoModel ? rules.model_names[given.model] : given.model_name.empty() ? given.description : given.model_name;
    out += ": US ";
    out += item.indeterminate ? "indeterminate" : item.eccn == Eccn::none ? "not 3A090/4A090" : std::string(name(item.eccn));
    out += " (";
    append_basis(rules, shipment, i, item, BasisCache::this_thread(), out);
    if (item.rule) append(out, "; ", item.rule->rule->id, " v", std::to_string(item.rule->number));
    out += ")\n";
  }
  out += "\nRequirements\n";
  if (answer.requirements.empty()) out += "  none\n";
  for (size_t r = 0; r < answer.requirements.size(); ++r) {
    const Requirement& requirement = answer.requirements[r];
    const RuleVersion& rule = *requirement.rule;
    append(out, "  ", std::to_string(r + 1), ". ", name(rule.rule->authority), " ", name(requirement.kind), ": ",
           upper(name(requirement.status)), " [");
    append_leg(rules, shipment, answer.movements[requirement.movement], out);
    out += "; items";
    for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k)
      append(out, " ", std::to_string(answer.item_indexes[k]));
    out += "]";
    if (requirement.review_policy != ReviewPolicy::none) append(out, " review: ", spaced(name(requirement.review_policy)));
    out += "\n     ";
    append_explanation(rules, shipment, answer, requirement, out);
    for (uint32_t k = requirement.candidates_begin; k < requirement.candidates_end; ++k) {
      out += "\n     Not covering: ";
      append_candidate_reason(rules, shipment, answer, requirement, answer.candidates[k], out);
    }
    std::string counted;
    if (append_counted_text(shipment, requirement, counted)) append(out, "\n     LPP annual count: ", counted);
    out += "\n     What to do: ";
    out += what_to_do(requirement);
    std::string deadline;
    if (append_deadline(rules, requirement, options.today, deadline)) append(out, "\n     Deadline: ", deadline);
    append(out, "\n     Cites: ", rule.citation, " (", rule.rule->id, " v", std::to_string(rule.number), ", ",
           name(rule.confidence), ")\n");
    if (!rule.source_url.empty()) append(out, "     Source: ", rule.source_url, "\n");
    if (!rule.notes.empty()) append(out, "     Note: ", rule.notes, "\n");
  }
  if (!answer.warnings.empty()) {
    out += "\nWarnings\n";
    for (const Warning& warning : answer.warnings) {
      out += "  - ";
      append_warning_message(rules, shipment, answer, warning, out);
      out += "\n";
    }
  }
  if (options.trace) append_trace(rules, shipment, answer, out);
  out += "\n";
  out += kDisclaimer;
  append(out, "\nRules ", rules.digest, " (", std::to_string(answer.rule_versions), " versions)\n");
}

}  // namespace

void write_determination_text(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                              const ReportOptions& options, std::string& out) {
  size_t from = out.size();
  write_report(rules, shipment, answer, options, out);
  escape_controls(out, from);
}

}  // namespace exportctl
