// The SQLite store: rule history on both time axes, and an append-only, hash-chained log of
// decisions that an auditor can verify and replay.
//
//   auto store = exportctl::Store::open("audit.db", exportctl::Store::Mode::create);
//   if (!store) { std::cerr << store.error().message() << "\n"; return 1; }
//   auto documents = exportctl::read_rule_documents("rules");          // the files, as loaded
//   auto imported = store.value().import_rules(documents.value(), "rules");
//   auto engine = exportctl::Engine::load_documents(store.value().current_documents().value());
//   ... screen, then store.value().record({decision}) ...
//   auto check = exportctl::verify_store(store.value());  // exportctl/verify.hpp
//
// The database is one file in WAL mode. Its schema is the numbered migrations of schema/sqlite/
// (compiled into the library), applied in order by open() and tracked with PRAGMA user_version.
// Several processes may use one file at once: writers serialise on BEGIN IMMEDIATE and wait up
// to 30 s for each other (busy_timeout); a record's previous hash is read inside its write
// transaction, so concurrent writers never fork the chain.
//
// Errors: every call returns Status/Result; failures are ErrorCode::io with "FILE: what" (SQLite's
// own message included), or bad_rules / bad_input as stated. Nothing throws.
// Thread-safety: a Store is one SQLite connection; use it from one thread at a time (open one
// Store per thread or process).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/result.hpp"

namespace exportctl {

// The rule data files under dir, named relative to it, exactly as Engine::load_directory reads
// them (so Engine::load_documents on the result gives the same digest and answers).
Result<std::vector<SourceDocument>> read_rule_documents(const std::filesystem::path& dir);

// What one import did. `changed` is false when the documents are identical to the latest import
// (then nothing was written at all).
struct ImportSummary {
  bool changed = false;
  int64_t import_id = 0;           // the import now current (the existing one when unchanged)
  std::string rules_digest;
  int documents = 0;               // in the rule set
  int documents_added = 0;         // contents not seen before
  int versions = 0;                // rule versions in the rule set
  int versions_added = 0;          // rule versions new to the store (first content of that id+version)
  int versions_superseded = 0;     // a stored version whose content changed: new row + supersession
  int versions_withdrawn = 0;      // a stored version the data no longer has: supersession without successor
};

// One row of rule history (rule_versions joined with its supersession, if any).
struct StoredRuleVersion {
  int64_t row = 0;
  std::string rule_id;
  int version = 0;
  std::string status;              // in_force, proposed
  Date valid_from;
  std::optional<Date> valid_to;    // nullopt: open-ended
  std::optional<Date> compliance_from;
  Date known_from;
  std::string sha256;              // of json
  std::string json;
  std::string recorded_at;         // UTC timestamp of the import that brought this content
  std::optional<std::string> superseded_at;   // set when a later import replaced or withdrew it
  std::optional<int64_t> superseded_by;       // the replacing row; nullopt with superseded_at: withdrawn
};

// One import of rules, as the store recorded it.
struct StoredImport {
  int64_t id = 0;
  std::string recorded_at;   // UTC
  std::string source;        // the directory as named when imported
  std::string rules_digest;
  int64_t documents = 0;
};

// Whose annual count a shipment joins (License Exception LPP, docs/register.md): its ultimate
// consignee (normalize_party_name), that party's country (else the destination) and the calendar
// year of the ship date.
struct ConsigneeYear {
  std::string consignee;
  std::string country;  // "VN"
  int year = 0;
};

// The shipment's count key: nullopt when it names no ultimate consignee (whose count it would
// join is not known) or its ship date is not a date.
std::optional<ConsigneeYear> consignee_year(const Engine& engine, const Shipment& shipment);

// A register entry as one recorded screening read it: what recorded shipments had used of it then.
struct RegisterRead {
  int64_t entry_id = 0;
  double quantity_used = 0;
  double value_used = 0;
};

// A decision to append to the log (the store adds id, recorded_at, engine version and hashes).
struct NewDecision {
  std::string request_json;        // the shipment as received
  std::string determination_json;  // the answer as printed (one line, sorted keys)
  std::string shipment_id;
  Date ship_date;
  Date known_on;                   // the knowledge date used: given, else the recording day
  bool include_proposed = false;
  std::string verdict;             // "cleared", ...
  std::string rules_digest;        // Engine::rules_digest() of the engine that answered
  // For the consignee's annual count (schema/sqlite/004): the key and this shipment's total TPP
  // (nullopt: unknown). A decision without a consignee is counted for nobody.
  std::optional<ConsigneeYear> consignee;
  std::optional<double> total_tpp;
  // What the screening read from the store, so that a replay reads the same: the earlier
  // decisions it counted (nullopt: it consulted no count), and the register entries it considered.
  std::optional<std::vector<int64_t>> counted;
  std::vector<RegisterRead> register_candidates;
};

struct DecisionRecord {
  int64_t id = 0;                  // 1, 2, 3...: position in the chain
  std::string recorded_at;         // UTC, "2025-05-14T09:30:00.123456Z"
  std::string shipment_id;
  std::string ship_date;           // kept as stored text, so a verifier hashes exactly what is there
  std::string known_on;
  bool include_proposed = false;
  std::string verdict;
  std::string engine_version;      // kEngineVersion of the recording library
  std::string rules_digest;
  std::string request_json;
  std::string determination_json;
  std::string previous_hash;       // 64 hex digits; record 1: 64 zeros
  std::string hash;                // SHA-256 over previous_hash and canonical_record_content()
};

// The canonical content a record's hash covers: every field but the two hashes, in a fixed
// order, each as "name=LENGTH:value\n" (LENGTH in bytes), so no two records share a content.
std::string canonical_record_content(const DecisionRecord& record);
// SHA-256 hex of previous_hash, "\n" and the canonical content.
std::string record_hash(const DecisionRecord& record);
inline const std::string kGenesisHash(64, '0');

// Which decisions to read: every field given must hold; an empty filter selects every record.
struct DecisionFilter {
  int64_t after_id = 0;                           // only records with a larger id
  std::optional<Date> recorded_from, recorded_to; // the UTC day of recorded_at, inclusive
  std::optional<Date> ship_from, ship_to;         // the ship date, inclusive
  std::optional<std::string> verdict;             // "cleared", "action_required", ...
  std::optional<std::string> shipment_id;         // exactly
  std::optional<std::string> exporter;            // the request's exporter name contains it, ignoring ASCII case
  std::optional<std::string> destination;         // the request's destination, exactly ("CN")
  std::optional<std::string> rule;                // a rule that decided: that of a requirement or of an item's class
  std::optional<std::string> rules_digest;        // the rules the decision was made with, exactly
};

// bad_input when a filter field could never match, its problem naming the field: a verdict
// outside the vocabulary, a destination that is not two capital letters, a rules digest that is
// not "sha256:" and 64 lower-case hex digits, or a period that ends before it begins.
Status check_decision_filter(const DecisionFilter& filter);

class Store {
 public:
  enum class Mode {
    existing,   // the file must be there; migrated to the latest schema
    create,     // created when missing; migrated to the latest schema
    read_only,  // the file must be an exportctl store; nothing is written, not even a migration
  };

  // Opens (creating with Mode::create) and migrates the database. Fails with io when the file
  // is missing (Mode::existing, Mode::read_only), is not SQLite, has a newer schema than this
  // build knows, or (Mode::read_only) is empty or has no exportctl schema. A read-only Store
  // refuses every write (import_rules, record) with io.
  static Result<Store> open(const std::filesystem::path& file, Mode mode);

  // The schema version (PRAGMA user_version) and the newest this build knows.
  int schema_version() const;
  static int latest_schema_version();
  // The schema version the file had before open() migrated it (0: a new file).
  int opened_schema_version() const;
  const std::filesystem::path& file() const;

  // ---- rules -------------------------------------------------------------------------------
  // Validates the documents with the engine (bad_rules naming file and location if they do not
  // load), then, in one transaction, records them as the new current rule set unless they are
  // identical to it. `source` is stored as a label (the directory as named).
  Result<ImportSummary> import_rules(std::vector<SourceDocument> documents, const std::string& source);
  // The documents of the latest import, sorted by name; an empty vector when nothing is imported.
  Result<std::vector<SourceDocument>> current_documents() const;
  // The documents of the latest import whose digest is `rules_digest`; empty if none.
  Result<std::vector<SourceDocument>> documents_with_digest(const std::string& rules_digest) const;
  // Rule history rows, oldest first; `rule_id` empty: every rule.
  Result<std::vector<StoredRuleVersion>> rule_history(const std::string& rule_id) const;

  // ---- decisions ---------------------------------------------------------------------------
  // Appends the decisions in one transaction (all or none), chained in order; returns their ids.
  // Once it returns, they are durable (synchronous=FULL).
  Result<std::vector<int64_t>> record(const std::vector<NewDecision>& decisions);
  // One record; bad_input when there is no record with that id.
  Result<DecisionRecord> decision(int64_t id) const;
  // The records the filter selects, in id order.
  Result<std::vector<DecisionRecord>> decisions(const DecisionFilter& filter = {}) const;
  // Calls `visit` with each record the filter selects, in id order, one at a time (so a log
  // larger than memory streams); `visit` returns false to stop early. Returns how many it saw.
  // The records are read in one transaction: a consistent snapshot while others append.
  Result<int64_t> each_decision(const DecisionFilter& filter,
                                const std::function<bool(const DecisionRecord&)>& visit) const;
  // The imports of rules, oldest first (the last is the current rule set).
  Result<std::vector<StoredImport>> imports() const;

  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  // The connection, for the library's own modules (store/store_state.hpp); opaque outside it.
  struct State;
  const State& state() const { return *state_; }

 private:
  explicit Store(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// ---- comparing answers -----------------------------------------------------------------------

// A requirement of a determination, with the fields a reader needs to recognise it.
struct RequirementSummary {
  std::string jurisdiction, kind, status, rule, leg;
  int version = 0;
  std::string json;  // the whole requirement object, compact with sorted keys (its identity)
};

struct RuleVersionRef {
  std::string rule;
  int version = 0;
  friend auto operator<=>(const RuleVersionRef&, const RuleVersionRef&) = default;
};

// One field of a requirement that differs between two answers; values as JSON text ("" when
// the field is absent on that side).
struct FieldChange {
  std::string field;  // "status", "review_policy", "deadline", "citation", "version", ...
  std::string before, after;
};

// The same requirement (jurisdiction, kind, rule and leg) in both answers, with different fields:
// only_before[before] became only_after[after]. The rule versions on both sides explain it.
struct RequirementChange {
  size_t before = 0, after = 0;     // indexes into AnswerDifference::only_before and only_after
  std::vector<FieldChange> fields;  // most telling first: status, review policy, deadline, version, citation...
};

// How two answers for the same shipment differ in what matters to a shipper: the verdict and
// the requirements. Requirements are compared as whole objects (a multiset), so a change of
// status, rule version, deadline or wording all count; those that are the same requirement on
// both sides are then paired field by field in `changed`.
struct AnswerDifference {
  bool differs = false;
  std::string verdict_before, verdict_after;
  std::string earliest_ship_date_before, earliest_ship_date_after;  // "" when none
  std::vector<RequirementSummary> only_before;  // in `before` and not in `after`
  std::vector<RequirementSummary> only_after;
  std::vector<RequirementChange> changed;       // pairs of the two lists above
  std::vector<RuleVersionRef> responsible;      // the rule versions of those requirements, sorted, unique
};

// Compares two determination JSON texts (contract.md). bad_input when either is not one.
Result<AnswerDifference> compare_determinations(std::string_view before_json, std::string_view after_json);

// The current time in UTC as "YYYY-MM-DDTHH:MM:SS.ffffffZ".
std::string utc_timestamp();

}  // namespace exportctl
