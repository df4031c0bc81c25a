// Why a license or permit does not cover a requirement, or a notice does not meet it, in words
// ("license D123456 expired on 2025-06-30", "notice STS/2025/123 filed on 2025-07-22 is late: ...")
// and as a stable code ("expired", "late"), for the answer's "candidates".
#pragma once

#include <string>
#include <string_view>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

std::string_view candidate_problem_code(CandidateProblem problem);

// `candidate` is one of `requirement`'s (Requirement::candidates_begin) in `answer`.
void append_candidate_reason(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                             const Requirement& requirement, const AuthorizationCandidate& candidate, std::string& out);

}  // namespace exportctl
