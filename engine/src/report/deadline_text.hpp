// Deadlines in words, counted from a day the caller names as today: "file by 2026-12-27, in 25
// days", "file by 2026-11-29: overdue by 3 days". Only the reports for people use them; the JSON
// determination keeps absolute dates, so that it does not change from one day to the next.
#pragma once

#include <optional>
#include <string>

#include "exportctl/determination.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// "today", "in 1 day", "in 25 days", "1 day ago", "3 days ago".
void append_days_from(Date date, Date today, std::string& out);

// What the requirement's deadline asks, for one that is missing or late and has one:
//   missing notice:    "file by 2026-12-27, in 25 days" (or ": overdue by 3 days", ", today")
//   missing license that an exception with a notice could cover:
//                      "for License Exception NAC, file the notice by 2026-12-27, in 25 days"
//   late notice:       "the last day to file was 2025-07-02, 518 days ago; the movement may take
//                       place from 2025-08-21, 468 days ago"
// Without `today` the dates stand alone. Returns false, appending nothing, when there is no
// deadline to meet.
bool append_deadline(const RuleSet& rules, const Requirement& requirement, std::optional<Date> today, std::string& out);

// True when the deadline is missed as of `today` (a missing notice past its last day to file).
bool deadline_overdue(const Requirement& requirement, std::optional<Date> today);

}  // namespace exportctl
