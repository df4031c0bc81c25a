// What every surface of the audit trail shares: the log entry of one screening, a logged
// decision as JSON, and the replay of a logged decision. `exportctl check --record`,
// `audit show`, `replay` and the service's decision endpoints all go through these calls, so
// they record and print the same thing.
//
//   auto record = store.decision(7);                       // bad_input when there is none
//   auto replayed = exportctl::replay_decision(store, record.value(), &engine, {});
//   if (!replayed) { std::cerr << replayed.error().message() << "\n"; return 1; }
//   std::string out;
//   exportctl::write_replay_json(replayed.value(), out);   // {"decision":7,...,"result":"identical",...}
//
// Nothing here throws. The Store rules apply: one thread at a time per Store.
#pragma once

#include <optional>
#include <string>

#include "exportctl/date.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/result.hpp"
#include "exportctl/store.hpp"

namespace exportctl {

// The log entry for a screening: the request as received, the answer as Engine::write_json wrote
// it, and the knowledge date used, which is options.known_on, else the shipment's known_on, else
// `today` (the rules as known on the day of the decision).
NewDecision decision_entry(const Engine& engine, const Shipment& shipment, const Determination& answer,
                           const ScreenOptions& options, std::string request_json, std::string determination_json,
                           Date today);

// Appends a logged decision as one line of JSON with sorted keys: "id", "recorded_at",
// "shipment_id", "ship_date", "known_on", "verdict", "include_proposed", "engine_version",
// "rules_digest", "previous_hash", "hash", and the stored "request_json" and
// "determination_json" texts verbatim (so a reader can hash them as recorded).
void write_decision_json(const DecisionRecord& record, std::string& out);

// Appends {"verdict": {"before", "after"}, "requirements_removed": [..], "requirements_added":
// [..], "rule_versions": [{"rule", "version"}]} as one line, requirements as the determinations
// have them.
void write_difference_json(const AnswerDifference& difference, std::string& out);

struct ReplayOptions {
  std::optional<Date> known_on;   // nullopt: the decision's recorded known_on
  bool include_proposed = false;  // evaluate proposed rules too (always, if the decision did)
  bool as_recorded = false;       // the store's import with the decision's rules digest, not `engine`
};

struct ReplayResult {
  DecisionRecord record;        // the decision replayed
  Date known_on;                // the knowledge date of the replay
  std::string rules_digest;     // of the rules that answered the replay
  AnswerDifference difference;  // before: the recorded answer; after: the replayed one
};

// Screens the recorded request again, as known on options.known_on (default: the recorded
// known_on), with `engine` or, with options.as_recorded, the exact rule set the decision was made
// with, and compares the answers. `engine` may be null only with as_recorded. Fails with io when
// as_recorded names rules never imported into `store` or the store cannot be read, bad_rules when
// those rules no longer load, bad_input when the record's known_on is not a date or its request or
// answer do not parse; messages begin "STORE_FILE: decision ID".
Result<ReplayResult> replay_decision(const Store& store, const DecisionRecord& record, const Engine* engine,
                                     const ReplayOptions& options);

// Appends one line with sorted keys: the difference keys of write_difference_json and
// "decision", "shipment_id", "ship_date", "known_on": {"recorded", "replayed"},
// "rules_digest": {"recorded", "replayed"}, "result": "changed" or "identical".
void write_replay_json(const ReplayResult& result, std::string& out);

}  // namespace exportctl
