// Why a license or permit does not cover a requirement, in words ("license D123456 expired on
// 2025-06-30") and as a stable code ("expired"), for the answer's "candidates".
#pragma once

#include <string>
#include <string_view>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

std::string_view candidate_problem_code(CandidateProblem problem);

void append_candidate_reason(const RuleSet& rules, const Shipment& shipment, const AuthorizationCandidate& candidate,
                             std::string& out);

}  // namespace exportctl
