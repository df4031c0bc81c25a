// What the audit commands share. Replay, diff and recheck show an AnswerDifference with the same
// JSON keys and text lines, "before" being the recorded (or first) answer and "after" the new one.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "exportctl/store.hpp"

namespace exportctl::cli {

// {"verdict": {"before": .., "after": ..}, "requirements_removed": [..], "requirements_added": [..],
//  "rule_versions": [{"rule": .., "version": ..}]}; requirements as the determination has them.
nlohmann::json difference_json(const AnswerDifference& difference);

// "    verdict: cleared -> action_required\n    + US license missing: rule v1 (US->CN)\n" ...:
// the verdict, the earliest ship date if it changed, each requirement removed (-) or added (+),
// and each that changed (~) with its fields before and after and its rule versions.
void append_difference_text(const AnswerDifference& difference, std::string& out);

// "decision 12, recorded ...\n  shipment ..., ship date ..., known on ...\n  exportctl ..., rules
// ...\n  previous ...\n  hash ...\n": what the log holds about a decision besides its texts.
void append_record_header(const DecisionRecord& record, std::string& out);

// "us.letter.nvidia.h20 v1"
std::string rule_version_text(const RuleVersionRef& ref);

// A decision id argument; UsageError unless it is a positive number.
int64_t parse_decision_id(const std::string& text);

}  // namespace exportctl::cli
