// The filing worklist of `exportctl todo` and `GET /v1/todo`: every open action for the recorded
// shipments that have not left, from the decision log and the filing facts of the rules
// (rules/filing/, kind "filing"). docs/todo.md tells an officer what each action means.
//
//   auto store = exportctl::Store::open("audit.db", exportctl::Store::Mode::read_only);
//   auto engine = exportctl::Engine::load_directory("rules");     // the filing facts
//   auto worklist = exportctl::build_worklist(store.value(), engine.value(), today);
//   if (!worklist) { std::cerr << worklist.error().message() << "\n"; return 1; }
//   std::string out;
//   exportctl::write_worklist_json(worklist.value(), out);      // schema/json/todo.schema.json
//
// Contract:
// - A shipment has not left when the latest record of its shipment id (the highest decision id)
//   has a ship date on or after `today`. A record without a shipment id stands for itself.
// - An action comes from a requirement of that record's answer (never re-evaluated) whose status
//   is missing or late, and, for a shipment leaving the United States that needs a US license
//   (satisfied, or missing with no exception notice open) and is not prohibited, from the EEI
//   filing in AES.
// - Its deadline is the requirement's own deadline when the answer has one, else the ship date
//   minus the filing fact's lead time. It is overdue when the deadline is before `today`.
// - One filing meets every requirement of a shipment it answers by the same deadline: the first
//   (in answer order) is the action's requirement, the others are listed in also_required_by.
// - A requirement that no filing fact answers (an OFAC prohibition) is still listed, with no
//   filing: nothing is dropped silently.
// - Sorted: overdue first, then by deadline, then by shipment id (then decision, rule, filing).
// Errors: io when the store cannot be read; bad_input naming the decision when a record's stored
// request or answer is not the JSON it should be (`audit verify` tells more).
// Thread-safety: the Store rules apply (one thread at a time per Store); the Engine may be shared.
// A Worklist owns its strings and does not point into the Engine or the Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/register.hpp"
#include "exportctl/result.hpp"
#include "exportctl/store.hpp"

namespace exportctl {

// The filing fact (a rule version of kind "filing") that says how to meet a requirement.
struct FilingStep {
  std::string rule;  // "us.filing.bis-license"
  int version = 0;
  std::string action, file_with, channel, form;
  int lead_days = 0;
  std::string lead;       // "legal" or "advisory"
  std::string lead_note;
  std::string citation, source_url, confidence;
};

// How the deadline was found.
enum class DeadlineBasis { answer, lead_time };

struct TodoAction {
  // the shipment
  std::string shipment_id;  // "" when the request had none
  int64_t decision = 0;     // the decision log record the action comes from
  std::string origin, destination;
  Date ship_date;
  // the requirement of the answer that needs it
  std::string jurisdiction, authority, kind, status, rule, leg;
  int rule_version = 0;
  std::string rule_citation, rule_source_url;
  std::string exception;               // "NAC" when the filing is that exception's notice; else ""
  // Further requirements of the same shipment that the same filing meets by the same deadline
  // (one license application answers both 742.6 and an is-informed letter): "RULE vN".
  std::vector<std::string> also_required_by;
  std::optional<FilingStep> filing;    // nullopt: no filing fact answers the requirement
  // when
  Date deadline;
  DeadlineBasis deadline_basis = DeadlineBasis::answer;
  std::optional<Date> ready_on;        // a late notice: the first day the movement may take place
  bool overdue = false;                // deadline < today
  int days_left = 0;                   // deadline - today (negative when overdue)
};

struct Worklist {
  Date today;
  int64_t decisions_read = 0;   // records in the log
  int64_t shipments_open = 0;   // shipments that have not left (with or without actions)
  std::vector<TodoAction> actions;
  // Licenses and permits of the register that expire or run out within kAlertWindowDays of
  // `today` while recorded shipments that have not left depend on them (register_alerts).
  std::vector<RegisterAlert> alerts;
};

// How far ahead the worklist warns of a license or permit that expires or runs out.
inline constexpr int kAlertWindowDays = 30;

// The worklist of `store` on `today`, with the filing facts of `engine`'s rules.
Result<Worklist> build_worklist(const Store& store, const Engine& engine, Date today);

// One line of JSON with sorted keys (schema/json/todo.schema.json).
void write_worklist_json(const Worklist& worklist, std::string& out);
// For an officer: a line per action under column heads, overdue ones marked, then the details.
void write_worklist_text(const Worklist& worklist, std::string& out);
// RFC 5545 iCalendar: one all-day VEVENT per action on its deadline and per alert on its due day, UIDs stable for the same
// shipment, filing and leg, DTSTAMP the worklist's day (same input, same bytes), CRLF line ends,
// lines folded at 75 octets, text escaped.
void write_worklist_ics(const Worklist& worklist, std::string& out);

}  // namespace exportctl
