#include "report/candidate_text.hpp"

#include <cmath>
#include <cstdio>

#include "report/explain.hpp"

namespace exportctl {
namespace {

void append_amount(double amount, std::string& out) {
  char text[40];
  std::snprintf(text, sizeof text, "%.15g", amount);
  out += text;
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
  }
  return "expired";
}

void append_candidate_reason(const RuleSet& rules, const Shipment& shipment, const AuthorizationCandidate& candidate,
                             std::string& out) {
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
      out += " does not name ";
      append_country(rules, shipment.destination, out);
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
    case CandidateProblem::consignee: {
      out += " names other consignees than the shipment's ultimate consignee";
      bool named = false;
      for (const Party& party : shipment.parties)
        if (party.role == PartyRole::ultimate_consignee) {
          out += named ? ", " : " (";
          out += party.name;
          named = true;
        }
      out += named ? ")" : " (the shipment names none)";
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
  }
}

}  // namespace exportctl
