// The worklist as an RFC 5545 calendar: one all-day event per action on its deadline.
#include "common/sha256.hpp"
#include "exportctl/todo.hpp"
#include "todo/ics_text.hpp"

namespace exportctl {
namespace {

// "20250702" for a DATE value.
std::string ics_date(Date date) {
  std::string text = to_string(date);
  return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
}

// Stable for the same shipment, filing (or requirement) and leg, so a calendar that imports a
// later worklist updates the event instead of adding a second one; a shipment without an id is
// known by its decision.
std::string uid_of(const TodoAction& action) {
  std::string identity = action.shipment_id.empty() ? "decision " + std::to_string(action.decision)
                                                    : "shipment " + action.shipment_id;
  identity += "\n" + action.rule + "\n" + (action.filing ? action.filing->rule : std::string()) + "\n" + action.leg;
  return sha256_hex(identity).substr(0, 32) + "@exportctl";
}

// Stable for the same entry and kind of alert, so a later worklist updates the event.
std::string uid_of(const RegisterAlert& alert) {
  return sha256_hex("register entry " + std::to_string(alert.entry_id) + "\n" + std::string(name(alert.kind)))
             .substr(0, 32) +
         "@exportctl";
}

std::string description_of(const TodoAction& action) {
  std::string text;
  if (action.filing) {
    text += "File: " + action.filing->action + "\nWith: " + action.filing->file_with + "\nChannel: " +
            action.filing->channel + "\nForm: " + action.filing->form + "\n";
  } else {
    text += "No filing fact answers this requirement: see its citation.\n";
  }
  text += "Shipment: " + (action.shipment_id.empty() ? std::string("(no id)") : action.shipment_id) + ", decision " +
          std::to_string(action.decision) + ", " + action.origin + " to " + action.destination + ", ships " +
          to_string(action.ship_date) + "\n";
  text += "Deadline: " + to_string(action.deadline) +
          (action.deadline_basis == DeadlineBasis::answer ? " (the deadline of the screening)" : " (ship date minus the lead time)") +
          (action.overdue ? ", OVERDUE" : "") + "\n";
  if (action.ready_on) text += "Ready on: " + to_string(*action.ready_on) + "\n";
  text += "Required by: " + action.rule + " v" + std::to_string(action.rule_version) + " (" + action.status + ", " +
          action.leg + "): " + action.rule_citation + "\n";
  for (const std::string& also : action.also_required_by) text += "Also required by: " + also + "\n";
  if (action.filing)
    text += "Filing fact: " + action.filing->rule + " v" + std::to_string(action.filing->version) + ": " +
            action.filing->citation + "\nLead time: " + action.filing->lead_note;
  return text;
}

}  // namespace

void write_worklist_ics(const Worklist& worklist, std::string& out) {
  auto line = [&](const std::string& text) { todo::append_ics_line(text, out); };
  const std::string stamp = ics_date(worklist.today) + "T000000Z";
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//exportctl//filing worklist//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + todo::ics_escape("exportctl filing worklist " + to_string(worklist.today)));
  for (const TodoAction& action : worklist.actions) {
    std::string what = action.filing               ? action.filing->action
                       : action.kind == "prohibition" ? "Do not ship: prohibited by " + action.rule
                                                      : "No filing fact: " + action.jurisdiction + " " + action.kind;
    std::string summary = std::string(action.overdue ? "OVERDUE: " : "") + what + " (" +
                          (action.shipment_id.empty() ? "decision " + std::to_string(action.decision) : action.shipment_id) +
                          ", " + action.destination + ")";
    line("BEGIN:VEVENT");
    line("UID:" + uid_of(action));
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + ics_date(action.deadline));
    // DTEND of an all-day event is exclusive: the day after the deadline (RFC 5545 3.6.1).
    line("DTEND;VALUE=DATE:" + ics_date(action.deadline + 1));
    line("SUMMARY:" + todo::ics_escape(summary));
    line("DESCRIPTION:" + todo::ics_escape(description_of(action)));
    line("CATEGORIES:" + todo::ics_escape(action.jurisdiction) + "," + todo::ics_escape(action.overdue ? "overdue" : "open"));
    if (action.filing) line("URL:" + action.filing->source_url);
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  for (const RegisterAlert& alert : worklist.alerts) {
    line("BEGIN:VEVENT");
    line("UID:" + uid_of(alert));
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + ics_date(alert.due));
    line("DTEND;VALUE=DATE:" + ics_date(alert.due + 1));
    line("SUMMARY:" + todo::ics_escape(alert.authority + " " + alert.entry_kind + " " + alert.number +
                                      (alert.kind == AlertKind::expires ? " expires" : " is used up")));
    line("DESCRIPTION:" + todo::ics_escape(register_alert_text(alert)));
    line("CATEGORIES:register," + std::string(name(alert.kind)));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
}

}  // namespace exportctl
