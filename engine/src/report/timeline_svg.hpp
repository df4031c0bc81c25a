// A picture of a shipment in time: today, the planned ship date and every stop, each notice
// filed and each deadline, the earliest lawful ship date, and the rule changes (new versions,
// enforcement changes, country group changes) within a few months of the ship date, as the
// rules were known on the answer's knowledge date. The events are also the record's list of
// dates, so the picture has a text equivalent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exportctl/determination.hpp"
#include "exportctl/engine.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// How far from the ship date a rule change is shown: "a few months".
inline constexpr int kTimelineRuleWindowDays = 92;
// Today further than this (or than the other events' span, if longer) outside the other events
// stands past a break in the axis.
inline constexpr int kTimelineBreakDays = 92;

enum class TimelineMark : uint8_t { today, ship_date, stop, notice_filed, deadline, overdue, earliest, rule_change };

struct TimelineEvent {
  Date date;
  TimelineMark mark = TimelineMark::ship_date;
  std::string label;  // "planned ship date", "MY-MITI notice: last day to file", "my.sta.directive-1-2025.notice v1 in force"
};

// The events of one answer, sorted by date (then shipment events before rule changes).
std::vector<TimelineEvent> timeline_events(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                                           const ReportOptions& options);

// Appends an <svg role="img"> of the events, labelled by the element `title_id` names.
void append_timeline_svg(const std::vector<TimelineEvent>& events, std::string_view title_id, std::string& out);

// True for the marks that belong to the shipment (drawn above the axis) rather than the law.
inline bool shipment_mark(TimelineMark mark) { return mark != TimelineMark::rule_change; }

}  // namespace exportctl
