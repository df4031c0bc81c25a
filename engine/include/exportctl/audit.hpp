// What every surface of the audit trail shares: the log entry of one screening, a logged
// decision as JSON, as text and as a row of a listing, and the replay of a logged decision.
// `exportctl check --record`, `audit show`, `audit list`, `audit export`, `replay` and the
// service's decision endpoints all go through these calls, so they record and print the same
// thing. The audit report is in exportctl/audit_report.hpp.
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
#include <vector>

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

// Appends {"verdict": {"before", "after"}, "earliest_ship_date": {"before", "after"} (null for
// none), "requirements_removed": [..], "requirements_added": [..], "requirements_changed":
// [{"jurisdiction", "kind", "rule", "leg", "version": {"before", "after"}, "fields": [{"field",
// "before", "after"}]}], "rule_versions": [{"rule", "version"}]} as one line, requirements and
// field values as the determinations have them (a field absent on one side is null there).
void write_difference_json(const AnswerDifference& difference, std::string& out);

// ---- a logged decision as its stored texts say -------------------------------------------------

struct RecordedItem {
  int index = 0;
  std::string model;     // "" when the item named none
  std::string eccn;      // "" when not 3A090/4A090 (or indeterminate)
  bool indeterminate = false;
  std::string basis;     // why, in words
  std::string rule;      // the classification rule, "" if none
  int version = 0;
};

struct RecordedRequirement {
  std::string jurisdiction, authority, kind, status, rule, leg;
  int version = 0;
  std::string deadline, ready_on, review_policy, exception, authorization;  // "" when absent
  std::string citation, confidence, explanation, notes;
  std::vector<int> items;
};

// What the listing, the text report and the audit report show of a decision, read from the
// request and the determination as recorded (never re-evaluated). A text that is not the JSON it
// should be (a damaged or edited record: `audit verify` names it) leaves `readable` false and
// the fields it held empty.
struct RecordedDecision {
  bool readable = true;
  std::string exporter, origin, destination;  // from the request
  std::string earliest_ship_date;             // "" when none
  std::string rules_versions;                 // how many rule versions the answer's rule set had
  std::vector<RecordedItem> items;
  std::vector<RecordedRequirement> requirements;
  std::vector<std::string> warnings;          // their messages
  std::vector<RuleVersionRef> deciding_rules; // of the requirements and item classes, sorted, unique
};
RecordedDecision read_recorded(const DecisionRecord& record);

// Appends the recorded determination for a person, in the layout of the check command's text
// report (verdict, shipment, items, requirements with their citations, warnings), from the stored
// texts alone; countries are shown as their codes.
void write_recorded_text(const DecisionRecord& record, std::string& out);

// ---- listing -----------------------------------------------------------------------------------

enum class ListFormat { text, jsonl, csv };

// A CSV listing starts with this header row; text and JSON Lines have none.
void write_decision_list_header(ListFormat format, std::string& out);
// One line per decision. JSON Lines: {"id", "recorded_at", "shipment_id", "ship_date", "known_on",
// "verdict", "include_proposed", "exporter", "origin", "destination", "rules_digest",
// "deciding_rules": [{"rule", "version"}], "hash"}; CSV: the same columns, the rules as
// "RULE vN" joined by "; ", every cell that a spreadsheet would read as a formula (=, +, -, @)
// prefixed with an apostrophe.
void write_decision_list_row(const DecisionRecord& record, ListFormat format, std::string& out);

struct ReplayOptions {
  std::optional<Date> known_on;   // nullopt: the decision's recorded known_on
  bool include_proposed = false;  // evaluate proposed rules too (always, if the decision did)
  bool as_recorded = false;       // the store's import with the decision's rules digest, not `engine`
};

struct ReplayResult {
  DecisionRecord record;        // the decision replayed
  Date known_on;                // the knowledge date of the replay
  std::string rules_digest;     // of the rules that answered the replay
  std::string replayed_json;    // the answer of the replay, as Engine::write_json wrote it
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
// "rules_digest": {"recorded", "replayed"}, "result": "changed" or "identical", and both answers
// in full: "recorded" (the determination as logged) and "replayed" (as re-evaluated).
void write_replay_json(const ReplayResult& result, std::string& out);

}  // namespace exportctl
