// The answer for one shipment (contract.md "Determination"), as plain values that point into
// the loaded rules: a Determination must not outlive the Engine that screened it. Engine::
// write_json and Engine::write_text render it (engine.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/limits.hpp"
#include "exportctl/rule_version.hpp"
#include "exportctl/shipment.hpp"
#include "exportctl/vocabulary.hpp"

namespace exportctl {

// Positions are 32-bit: the parser bounds every list (limits.hpp) far below their range, and
// screen.cpp narrows a size_t only through a check, so an index cannot wrap to another entry.
using Index = int32_t;  // -1: none

// One leg of the route on which some jurisdiction may act.
struct Movement {
  MovementKind kind = MovementKind::export_;
  CountryId at = kNoCountry;  // where it happens: the origin, or the via stop
  Date date;
  Index stop = -1;            // index in Shipment::via, -1 for the export from the origin
};

struct ItemClassification {
  Eccn eccn = Eccn::none;
  bool indeterminate = false;           // a fact needed to classify is missing
  const RuleVersion* rule = nullptr;    // nullptr: no classification rule in force that day
  Index class_index = -1;               // which class of the rule decided (-1: none matched)
  bool from_declaration = false;        // the item's declared ECCN decided (see classify.hpp)
  bool declaration_differs = false;     // a declared ECCN disagrees with the computed class
  Tri subject_to_ear = Tri::unknown;    // whether US rules reach the item (the fact subject_to_ear, rules/README.md)
};

struct Requirement {
  RequirementKind kind = RequirementKind::license;
  RequirementStatus status = RequirementStatus::missing;
  const RuleVersion* rule = nullptr;
  Index movement = 0;                  // index in Determination::movements
  uint32_t items_begin = 0;            // range in Determination::item_indexes
  uint32_t items_end = 0;
  ReviewPolicy review_policy = ReviewPolicy::none;
  const RuleVersion* review_rule = nullptr;
  const RuleVersion* exception_rule = nullptr;  // set for status exception, or late (NAC)
  Index authorization = -1;            // index in Shipment::authorizations that satisfies it
  Index notice = -1;                   // index in Shipment::notices that was matched
  int16_t notice_days = 0;             // notice period that applied, in calendar days
  std::optional<Date> deadline;        // last day to file the notice
  std::optional<Date> ready_on;        // first lawful movement day given the notice filed
  bool exporter_bound = true;          // false: an is-informed letter to another company
  // Range in Determination::candidates: the authorizations of the right authority and kind that
  // do not cover it and, on a notice requirement (a notification, or a license whose exception
  // needs a notice) left missing or late, the notices to that authority that do not meet it,
  // each with why (only with ScreenOptions::explain_candidates).
  uint32_t candidates_begin = 0;
  uint32_t candidates_end = 0;
  // An exception limited by the ultimate consignee's annual count (LPP) was weighed against the
  // shipments the store counted (Shipment::counted_shipments), whether it covered or not.
  bool counted = false;
};

// Why an authorization of the right authority and kind does not cover a requirement: the first
// test it fails, in this order. A notice is tested for reference, destination, consignee, late,
// in that order (the order screen.cpp's best_notice and judge_notice apply them).
enum class CandidateProblem : uint8_t {
  not_yet_valid,      // its validity begins after the movement date
  expired,            // its validity ended before the movement date
  destination,        // it does not name the destination
  model,              // it does not name an item's model
  consignee,          // it names consignees and the shipment's ultimate consignee is not one
  quantity,           // units already used plus this shipment's are over its quantity
  value,              // dollars already used plus this shipment's are over its value
  value_unknown,      // it has a value limit and an item states no unit value
  late,               // a notice filed after the requirement's deadline (or with no day left to file)
  reference,          // a notice whose reference is not of the form the exception requires (NAC)
};

// A license, permit or notice that does not meet a requirement. Exactly one of `authorization`
// and `notice` is set.
struct AuthorizationCandidate {
  Index authorization = -1;  // index in Shipment::authorizations
  CandidateProblem problem = CandidateProblem::expired;
  Index item = -1;           // the item at fault (model), else -1
  double needed = 0;         // quantity, value: what this shipment would draw
  Index notice = -1;         // index in Shipment::notices
};

enum class WarningCode : uint8_t {
  indeterminate,      // a fact needed by a rule is missing
  unknown_model,      // the model is not in the catalog
  proposed_rule,      // a proposed rule would apply (include_proposed)
  declared_eccn_differs,
  foreign_made_item,  // not US-origin and not leaving the US: de minimis and FDP rules not modelled
  metric_below_catalog,  // a performance figure on the shipment is below the catalog's for its model
};

struct Warning {
  WarningCode code = WarningCode::indeterminate;
  Index item = -1;
  const RuleVersion* rule = nullptr;
  Index movement = 0;
  RequirementKind kind = RequirementKind::advisory;  // for proposed_rule: what it would require
};

// One rule version the engine consulted, for the trace.
struct TraceEntry {
  const RuleVersion* rule = nullptr;
  Index movement = -1;  // -1: classification
  Index item = -1;      // -1: the whole shipment
  Tri outcome = Tri::no;  // applied, did not apply, could not be decided
};

struct Determination {
  Verdict verdict = Verdict::cleared;
  Date ship_date;
  std::optional<Date> known_on;
  std::optional<Date> earliest_ship_date;
  std::vector<ItemClassification> items;  // US classification on the ship date, per item
  std::vector<Movement> movements;
  std::vector<Requirement> requirements;
  std::vector<Index> item_indexes;
  std::vector<Warning> warnings;
  std::vector<TraceEntry> trace;
  std::vector<AuthorizationCandidate> candidates;  // see Requirement::candidates_begin
  int rule_versions = 0;  // versions visible at known_on
  // The shipment's total TPP on the ship date (TPP x quantity summed; NaN if an item's TPP is
  // unknown): what the store records for the consignee's annual count (LPP, register.hpp).
  double total_tpp = kUnknown;

  // Empties the answer but keeps the capacity, for reuse across a batch.
  void clear();
};

}  // namespace exportctl
