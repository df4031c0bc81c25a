#include "report/deadline_text.hpp"

#include "report/append_text.hpp"

namespace exportctl {
namespace {

void append_day_count(long long days, std::string& out) {
  append_integer(days, out);
  out += days == 1 ? " day" : " days";
}

// ", in 25 days" / ", today" / ": overdue by 3 days" for a day something must be done by.
void append_due(Date due, std::optional<Date> today, std::string& out) {
  if (!today) return;
  if (due < *today) {
    out += ": overdue by ";
    append_day_count(*today - due, out);
    return;
  }
  out += ", ";
  append_days_from(due, *today, out);
}

// ", 3 days ago" / ", today" / ", in 5 days" for a day that is merely a fact.
void append_relative(Date date, std::optional<Date> today, std::string& out) {
  if (!today) return;
  out += ", ";
  append_days_from(date, *today, out);
}

}  // namespace

void append_days_from(Date date, Date today, std::string& out) {
  if (date == today) {
    out += "today";
  } else if (date > today) {
    out += "in ";
    append_day_count(date - today, out);
  } else {
    append_day_count(today - date, out);
    out += " ago";
  }
}

bool deadline_overdue(const Requirement& requirement, std::optional<Date> today) {
  return today && requirement.deadline && requirement.status == RequirementStatus::missing &&
         *requirement.deadline < *today;
}

bool append_deadline(const RuleSet& rules, const Requirement& requirement, std::optional<Date> today, std::string& out) {
  if (!requirement.deadline) return false;
  if (requirement.status == RequirementStatus::missing) {
    if (requirement.kind != RequirementKind::notification) {
      if (!requirement.exception_rule) return false;
      out += "for License Exception ";
      out += rules.loaded(*requirement.exception_rule).content.exception_name;
      out += ", file the notice by ";
    } else {
      out += "file by ";
    }
    append_date(*requirement.deadline, out);
    append_due(*requirement.deadline, today, out);
    return true;
  }
  if (requirement.status != RequirementStatus::late) return false;
  out += "the last day to file was ";
  append_date(*requirement.deadline, out);
  append_relative(*requirement.deadline, today, out);
  if (requirement.ready_on) {
    out += "; the movement may take place from ";
    append_date(*requirement.ready_on, out);
    append_relative(*requirement.ready_on, today, out);
  }
  return true;
}

}  // namespace exportctl
