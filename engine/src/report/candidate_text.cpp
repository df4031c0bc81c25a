#include "report/candidate_text.hpp"

#include <cmath>
#include <cstdio>

#include "report/append_text.hpp"
#include "report/explain.hpp"

namespace exportctl {
namespace {

void append_amount(double amount, std::string& out) {
  char text[40];
  std::snprintf(text, sizeof text, "%.15g", amount);
  out += text;
}

// The reasons a license and a notice share: the destination or consignees it names.
void append_party_reason(const RuleSet& rules, const Shipment& shipment, CandidateProblem problem, std::string& out) {
  if (problem == CandidateProblem::destination) {
    out += " does not name ";
    append_country(rules, shipment.destination, out);
    return;
  }
  out += " names other consignees than the shipment's ultimate consignee";
  bool named = false;
  for (const Party& party : shipment.parties)
    if (party.role == PartyRole::ultimate_consignee) {
      out += named ? ", " : " (";
      out += party.name;
      named = true;
    }
  out += named ? ")" : " (the shipment names none)";
}

// "notice STS/2025/123 filed on 2025-07-22" and why it does not meet the requirement: the
// requirement's deadline for a late one, the exception's number for a wrong reference.
void append_notice_reason(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                          const Requirement& requirement, const AuthorizationCandidate& candidate, std::string& out) {
  const Notice& notice = shipment.notices[static_cast<size_t>(candidate.notice)];
  out += "notice ";
  out += notice.reference.empty() ? "(no reference)" : notice.reference;
  out += " filed on ";
  append_date(notice.filed_on, out);
  switch (candidate.problem) {
    case CandidateProblem::late: {
      const Movement& movement = answer.movements[static_cast<size_t>(requirement.movement)];
      out += " is late: the requirement needs it ";
      if (requirement.deadline) {
        out += "by ";
        append_date(*requirement.deadline, out);
        out += " (";
      } else {
        out += "before 0001-01-01, the first day the engine computes (";
      }
      append_integer(requirement.notice_days, out);
      out += " days before the movement on ";
      append_date(movement.date, out);
      out += ')';
      break;
    }
    case CandidateProblem::reference:
      // Only an exception's notice has a reference pattern (rule_loader.cpp).
      out += " does not carry the authorization number ";
      out += name(requirement.exception_rule->rule->authority);
      out += " issues for ";
      out += rules.loaded(*requirement.exception_rule).content.exception_name;
      break;
    default:
      append_party_reason(rules, shipment, candidate.problem, out);
      break;
  }
}

}  // namespace

std::string_view candidate_problem_code(CandidateProblem problem) {
  switch (problem) {
    case CandidateProblem::not_yet_valid: return "not_yet_valid";
    case CandidateProblem::expired: return "expired";
    case CandidateProblem::destination: return "destination";
    case CandidateProblem::model: return "model";
    case CandidateProblem::consignee: return "consignee";
    case CandidateProblem::quantity: return "quantity";
    case CandidateProblem::value: return "value";
    case CandidateProblem::value_unknown: return "value_unknown";
    case CandidateProblem::late: return "late";
    case CandidateProblem::reference: return "reference";
  }
  return "expired";
}

void append_candidate_reason(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                             const Requirement& requirement, const AuthorizationCandidate& candidate, std::string& out) {
  if (candidate.notice >= 0) {
    append_notice_reason(rules, shipment, answer, requirement, candidate, out);
    return;
  }
  const Authorization& authorization = shipment.authorizations[static_cast<size_t>(candidate.authorization)];
  out += name(authorization.kind);
  out += ' ';
  out += authorization.number;
  switch (candidate.problem) {
    case CandidateProblem::not_yet_valid:
      out += " is valid only from ";
      out += to_string(authorization.valid_from);
      break;
    case CandidateProblem::expired:
      out += " expired on ";
      out += to_string(authorization.valid_to);
      break;
    case CandidateProblem::destination:
    case CandidateProblem::consignee:
      append_party_reason(rules, shipment, candidate.problem, out);
      break;
    case CandidateProblem::model: {
      const Item& item = shipment.items[static_cast<size_t>(candidate.item)];
      out += " does not name ";
      out += item.model != kNoModel ? rules.model_names[item.model] : item.model_name;
      out += " (item ";
      out += std::to_string(candidate.item);
      out += ')';
      break;
    }
    case CandidateProblem::quantity:
      out += " covers ";
      append_amount(authorization.quantity_limit, out);
      out += ", ";
      append_amount(authorization.quantity_used, out);
      out += " already used; this shipment needs ";
      append_amount(candidate.needed, out);
      break;
    case CandidateProblem::value:
      out += " covers USD ";
      append_amount(authorization.value_limit, out);
      out += ", ";
      append_amount(authorization.value_used, out);
      out += " already used; this shipment needs ";
      append_amount(candidate.needed, out);
      break;
    case CandidateProblem::value_unknown:
      out += " has a value limit and an item it names states no unit_value_usd";
      break;
    case CandidateProblem::late:
    case CandidateProblem::reference:
      break;  // a notice's reasons (append_notice_reason)
  }
}

}  // namespace exportctl
