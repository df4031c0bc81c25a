#include "report/html_report.hpp"

#include "exportctl/version.hpp"
#include "report/append_text.hpp"
#include "report/basis.hpp"
#include "report/candidate_text.hpp"
#include "report/counted_text.hpp"
#include "report/deadline_text.hpp"
#include "report/explain.hpp"
#include "report/html_text.hpp"
#include "report/timeline_svg.hpp"
#include "report/trace_facts.hpp"
#include "report/vocabulary_words.hpp"

namespace exportctl {
namespace {

// Appends each part escaped.
template <typename... Parts>
void text(std::string& out, const Parts&... parts) {
  (append_html(std::string_view(parts), out), ...);
}

// A symbol beside the verdict's words and colour, so that none of the three carries it alone.
const char* verdict_symbol(Verdict verdict) {
  switch (verdict) {
    case Verdict::cleared: return "\u2713";          // check mark
    case Verdict::action_required: return "!";
    case Verdict::prohibited: return "\u2715";       // multiplication x
    case Verdict::indeterminate: return "?";
  }
  return "?";
}

const char* verdict_meaning(Verdict verdict) {
  switch (verdict) {
    case Verdict::cleared: return "Nothing outstanding under the rules screened.";
    case Verdict::action_required: return "Something must be obtained or filed before the shipment may leave.";
    case Verdict::prohibited: return "No authorization can make this shipment lawful.";
    case Verdict::indeterminate: return "Facts are missing to decide; supply them and screen again.";
  }
  return "";
}

const char* what_to_do(const Requirement& requirement) {
  switch (requirement.status) {
    case RequirementStatus::missing:
      switch (requirement.kind) {
        case RequirementKind::license: return "Apply for the license (or meet the exception named) before shipping.";
        case RequirementKind::permit: return "Obtain the permit before the movement.";
        case RequirementKind::notification: return "File the notice by the deadline, or move the shipment later.";
        case RequirementKind::prohibition: return "Do not ship.";
        case RequirementKind::advisory: return "Review.";
      }
      return "";
    case RequirementStatus::late:
      return requirement.exception_rule ? "Ship on or after the date the notice period allows, or obtain the license."
                                        : "Move the movement to the date the notice period allows.";
    case RequirementStatus::advisory: return "No filing needed; check for knowledge of a restricted end use.";
    default: return "Nothing further.";
  }
}

void row(std::string& out, std::string_view term, std::string_view value) {
  out += "<dt>";
  text(out, term);
  out += "</dt><dd>";
  text(out, value);
  out += "</dd>";
}

std::string country(const RuleSet& rules, CountryId id) {
  std::string out;
  append_country(rules, id, out);
  return out;
}

void write_route(const RuleSet& rules, const Shipment& shipment, const Determination& answer, std::string& out) {
  out += "<dl class=\"shipment-facts\">";
  row(out, "Ship date", to_string(answer.ship_date));
  std::string route = country(rules, shipment.origin);
  for (const Stop& stop : shipment.via) {
    route += " \u2192 ";
    route += country(rules, stop.country);
    route += " (" + std::string(name(stop.activity)) + ", " + to_string(stop.date) + ")";
  }
  route += " \u2192 " + country(rules, shipment.destination);
  row(out, "Route", route);
  if (shipment.exporter.given) {
    std::string exporter = shipment.exporter.name.empty() ? "(no name)" : shipment.exporter.name;
    if (shipment.exporter.country != kNoCountry) exporter += ", " + country(rules, shipment.exporter.country);
    if (shipment.exporter.headquarters != kNoCountry)
      exporter += "; headquarters " + country(rules, shipment.exporter.headquarters);
    row(out, "Exporter", exporter);
  }
  for (const Party& party : shipment.parties) {
    std::string who = party.name.empty() ? "(no name)" : party.name;
    if (party.country != kNoCountry) who += ", " + country(rules, party.country);
    who += party.headquarters != kNoCountry ? "; headquarters (ultimate parent) " + country(rules, party.headquarters)
                                            : "; headquarters not stated";
    std::string role = spaced(name(party.role));
    role[0] = static_cast<char>(role[0] - 'a' + 'A');
    row(out, role, who);
  }
  for (const Notice& notice : shipment.notices)
    row(out, "Notice on file",
        std::string(name(notice.authority)) + ", filed " + to_string(notice.filed_on) +
            (notice.reference.empty() ? "" : ", reference " + notice.reference));
  for (const Authorization& authorization : shipment.authorizations) {
    std::string held = std::string(name(authorization.authority)) + " " + std::string(name(authorization.kind)) + " " +
                       authorization.number;
    if (authorization.valid_from != kMinDate) held += ", from " + to_string(authorization.valid_from);
    if (authorization.valid_to != kMaxDate) held += " to " + to_string(authorization.valid_to);
    row(out, "Authorization on file", held);
  }
  row(out, "Rules", answer.known_on ? "as known on " + to_string(*answer.known_on) : std::string("as recorded"));
  out += "</dl>";
}

void write_timeline(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                    const ReportOptions& options, std::string_view section_id, std::string& out) {
  std::vector<TimelineEvent> events = timeline_events(rules, shipment, answer, options);
  std::string title_id = std::string(section_id) + "-timeline";
  out += "<h3 id=\"";
  text(out, title_id);
  out += "\">Timeline</h3><figure class=\"timeline-figure\">";
  append_timeline_svg(events, title_id, out);
  out += "<figcaption><ol class=\"timeline-list\">";
  for (const TimelineEvent& event : events) {
    out += "<li class=\"";
    out += shipment_mark(event.mark) ? "tl-item-shipment" : "tl-item-rule";
    out += "\"><time>";
    append_date(event.date, out);
    out += "</time> ";
    text(out, event.label);
    if (options.today && event.mark != TimelineMark::today) {
      out += " (";
      std::string relative;
      append_days_from(event.date, *options.today, relative);
      text(out, relative);
      out += ")";
    }
    out += "</li>";
  }
  out += "</ol>";
  if (!events.empty())
    out += "<p class=\"timeline-note\">Rule changes shown: within " + std::to_string(kTimelineRuleWindowDays) +
           " days of the ship date, as the rules were known.</p>";
  out += "</figcaption></figure>";
}

void write_items(const RuleSet& rules, const Shipment& shipment, const Determination& answer, std::string& out) {
  out += "<h3>Items</h3><table class=\"items\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Item</th>"
         "<th scope=\"col\">Quantity</th><th scope=\"col\">US class</th><th scope=\"col\">Why</th>"
         "<th scope=\"col\">Rule</th></tr></thead><tbody>";
  std::string scratch;
  for (size_t i = 0; i < answer.items.size(); ++i) {
    const ItemClassification& item = answer.items[i];
    const Item& given = shipment.items[i];
    out += "<tr><td>";
    append_integer(static_cast<long long>(i), out);
    out += "</td><td>";
    text(out, given.model != kNoModel ? rules.model_names[given.model]
              : given.model_name.empty() ? given.description
                                          : given.model_name);
    out += "</td><td>";
    scratch.clear();
    append_number(given.quantity, scratch);
    text(out, scratch);
    out += "</td><td>";
    text(out, item.indeterminate ? "indeterminate" : item.eccn == Eccn::none ? "not 3A090/4A090" : name(item.eccn));
    out += "</td><td>";
    scratch.clear();
    append_basis(rules, shipment, i, item, BasisCache::this_thread(), scratch);
    text(out, scratch);
    out += "</td><td>";
    if (item.rule) text(out, item.rule->rule->id, " v", std::to_string(item.rule->number));
    out += "</td></tr>";
  }
  out += "</tbody></table>";
}

void write_requirement(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                       const Requirement& requirement, const ReportOptions& options, std::string& out) {
  const RuleVersion& rule = *requirement.rule;
  std::string_view status = name(requirement.status);
  out += "<li class=\"requirement status-";
  out += status;
  out += "\"><h4><span class=\"status-badge status-";
  out += status;
  out += "\">";
  text(out, upper(status));
  out += "</span> ";
  text(out, name(rule.rule->authority), " ", name(requirement.kind));
  out += "</h4><dl>";
  std::string scratch;
  append_leg(rules, shipment, answer.movements[requirement.movement], scratch);
  row(out, "Leg", scratch);
  scratch.clear();
  for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k) {
    if (k > requirement.items_begin) scratch += ", ";
    append_integer(answer.item_indexes[k], scratch);
  }
  row(out, "Items", scratch);
  scratch.clear();
  append_explanation(rules, shipment, answer, requirement, scratch);
  row(out, "Why", scratch);
  for (uint32_t k = requirement.candidates_begin; k < requirement.candidates_end; ++k) {
    scratch.clear();
    append_candidate_reason(rules, shipment, answer, requirement, answer.candidates[k], scratch);
    row(out, "Not covering", scratch);
  }
  scratch.clear();
  if (append_counted_text(shipment, requirement, scratch)) row(out, "LPP annual count", scratch);
  row(out, "What to do", what_to_do(requirement));
  scratch.clear();
  if (append_deadline(rules, requirement, options.today, scratch)) {
    out += "<dt>Deadline</dt><dd class=\"deadline";
    if (deadline_overdue(requirement, options.today)) out += " overdue";
    out += "\">";
    text(out, scratch);
    out += "</dd>";
  }
  if (requirement.review_policy != ReviewPolicy::none) row(out, "Review policy", spaced(name(requirement.review_policy)));
  row(out, "Rule",
      rule.rule->id + " version " + std::to_string(rule.number) + " (" + std::string(name(rule.confidence)) +
          " source; in effect from " + to_string(rule.valid_from) + ", known from " + to_string(rule.known_from) + ")");
  out += "<dt>Citation</dt><dd class=\"citation\">";
  text(out, rule.citation);
  if (!rule.source_url.empty()) {
    out += "<br>";
    if (linkable_url(rule.source_url)) {
      out += "<a href=\"";
      text(out, rule.source_url);
      out += "\">";
      text(out, rule.source_url);
      out += "</a>";
    } else {
      text(out, rule.source_url);
    }
  }
  out += "</dd>";
  if (!rule.notes.empty()) row(out, "Note", rule.notes);
  out += "</dl></li>";
}

void write_trace(const RuleSet& rules, const Shipment& shipment, const Determination& answer, std::string& out) {
  out += "<h3>Trace</h3><p>";
  append_integer(static_cast<long long>(answer.trace.size()), out);
  out += " rule versions consulted, in order, with the facts each read.</p><table class=\"trace\"><thead><tr>"
         "<th scope=\"col\">#</th><th scope=\"col\">Rule</th><th scope=\"col\">Asked about</th>"
         "<th scope=\"col\">Outcome</th><th scope=\"col\">Facts read</th></tr></thead><tbody>";
  TraceShipment traced;
  gather_trace_shipment(rules, shipment, traced);
  std::vector<std::pair<std::string_view, std::string>> facts;
  std::string scratch;
  for (size_t t = 0; t < answer.trace.size(); ++t) {
    const TraceEntry& entry = answer.trace[t];
    out += "<tr><td>";
    append_integer(static_cast<long long>(t + 1), out);
    out += "</td><td>";
    text(out, entry.rule->rule->id, " v", std::to_string(entry.rule->number));
    out += "</td><td>";
    scratch.clear();
    if (entry.movement >= 0) append_leg(rules, shipment, answer.movements[static_cast<size_t>(entry.movement)], scratch);
    else scratch += "classification";
    if (entry.item >= 0) scratch += "; item " + std::to_string(entry.item);
    text(out, scratch);
    out += "</td><td>";
    text(out, spaced(trace_outcome_name(entry.outcome)));
    out += "</td><td>";
    trace_entry_facts(rules, shipment, answer, traced, entry, facts);
    for (size_t f = 0; f < facts.size(); ++f) text(out, f ? ", " : "", facts[f].first, " = ", facts[f].second);
    out += "</td></tr>";
  }
  out += "</tbody></table>";
}

}  // namespace

void write_html_head(const RuleSet& rules, std::string_view title, const ReportOptions& options, std::string& out) {
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
  text(out, title);
  out += "</title><style>";
  out += record_style();
  out += "</style></head><body><main class=\"record\"><header class=\"record-head\"><h1>Export screening record</h1><p>";
  text(out, "exportctl ", kEngineVersion, " (contract ", kContractVersion, "); rules ", rules.digest);
  if (options.today) text(out, "; deadlines counted from ", to_string(*options.today), " (today)");
  out += "</p></header>";
}

void write_html_shipment(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                         const ReportOptions& options, std::string_view section_id, std::string& out) {
  std::string_view verdict = name(answer.verdict);
  out += "<section class=\"shipment verdict-";
  out += verdict;
  out += "\" id=\"";
  text(out, section_id);
  out += "\" data-verdict=\"";
  out += verdict;
  out += "\" aria-labelledby=\"";
  text(out, section_id);
  out += "-title\"><h2 id=\"";
  text(out, section_id);
  out += "-title\"><span class=\"verdict-badge verdict-";
  out += verdict;
  out += "\"><span aria-hidden=\"true\">";
  out += verdict_symbol(answer.verdict);
  out += "</span> ";
  text(out, upper(verdict));
  out += "</span> <span class=\"shipment-id\">";
  text(out, shipment.id.empty() ? std::string("(no id)") : "Shipment " + shipment.id);
  out += "</span></h2><p class=\"verdict-meaning\">";
  text(out, verdict_meaning(answer.verdict));
  if (answer.earliest_ship_date) {
    text(out, " It may ship from ", to_string(*answer.earliest_ship_date));
    if (options.today) {
      std::string relative;
      append_days_from(*answer.earliest_ship_date, *options.today, relative);
      text(out, " (", relative, ")");
    }
    out += ".";
  }
  out += "</p>";
  write_route(rules, shipment, answer, out);
  write_timeline(rules, shipment, answer, options, section_id, out);
  write_items(rules, shipment, answer, out);
  out += "<h3>Requirements</h3>";
  if (answer.requirements.empty()) out += "<p>None.</p>";
  else out += "<ol class=\"requirements\">";
  for (const Requirement& requirement : answer.requirements)
    write_requirement(rules, shipment, answer, requirement, options, out);
  if (!answer.requirements.empty()) out += "</ol>";
  if (!answer.warnings.empty()) {
    out += "<h3>Warnings</h3><ul class=\"warnings\">";
    std::string scratch;
    for (const Warning& warning : answer.warnings) {
      scratch.clear();
      append_warning_message(rules, shipment, answer, warning, scratch);
      out += "<li>";
      text(out, scratch);
      out += "</li>";
    }
    out += "</ul>";
  }
  if (options.trace) write_trace(rules, shipment, answer, out);
  out += "<p class=\"rules-line\">";
  text(out, "Rules ", rules.digest, " (", std::to_string(answer.rule_versions), " versions");
  text(out, answer.known_on ? ", as known on " + to_string(*answer.known_on) + ")" : std::string(", as recorded)"));
  out += "</p><p class=\"disclaimer\">";
  text(out, kDisclaimer);
  out += "</p></section>";
}

void write_html_error(uint64_t line, std::string_view message, std::string& out) {
  out += "<section class=\"shipment input-error\" id=\"line-";
  append_integer(static_cast<long long>(line), out);
  out += "\" data-verdict=\"error\"><h2><span class=\"verdict-badge verdict-error\">NOT SCREENED</span> Input line ";
  append_integer(static_cast<long long>(line), out);
  out += "</h2><p class=\"error-message\">";
  text(out, message);
  out += "</p></section>";
}

void write_html_foot(std::string& out) { out += "</main></body></html>\n"; }

void write_html_document(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                         const ReportOptions& options, std::string& out) {
  write_html_head(rules, "Screening record: " + (shipment.id.empty() ? std::string("(no id)") : shipment.id), options, out);
  write_html_shipment(rules, shipment, answer, options, "shipment-1", out);
  write_html_foot(out);
}

}  // namespace exportctl
