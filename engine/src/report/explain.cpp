#include "report/explain.hpp"

#include "classify/classify.hpp"
#include "decide/screen.hpp"
#include "report/append_text.hpp"
#include "report/summary_template.hpp"

namespace exportctl {
namespace {

// What the officer must supply for one unknown fact, in the shipment's own terms.
void append_missing_fact(const Shipment& shipment, Fact fact, size_t item, std::string& out) {
  switch (fact) {
    case Fact::party_headquarters: {
      out += "party headquarters (";
      if (shipment.parties.empty()) {
        out += "no party is listed: name the purchaser, consignees and end user, each with the country of its "
               "ultimate parent as headquarters";
      } else {
        bool first = true;
        for (size_t i = 0; i < shipment.parties.size(); ++i) {
          const Party& party = shipment.parties[i];
          if (party.headquarters != kNoCountry) continue;
          out += first ? "" : "; ";
          first = false;
          out += "parties[" + std::to_string(i) + "] (" + std::string(name(party.role));
          if (!party.name.empty()) out += " " + party.name;
          out += ") has no headquarters: give the country of its ultimate parent";
        }
      }
      out += ')';
      return;
    }
    case Fact::eccn:
      out += "the US classification of item " + std::to_string(item) + " (see its basis for the figures it lacks)";
      return;
    case Fact::us_origin:
    case Fact::subject_to_ear:
      out += "whether item " + std::to_string(item) + " is US-origin (us_origin)";
      return;
    case Fact::model:
    case Fact::models:
      out += "the model of item " + std::to_string(item) + ", which is not in the catalog";
      return;
    case Fact::exporter_headquarters:
      out += "the exporter's headquarters (exporter.headquarters)";
      return;
    case Fact::shipment_total_tpp:
      out += "the shipment's total TPP (an item's TPP is unknown)";
      return;
    case Fact::consignee_year_total_tpp:
      out += shipment.counted_shipments
                 ? "the ultimate consignee's total TPP this calendar year (a TPP of this or a counted shipment is "
                   "unknown)"
                 : "the ultimate consignee's total TPP this calendar year (screen with --db: the store counts the "
                   "recorded shipments to the consignee)";
      return;
    default:
      out += fact_info(fact).name;
      out += " of item " + std::to_string(item);
      return;
  }
}

// The facts a rule read for an item on a movement that nobody supplied, each with what to supply.
void append_missing_facts(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                          const Warning& warning, std::string& out) {
  const VersionContent& content = rules.loaded(*warning.rule).content;
  const FactMask reads = content.when.reads() | content.items.reads();
  const size_t index = static_cast<size_t>(warning.item);
  thread_local std::vector<ModelId> models;
  thread_local std::vector<CountryId> headquarters;
  models.clear();
  ItemFacts item = gather_item_facts(rules, shipment.items[index], shipment.origin, models);
  item.eccn = answer.items[index].eccn;
  item.eccn_unknown = answer.items[index].indeterminate;
  double total = 0;
  if (reads & (FactMask{1} << static_cast<int>(Fact::shipment_total_tpp) |
               FactMask{1} << static_cast<int>(Fact::consignee_year_total_tpp))) {
    for (const Item& each : shipment.items) {
      models.clear();
      ItemFacts facts = gather_item_facts(rules, each, shipment.origin, models);
      total += facts.tpp * facts.quantity;
    }
  }
  stated_headquarters(shipment, headquarters);
  MovementFacts movement = movement_facts(shipment, &answer.movements[warning.movement], headquarters, total);
  bool first = true;
  for (Fact fact : facts_by_name()) {
    if (!(reads >> static_cast<int>(fact) & 1) || !fact_is_unknown(fact, &item, movement)) continue;
    // us_origin and subject_to_ear ask the same question of the officer: say it once.
    if (fact == Fact::us_origin && (reads >> static_cast<int>(Fact::subject_to_ear) & 1)) continue;
    out += first ? ": it needs " : "; and ";
    first = false;
    append_missing_fact(shipment, fact, index, out);
  }
  if (first) out += "; supply the missing facts";
}

// "PREFIX DATE" for a requirement's last day to file. add_days keeps a deadline in the
// calendar, so it is missing only before 0001-01-01, which no date a shipment gives can reach.
void append_deadline(std::string_view prefix, const Requirement& requirement, std::string& out) {
  if (!requirement.deadline) return;
  out += prefix;
  append_date(*requirement.deadline, out);
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

void append_explanation(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                        const Requirement& requirement, std::string& out) {
  const Movement& movement = answer.movements[requirement.movement];
  append_summary(rules, shipment, answer, requirement, out);
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
        const Authorization& used = shipment.authorizations[static_cast<size_t>(requirement.authorization)];
        out += used.number;
        if (used.register_id > 0) {
          out += " (register entry ";
          out += std::to_string(used.register_id);
          out += ')';
        }
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
      append_deadline("; the last day to file was ", requirement, out);
      if (requirement.ready_on) {
        out += "; the movement may take place from ";
        append_date(*requirement.ready_on, out);
      } else {
        out += "; the notice period runs past 9999-12-31, the last day the engine computes";
      }
      out += '.';
      break;
    case RequirementStatus::missing:
      if (requirement.kind == RequirementKind::notification) {
        out += "No notice filed; file at least ";
        append_integer(requirement.notice_days, out);
        out += " days before the movement on ";
        append_date(movement.date, out);
        append_deadline(", that is by ", requirement, out);
        out += '.';
      } else if (requirement.kind == RequirementKind::prohibition) {
        out += "No authorization can make this movement lawful.";
      } else {
        out += requirement.kind == RequirementKind::permit ? "No permit on the shipment covers it; obtain one before the movement."
                                                           : "No license on the shipment covers it; obtain one before shipping.";
        if (requirement.exception_rule && requirement.deadline) {
          // The notice goes to the authority of the exception's rule (data, like every authority).
          std::string_view authority = name(requirement.exception_rule->rule->authority);
          out += " Alternatively License Exception ";
          out += rules.loaded(*requirement.exception_rule).content.exception_name;
          out += " applies with a notice to ";
          out += authority;
          append_deadline(" filed by ", requirement, out);
          out += '.';
          if (requirement.notice >= 0) {
            const Notice& notice = shipment.notices[static_cast<size_t>(requirement.notice)];
            out += " The notice filed ";
            append_date(notice.filed_on, out);
            out += notice.reference.empty() ? " carries no reference" : " has reference \"" + notice.reference + "\"";
            out += ", not the authorization number ";
            out += authority;
            out += " issues for it.";
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
    case WarningCode::metric_below_catalog:
      out += "item " + std::to_string(warning.item) + " (";
      out += rules.catalog[shipment.items[static_cast<size_t>(warning.item)].model].name;
      out += ") has a performance figure below the catalog's for that model; a lower figure can clear it, so the "
             "answer is at least indeterminate: check the figures against the data sheet";
      return;
    case WarningCode::indeterminate: {
      out += "cannot decide whether ";
      out += warning.rule->rule->title;
      out += " applies to item " + std::to_string(warning.item);
      append_missing_facts(rules, shipment, answer, warning, out);
      return;
    }
  }
}

}  // namespace exportctl
