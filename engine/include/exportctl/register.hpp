// The register of licenses, permits and notices (docs/register.md): entries a person enters
// once, which every later screening consults, and the units recorded shipments draw from them.
//
//   auto store = exportctl::Store::open("audit.db", exportctl::Store::Mode::create);
//   auto engine = exportctl::Engine::load_directory("rules");
//   exportctl::RegisterEntry entry;
//   if (auto parsed = exportctl::parse_register_entry(engine.value(), json_text, "license.json", entry); !parsed) ...
//   std::unique_ptr<exportctl::Register> register_ = exportctl::open_register(store.value());
//   auto id = register_->add(entry);                       // bad_input on a clash, nothing written
//   // screening: the candidates join the shipment, the core says why each does not match
//   auto candidates = register_->candidates(exportctl::candidate_query(shipment));
//   exportctl::add_register_candidates(engine.value(), candidates.value(), shipment);
//   engine.value().screen(shipment, {.explain_candidates = true}, answer);
//
// Contract: Register is the one interface the register and its usage log sit behind; SQLite
// (open_register) is the only implementation shipped, docs/register.md says what a server
// database would change. Every call returns Status/Result and throws nothing; store failures are
// io errors naming the file, bad input is bad_input naming the field (JSON pointer) or the id.
// Nothing is ever deleted: voiding an entry or a shipment's usage appends a row saying who, when
// and why. record() reads the remaining units and appends the decision with what it drew in one
// write transaction, so two processes recording against the last units never both succeed.
// Thread-safety: like the Store it wraps, one thread at a time; the Store must outlive it. No
// call leaves a transaction or a statement open when it returns.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/determination.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/result.hpp"
#include "exportctl/shipment.hpp"
#include "exportctl/store.hpp"

namespace exportctl {

enum class RegisterEntryType : uint8_t { authorization, notice };

// One entry as parsed from its JSON (schema/json/register-entry.schema.json): an object of a
// shipment's authorizations[] shape (it has "kind") or notices[] shape (it has "filed_on"),
// plus quantity, value_usd, consignees, conditions and entered_by.
struct RegisterEntry {
  RegisterEntryType type = RegisterEntryType::authorization;
  Authorization authorization;   // type authorization; limits in quantity_limit / value_limit
  Notice notice;                 // type notice
  std::vector<std::string> consignees;  // as written
  std::vector<std::string> destinations;  // codes as written
  std::string conditions;
  std::string entered_by;
  std::string canonical_json;    // the object, one line, sorted keys: what the store keeps
};

// Parses and checks one entry against the engine's rules: unknown or duplicate keys, wrong
// types, unknown countries or models, a validity ending before it begins, a quantity or value
// that is not a positive number, strings and lists over the limits (docs/limits.md). bad_input
// with source and JSON pointer; `out` is unspecified then.
Status parse_register_entry(const Engine& engine, std::string_view json, std::string_view source,
                            RegisterEntry& out);

// An entry as the register holds it, with what recorded shipments drew from it.
struct RegisterRecord {
  int64_t id = 0;
  RegisterEntryType type = RegisterEntryType::authorization;
  std::string authority, kind, number;  // kind "" for a notice
  std::optional<Date> valid_from, valid_to;
  std::optional<double> quantity, value_usd;  // the limits; nullopt: none
  double quantity_used = 0;                   // by recorded shipments whose usage is not voided
  double value_used = 0;
  std::string entry_json;
  std::string entered_by, entered_at;
  bool voided = false;
  std::string voided_by, voided_at, void_reason;
};

// One use of an entry by a recorded decision.
struct RegisterUsage {
  int64_t entry_id = 0;
  int64_t decision_id = 0;
  std::string shipment_id;
  std::string ship_date;
  double quantity = 0;
  std::optional<double> value_usd;
  std::string recorded_at;
  bool voided = false;
  std::string voided_by, voided_at, void_reason;
};

// Which entries a screening considers (see Register::candidates).
struct CandidateQuery {
  Date ship_date;
  std::string destination;  // the shipment's, "VN"
  // Whose earlier shipments of the year to count (LPP's annual limit); nullopt: none is counted.
  std::optional<ConsigneeYear> consignee;
};
CandidateQuery candidate_query(const Engine& engine, const Shipment& shipment);

// What a screening reads from the store: the candidate entries, and the consignee's earlier
// shipments of the year (recorded, not voided; by decision id) for Shipment::counted_shipments.
// `counted` is nullopt when the query names no consignee or the store predates the count
// (schema before 4): the annual count is then not known.
struct RegisterView {
  std::vector<RegisterRecord> candidates;
  std::optional<std::vector<CountedShipment>> counted;
};

// What one recorded shipment draws from one entry.
struct RegisterDraw {
  int64_t entry_id = 0;
  double quantity = 0;
  std::optional<double> value_usd;  // nullopt: an item states no unit value
};
// The register entries that satisfy a requirement of the answer, with the units and dollars of
// the items each names (each item once). Pure.
std::vector<RegisterDraw> register_draws(const Shipment& shipment, const Determination& answer);

// Appends every candidate entry to the shipment (authorizations or notices), each carrying its
// register id and its limits and use so far; an entry the engine's rules cannot read (a country
// or model since removed) is skipped. Call before Engine::screen with explain_candidates.
void add_register_candidates(const Engine& engine, const std::vector<RegisterRecord>& candidates, Shipment& shipment);

// What record() appends: the decision, and what it drew.
struct RecordedScreening {
  NewDecision decision;
  std::vector<RegisterDraw> draws;
};

class Register;

// Screens the shipment with the register's candidates (read in one snapshot) added to it and,
// when there are any, explain_candidates set. On return `shipment` holds the candidates too, so
// `answer` may be rendered with it. Fails only when the register cannot be read.
Status screen_with_register(const Engine& engine, const Register& register_, Shipment& shipment,
                            ScreenOptions options, Determination& answer);

// The same inside Register::record: screens against what is left now, renders the answer as
// JSON into `determination_json` (RenderOptions{options.trace}), and appends the decision
// (request_json as received, `today` the recording day) with the units it draws. Returns the
// decision id; on failure nothing is written.
Result<int64_t> screen_and_record(const Engine& engine, Register& register_, Shipment& shipment,
                                  const ScreenOptions& options, const std::string& request_json, Date today,
                                  Determination& answer, std::string& determination_json);

// Screens a recorded decision's shipment against the register and the count as that decision
// read them (Register::recorded_view), not as they are now: the shipment's own draw is not
// counted against it, and later shipments do not change its count. Without a recorded view it is
// screened as recorded too: without the register. For replay and recheck (audit.hpp).
Status screen_as_recorded(const Engine& engine, const Register& register_, int64_t decision_id, Shipment& shipment,
                          ScreenOptions options, Determination& answer);

enum class AlertKind : uint8_t { expires, exhausted };
std::string_view name(AlertKind kind);  // "expires", "exhausted"

// A license or permit that expires or has run out within the window while recorded shipments
// that have not left (ship date today or later, usage not voided) still depend on it.
struct RegisterAlert {
  AlertKind kind = AlertKind::expires;
  int64_t entry_id = 0;
  std::string authority, entry_kind, number;
  Date due;                              // expires: its last valid day; exhausted: today
  int days_left = 0;                     // due - today
  std::optional<double> quantity_remaining, value_remaining;
  std::vector<int64_t> decisions;        // the recorded shipments that depend on it
  std::vector<std::string> shipment_ids; // parallel to decisions
};

struct RegisterFilter {
  bool include_voided = false;
  std::optional<std::string> authority;  // "US-BIS"
};

class Register {
 public:
  virtual ~Register() = default;

  // Appends the entry. bad_input ("/number: ...") when a live entry of the same authority has the
  // same number and an overlapping validity, and when the register already holds
  // kMaxRegisterEntries entries; nothing is written then. Returns the new id.
  virtual Result<int64_t> add(const RegisterEntry& entry) = 0;
  virtual Result<std::vector<RegisterRecord>> list(const RegisterFilter& filter) const = 0;
  // bad_input when there is no entry with that id.
  virtual Result<RegisterRecord> show(int64_t id) const = 0;
  virtual Result<std::vector<RegisterUsage>> usage(int64_t entry_id) const = 0;
  // Voids an entry: later screenings no longer consider it. bad_input when there is none, or it
  // is already void.
  virtual Status void_entry(int64_t id, const std::string& by, const std::string& reason) = 0;
  // Gives back the units decision `decision_id` drew and takes it out of its consignee's annual
  // count (the shipment will not leave). bad_input when there is no such decision, it drew
  // nothing and is counted for no consignee, or its usage is already void.
  virtual Status void_usage(int64_t decision_id, const std::string& by, const std::string& reason) = 0;
  // The live entries a screening of the query considers: at most kMaxRegisterCandidates, those
  // valid on the ship date and naming the destination (or none) first. bad_input naming the limit
  // when more than kMaxRegisterCandidates such entries would all cover the shipment's date and
  // destination (none may be left out then). A store without the register (schema before 3, read
  // only) has no candidates.
  virtual Result<std::vector<RegisterRecord>> candidates(const CandidateQuery& query) const = 0;
  // The candidates and the consignee's counted shipments, read in one snapshot. bad_input naming
  // the limit when more than kMaxCountedShipments would be counted.
  virtual Result<RegisterView> view(const CandidateQuery& query) const = 0;
  // The view recorded decision `decision_id` read when it was recorded: the entries it considered,
  // each with what had been used of it then, and the shipments it counted. nullopt when it read
  // nothing from the store (recorded without the register, or before schema 4).
  virtual Result<std::optional<RegisterView>> recorded_view(int64_t decision_id) const = 0;
  // In one write transaction: reads the view as of now, calls `decide` with it (which screens and
  // returns the decision and what it draws), checks again that every draw fits what remains, and
  // appends the decision (with its place in the consignee's count) and its usage. Two records for
  // one consignee serialise on the write lock, so both cannot fit under an annual limit. Fails
  // (nothing written) with what `decide` returned, or with bad_input naming the entry when a draw
  // does not fit. Returns the decision id.
  virtual Result<int64_t> record(const CandidateQuery& query,
                                 const std::function<Result<RecordedScreening>(const RegisterView&)>& decide) = 0;
  // Licenses and permits that expire within `within_days` of `today` (inclusive) or have nothing
  // left, on which recorded shipments that have not left depend; by due date, then id.
  virtual Result<std::vector<RegisterAlert>> alerts(Date today, int within_days) const = 0;
};

// The register in the store's SQLite file. The store must outlive it.
std::unique_ptr<Register> open_register(Store& store);

// For the todo worklist (Worklist::alerts): open_register(store)->alerts(today, within_days), on a
// store that may be read-only (it only reads).
Result<std::vector<RegisterAlert>> register_alerts(const Store& store, Date today, int within_days = 30);
// One sentence for an officer: "US-BIS license D123456 (register entry 3) expires on 2025-06-30,
// in 12 days, while shipments not yet left depend on it: SO-1 (decision 1), SO-2 (decision 2)".
std::string register_alert_text(const RegisterAlert& alert);

}  // namespace exportctl

namespace exportctl {

// One line of JSON, sorted keys (docs/register.md "JSON shapes"): {"authority", "entered_at",
// "entered_by", "entry" (the object as entered), "id", "kind" (null for a notice), "number",
// "quantity", "quantity_remaining", "quantity_used", "type", "valid_from", "valid_to",
// "value_usd", "value_remaining", "value_used", "voided" (null, or {"at", "by", "reason"})}, and
// "usage" (each {"decision", "quantity", "recorded_at", "ship_date", "shipment_id", "value_usd",
// "voided"}) when `usage` is given.
void write_register_record_json(const RegisterRecord& record, const std::vector<RegisterUsage>* usage, std::string& out);
// {"days_left", "decisions", "due", "entry", "kind", "authority", "entry_kind", "number",
// "quantity_remaining", "shipment_ids", "value_remaining"}, sorted keys, one line.
void write_register_alert_json(const RegisterAlert& alert, std::string& out);

}  // namespace exportctl
