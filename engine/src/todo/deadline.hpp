// The deadline arithmetic of the filing worklist, in calendar days (docs/todo.md).
#pragma once

#include <optional>

#include "exportctl/date.hpp"

namespace exportctl::todo {

// The last day to act: the requirement's own deadline when the answer gives one (a notice
// period counted from the movement's date, which the screening knows), else the ship date minus
// the filing's lead time. nullopt only when that would leave the calendar (add_days).
inline std::optional<Date> action_deadline(std::optional<Date> requirement_deadline, Date ship_date, int lead_days) {
  if (requirement_deadline) return requirement_deadline;
  return add_days(ship_date, -lead_days);
}

// A deadline is met on its own day: the action is overdue from the day after.
inline bool is_overdue(Date deadline, Date today) { return deadline < today; }

// Days from today to the deadline: 0 on the day, -1 the day after.
inline int days_left(Date deadline, Date today) { return deadline - today; }

// A shipment has not left while its ship date is today or later.
inline bool not_left(Date ship_date, Date today) { return ship_date >= today; }

}  // namespace exportctl::todo
