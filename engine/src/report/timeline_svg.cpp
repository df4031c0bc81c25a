#include "report/timeline_svg.hpp"

#include <algorithm>

#include "report/append_text.hpp"
#include "report/html_text.hpp"

namespace exportctl {
namespace {

constexpr int kWidth = 960;
constexpr int kPad = 24;
constexpr int kRowHeight = 16;
constexpr double kCharWidth = 6.1;  // average advance of the 11 px sans-serif labels
constexpr int kBreakWidth = 56;     // between today at the edge and the scale, when the axis is broken

void add(std::vector<TimelineEvent>& events, Date date, TimelineMark mark, std::string label) {
  events.push_back({date, mark, std::move(label)});
}

// A version a correction known by `known_up_to` replaces is not shown: the correction is.
bool superseded(const LoadedRule& rule, const RuleVersion& version, Date known_up_to) {
  for (const auto& other : rule.versions)
    if (other->meta.supersedes == version.number && other->meta.known_from <= known_up_to) return true;
  return false;
}

void add_rule_changes(const RuleSet& rules, const Determination& answer, std::vector<TimelineEvent>& events) {
  Date known_up_to = answer.known_on.value_or(kMaxDate);
  Date from = answer.ship_date - kTimelineRuleWindowDays, to = answer.ship_date + kTimelineRuleWindowDays;
  auto within = [&](Date date) { return date >= from && date <= to; };
  for (const auto& rule : rules.rules) {
    for (const auto& loaded : rule->versions) {
      const RuleVersion& version = loaded->meta;
      if (version.status != RuleStatus::in_force || version.known_from > known_up_to) continue;
      if (superseded(*rule, version, known_up_to)) continue;
      std::string id = rule->info.id + " v" + std::to_string(version.number);
      if (within(version.valid_from)) add(events, version.valid_from, TimelineMark::rule_change, id + " takes effect");
      if (version.compliance_from > version.valid_from && within(version.compliance_from))
        add(events, version.compliance_from, TimelineMark::rule_change, id + " binds (compliance date)");
      for (const EnforcementChange& change : version.enforcement)
        if (change.known_from <= known_up_to && within(change.from))
          add(events, change.from, TimelineMark::rule_change, id + " " + std::string(name(change.status)));
    }
  }
  for (const CountryGroup& group : rules.groups)
    for (const GroupVersion& version : group.versions)
      if (version.known_from <= known_up_to && within(version.valid_from))
        add(events, version.valid_from, TimelineMark::rule_change, "country group " + group.id + " changes");
}

}  // namespace

std::vector<TimelineEvent> timeline_events(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                                           const ReportOptions& options) {
  std::vector<TimelineEvent> events;
  if (options.today) add(events, *options.today, TimelineMark::today, "today");
  add(events, answer.ship_date, TimelineMark::ship_date, "planned ship date");
  for (const Stop& stop : shipment.via)
    add(events, stop.date, TimelineMark::stop,
        "at " + rules.country_codes[stop.country] + " (" + std::string(name(stop.activity)) + ")");
  for (const Notice& notice : shipment.notices)
    add(events, notice.filed_on, TimelineMark::notice_filed, "notice to " + std::string(name(notice.authority)) + " filed");
  for (const Requirement& requirement : answer.requirements) {
    if (!requirement.deadline || (requirement.status != RequirementStatus::missing && requirement.status != RequirementStatus::late))
      continue;
    if (requirement.status == RequirementStatus::missing && requirement.kind != RequirementKind::notification &&
        !requirement.exception_rule)
      continue;
    bool overdue = options.today && *requirement.deadline < *options.today;
    add(events, *requirement.deadline, overdue ? TimelineMark::overdue : TimelineMark::deadline,
        std::string(name(requirement.exception_rule ? requirement.exception_rule->rule->authority : requirement.rule->rule->authority)) +
            " notice: last day to file");
  }
  if (answer.earliest_ship_date) add(events, *answer.earliest_ship_date, TimelineMark::earliest, "earliest lawful ship date");
  add_rule_changes(rules, answer, events);
  std::stable_sort(events.begin(), events.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
    if (a.date != b.date) return a.date < b.date;
    return shipment_mark(a.mark) && !shipment_mark(b.mark);
  });
  // Two deadlines of one authority on one day say the same thing once.
  events.erase(std::unique(events.begin(), events.end(),
                           [](const TimelineEvent& a, const TimelineEvent& b) {
                             return a.date == b.date && a.mark == b.mark && a.label == b.label;
                           }),
               events.end());
  return events;
}

namespace {

struct Placed {
  const TimelineEvent* event;
  double x;
  int row;
  bool anchor_end;  // the label runs left of its mark (near the right edge)
};

// Rows of labels, first fit: a label goes on the lowest row where it does not touch the one
// before it.
int place(std::vector<Placed>& placed) {
  std::vector<double> row_end;
  for (Placed& p : placed) {
    double width = kCharWidth * static_cast<double>(p.event->label.size() + 11) + 10;  // "YYYY-MM-DD " + label
    p.anchor_end = p.x + width > kWidth - 4;
    double left = p.anchor_end ? p.x - width : p.x;
    double right = p.anchor_end ? p.x : p.x + width;
    size_t row = 0;
    while (row < row_end.size() && row_end[row] > left) ++row;
    if (row == row_end.size()) row_end.push_back(0);
    row_end[row] = right + 6;
    p.row = static_cast<int>(row);
  }
  return static_cast<int>(row_end.size());
}

const char* mark_class(TimelineMark mark) {
  switch (mark) {
    case TimelineMark::today: return "tl-today";
    case TimelineMark::ship_date: return "tl-ship";
    case TimelineMark::stop: return "tl-stop";
    case TimelineMark::notice_filed: return "tl-notice";
    case TimelineMark::deadline: return "tl-deadline";
    case TimelineMark::overdue: return "tl-overdue";
    case TimelineMark::earliest: return "tl-earliest";
    case TimelineMark::rule_change: return "tl-rule";
  }
  return "tl-rule";
}

// Whole pixels are fine enough, and keep the picture the same bytes on every machine.
void append_pixels(double value, std::string& out) { append_integer(static_cast<long long>(value + 0.5), out); }

// A shape per kind of mark, so that no kind is told apart by colour alone: a circle for the
// shipment's own dates, a diamond for deadlines, a square for the law, a bar for today.
void append_mark(TimelineMark mark, double x, int y, std::string& out) {
  out += "<g class=\"";
  out += mark_class(mark);
  out += "\">";
  switch (mark) {
    case TimelineMark::today:
      out += "<rect x=\"";
      append_pixels(x - 2, out);
      out += "\" y=\"";
      append_integer(y - 9, out);
      out += "\" width=\"4\" height=\"18\"/>";
      break;
    case TimelineMark::deadline:
    case TimelineMark::overdue:
      out += "<path d=\"M";
      append_pixels(x, out);
      out += ' ';
      append_integer(y - 7, out);
      out += " l7 7 l-7 7 l-7 -7 z\"/>";
      break;
    case TimelineMark::rule_change:
      out += "<rect x=\"";
      append_pixels(x - 5, out);
      out += "\" y=\"";
      append_integer(y - 5, out);
      out += "\" width=\"10\" height=\"10\"/>";
      break;
    default:
      out += "<circle cx=\"";
      append_pixels(x, out);
      out += "\" cy=\"";
      append_integer(y, out);
      out += "\" r=\"6\"/>";
  }
  out += "</g>";
}

// Two slanted strokes across the axis on a gap of the page's colour: time is left out here.
void append_axis_break(int x, int axis, std::string& out) {
  out += "<g class=\"tl-break\"><rect x=\"";
  append_integer(x - 6, out);
  out += "\" y=\"";
  append_integer(axis - 8, out);
  out += "\" width=\"12\" height=\"16\"/><path d=\"M";
  append_integer(x - 9, out);
  out += ' ';
  append_integer(axis + 7, out);
  out += " l6 -14 M";
  append_integer(x + 3, out);
  out += ' ';
  append_integer(axis + 7, out);
  out += " l6 -14\"/></g>";
}

}  // namespace

void append_timeline_svg(const std::vector<TimelineEvent>& events, std::string_view title_id, std::string& out) {
  if (events.empty()) return;
  // The scale spans the shipment and the law. Today, when it is far outside them (a replay of
  // an old shipment, a plan for next year), stands at the edge past a break in the axis rather
  // than squeezing every other date into a corner; its label still gives its date.
  const TimelineEvent* today = nullptr;
  Date first = kMaxDate, last = Date{};
  for (const TimelineEvent& event : events) {
    if (event.mark == TimelineMark::today) today = &event;
    if (event.mark == TimelineMark::today && events.size() > 1) continue;
    first = std::min(first, event.date);
    last = std::max(last, event.date);
  }
  if (today && events.size() > 1) {
    int far = std::max(kTimelineBreakDays, last - first);
    if (today->date >= first - far && today->date <= last + far) {
      first = std::min(first, today->date);
      last = std::max(last, today->date);
      today = nullptr;
    }
  } else {
    today = nullptr;
  }
  if (last - first < 14) {
    first = first - 7;
    last = last + 7;
  }
  bool break_left = today && today->date < first, break_right = today && today->date > last;
  double scale_from = kPad + (break_left ? kBreakWidth : 0), scale_to = kWidth - kPad - (break_right ? kBreakWidth : 0);
  double span = static_cast<double>(last - first);
  auto x_of = [&](Date date) {
    if (date < first) return static_cast<double>(kPad);
    if (date > last) return static_cast<double>(kWidth - kPad);
    return scale_from + static_cast<double>(date - first) / span * (scale_to - scale_from);
  };
  std::vector<Placed> above, below;
  for (const TimelineEvent& event : events)
    (shipment_mark(event.mark) ? above : below).push_back({&event, x_of(event.date), 0, false});
  int rows_above = place(above), rows_below = place(below);
  int axis = 12 + rows_above * kRowHeight + 14;
  int height = axis + 26 + rows_below * kRowHeight + 6;

  out += "<svg class=\"timeline\" role=\"img\" aria-labelledby=\"";
  append_html(title_id, out);
  out += "\" viewBox=\"0 0 ";
  append_integer(kWidth, out);
  out += ' ';
  append_integer(height, out);
  out += "\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">";
  // The axis, with a tick and the year and month at each month's first day (each year's for a
  // span over about two years).
  out += "<line class=\"tl-axis\" x1=\"";
  append_integer(kPad, out);
  out += "\" x2=\"";
  append_integer(kWidth - kPad, out);
  out += "\" y1=\"";
  append_integer(axis, out);
  out += "\" y2=\"";
  append_integer(axis, out);
  out += "\"/>";
  if (break_left || break_right) append_axis_break(break_left ? kPad + kBreakWidth / 2 : kWidth - kPad - kBreakWidth / 2, axis, out);
  bool yearly = last - first > 730;
  char buffer[10];
  double last_tick_label = -1e9;
  for (Date day = first; day <= last; day = day + 1) {
    format_date(day, buffer);
    bool month_start = buffer[8] == '0' && buffer[9] == '1';
    bool year_start = month_start && buffer[5] == '0' && buffer[6] == '1';
    if (!(yearly ? year_start : month_start)) continue;
    double x = x_of(day);
    out += "<line class=\"tl-tick\" x1=\"";
    append_pixels(x, out);
    out += "\" x2=\"";
    append_pixels(x, out);
    out += "\" y1=\"";
    append_integer(axis - 4, out);
    out += "\" y2=\"";
    append_integer(axis + 4, out);
    out += "\"/>";
    if (x - last_tick_label < 56 || x > kWidth - kPad - 40) continue;
    last_tick_label = x;
    out += "<text class=\"tl-tick-label\" x=\"";
    append_pixels(x + 2, out);
    out += "\" y=\"";
    append_integer(axis + 16, out);
    out += "\">";
    out.append(buffer, yearly ? 4 : 7);
    out += "</text>";
  }
  auto draw = [&](const std::vector<Placed>& side, bool is_above) {
    for (const Placed& p : side) {
      int label_y = is_above ? 12 + (rows_above - 1 - p.row) * kRowHeight + 10 : axis + 26 + p.row * kRowHeight + 10;
      out += "<line class=\"tl-leader\" x1=\"";
      append_pixels(p.x, out);
      out += "\" x2=\"";
      append_pixels(p.x, out);
      out += "\" y1=\"";
      append_integer(axis, out);
      out += "\" y2=\"";
      append_integer(is_above ? label_y + 3 : label_y - 10, out);
      out += "\"/>";
      append_mark(p.event->mark, p.x, axis, out);
      out += "<text class=\"tl-label ";
      out += mark_class(p.event->mark);
      out += "\" x=\"";
      append_pixels(p.anchor_end ? p.x - 4 : p.x + 4, out);
      out += "\" y=\"";
      append_integer(label_y, out);
      out += p.anchor_end ? "\" text-anchor=\"end\">" : "\">";
      append_date(p.event->date, out);
      out += ' ';
      append_html(p.event->label, out);
      out += "</text>";
    }
  };
  draw(below, false);
  draw(above, true);
  out += "</svg>";
}

}  // namespace exportctl
