// Which actions the recorded answers of open shipments call for, and by when: the pure part of
// the worklist (no clock, files, SQLite or JSON). The reading of the log is open_shipments.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exportctl/todo.hpp"
#include "rules/rule_set.hpp"

namespace exportctl::todo {

// A requirement as the recorded answer gives it.
struct RecordedNeed {
  std::string jurisdiction, authority, kind, status, rule, leg, citation, source_url;
  int version = 0;
  std::optional<Date> deadline, ready_on;
  int notice_days = 0;  // 0: the answer gives none
};

// The latest record of a shipment that has not left.
struct OpenShipment {
  std::string shipment_id;
  int64_t decision = 0;
  std::string origin, destination;
  Date ship_date;
  std::vector<RecordedNeed> needs;
};

// The actions for `shipments`, sorted (exportctl/todo.hpp states the order), with the filing
// facts of `rules` in force on each ship date.
std::vector<TodoAction> plan_actions(const RuleSet& rules, const std::vector<OpenShipment>& shipments, Date today);

// The name of the license exception whose notice a license requirement with a notice deadline
// awaits ("NAC"): an exception of `rules` in force on `day` that covers `license_rule` and has
// that notice period (any notice period when notice_days is 0); "" when there is none.
std::string awaited_exception(const RuleSet& rules, const std::string& license_rule, int notice_days, Date day);

}  // namespace exportctl::todo
