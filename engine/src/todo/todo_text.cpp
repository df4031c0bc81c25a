// The worklist for an officer: one line per action under column heads, overdue ones marked "!",
// then each action in full with the sources that require it.
#include <algorithm>

#include "exportctl/todo.hpp"

namespace exportctl {
namespace {

std::string padded(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string right(std::string text, size_t width) {
  if (text.size() < width) text.insert(0, width - text.size(), ' ');
  return text;
}

std::string shipment_name(const TodoAction& action) {
  return action.shipment_id.empty() ? "(no id)" : action.shipment_id;
}

std::string what(const TodoAction& action) {
  if (action.filing) return action.filing->action;
  if (action.kind == "prohibition") return "Do not ship: prohibited by " + action.rule + " (no filing clears it here)";
  return "No filing fact answers this " + action.jurisdiction + " " + action.kind + " (" + action.rule +
         "): see its citation";
}

std::string deadline_words(const TodoAction& action) {
  std::string words = to_string(action.deadline);
  if (action.deadline_basis == DeadlineBasis::answer) return words + " (the deadline of the screening)";
  if (!action.filing) return words + " (the ship date)";
  int lead = action.filing->lead_days;
  words += " (ship date " + to_string(action.ship_date) + " minus " + std::to_string(lead) + (lead == 1 ? " day" : " days");
  if (action.filing->lead == "advisory") words += ", advice: no legal deadline";
  return words + ")";
}

std::string when_words(const TodoAction& action) {
  if (action.overdue) return "OVERDUE by " + std::to_string(-action.days_left) + (action.days_left == -1 ? " day" : " days");
  if (action.days_left == 0) return "due today";
  return "due in " + std::to_string(action.days_left) + (action.days_left == 1 ? " day" : " days");
}

}  // namespace

void write_worklist_text(const Worklist& worklist, std::string& out) {
  int overdue = 0;
  for (const TodoAction& action : worklist.actions) overdue += action.overdue;
  out += "Filing worklist on " + to_string(worklist.today) + ": " + std::to_string(worklist.actions.size()) +
         (worklist.actions.size() == 1 ? " open action" : " open actions") + " for " +
         std::to_string(worklist.shipments_open) + (worklist.shipments_open == 1 ? " shipment" : " shipments") +
         " that have not left (" + std::to_string(overdue) + " overdue; " + std::to_string(worklist.decisions_read) +
         " decisions in the log)\n";
  if (worklist.actions.empty()) {
    out += "\nNothing to file.\n";
  } else {
    size_t shipment_width = 8;
    for (const TodoAction& action : worklist.actions) shipment_width = std::max(shipment_width, shipment_name(action).size());
    out += "\n   " + padded("DUE", 10) + "  " + right("DAYS", 5) + "  " + padded("SHIPMENT", shipment_width) +
           "  TO  JUR  ACTION\n";
    for (const TodoAction& action : worklist.actions)
      out += std::string(action.overdue ? " ! " : "   ") + to_string(action.deadline) + "  " +
             right(std::to_string(action.days_left), 5) + "  " + padded(shipment_name(action), shipment_width) + "  " +
             padded(action.destination, 2) + "  " + padded(action.jurisdiction, 3) + "  " + what(action) + "\n";
    int number = 0;
    for (const TodoAction& action : worklist.actions) {
      out += "\n[" + std::to_string(++number) + "] " + when_words(action) + ": " + what(action) + "\n";
      out += "    Shipment: " + shipment_name(action) + " (decision " + std::to_string(action.decision) + ", " +
             action.origin + " to " + action.destination + ", ships " + to_string(action.ship_date) + ")\n";
      if (action.filing) {
        out += "    With:     " + action.filing->file_with + "\n";
        out += "    Channel:  " + action.filing->channel + "\n";
        out += "    Form:     " + action.filing->form + "\n";
      }
      out += "    By:       " + deadline_words(action) + "\n";
      if (action.ready_on)
        out += "    Ready on: " + to_string(*action.ready_on) + " (the first day the movement may take place)\n";
      out += "    Because:  " + action.rule + " v" + std::to_string(action.rule_version) + ", " + action.jurisdiction + " " +
             action.kind + (action.exception.empty() ? "" : " (" + action.exception + " notice)") + " " + action.status +
             ", " + action.leg + ": " + action.rule_citation + "\n";
      for (const std::string& also : action.also_required_by) out += "    Also for: " + also + " (the same filing meets it)\n";
      if (action.filing) {
        out += "    Filing:   " + action.filing->rule + " v" + std::to_string(action.filing->version) + " (" +
               action.filing->confidence + "): " + action.filing->citation + "\n";
        out += "    Lead:     " + action.filing->lead_note + "\n";
      }
    }
  }
  out += "\nAlerts (licenses and permits running out or expiring): ";
  out += worklist.alerts.empty() ? "none\n" : "\n";
  for (const RegisterAlert& alert : worklist.alerts) out += "    " + register_alert_text(alert) + "\n";
}

}  // namespace exportctl
