// The worklist as JSON (schema/json/todo.schema.json): keys sorted, one line.
#include "exportctl/todo.hpp"
#include "report/json_writer.hpp"

namespace exportctl {
namespace {

void write_filing(const FilingStep& filing, JsonWriter& json) {
  json.begin_object();
  json.key("action").string(filing.action);
  json.key("channel").string(filing.channel);
  json.key("citation").string(filing.citation);
  json.key("confidence").string(filing.confidence);
  json.key("file_with").string(filing.file_with);
  json.key("form").string(filing.form);
  json.key("lead").string(filing.lead);
  json.key("lead_days").integer(filing.lead_days);
  json.key("lead_note").string(filing.lead_note);
  json.key("rule").string(filing.rule);
  json.key("source_url").string(filing.source_url);
  json.key("version").integer(filing.version);
  json.end_object();
}

void write_action(const TodoAction& action, JsonWriter& json) {
  json.begin_object();
  if (!action.also_required_by.empty()) {
    json.key("also_required_by").begin_array();
    for (const std::string& rule : action.also_required_by) json.string(rule);
    json.end_array();
  }
  json.key("days_left").integer(action.days_left);
  json.key("deadline").date(action.deadline);
  json.key("deadline_from").string(action.deadline_basis == DeadlineBasis::answer ? "answer" : "lead_time");
  json.key("filing");
  if (action.filing) write_filing(*action.filing, json);
  else json.null();
  json.key("overdue").boolean(action.overdue);
  if (action.ready_on) json.key("ready_on").date(*action.ready_on);
  json.key("requirement").begin_object();
  json.key("authority").string(action.authority);
  json.key("citation").string(action.rule_citation);
  if (!action.exception.empty()) json.key("exception").string(action.exception);
  json.key("jurisdiction").string(action.jurisdiction);
  json.key("kind").string(action.kind);
  json.key("leg").string(action.leg);
  json.key("rule").string(action.rule);
  json.key("source_url").string(action.rule_source_url);
  json.key("status").string(action.status);
  json.key("version").integer(action.rule_version);
  json.end_object();
  json.key("shipment").begin_object();
  json.key("decision").integer(action.decision);
  json.key("destination").string(action.destination);
  json.key("id").string(action.shipment_id);
  json.key("origin").string(action.origin);
  json.key("ship_date").date(action.ship_date);
  json.end_object();
  json.end_object();
}

}  // namespace

void write_worklist_json(const Worklist& worklist, std::string& out) {
  JsonWriter json(out);
  int overdue = 0;
  for (const TodoAction& action : worklist.actions) overdue += action.overdue;
  json.begin_object();
  json.key("actions").begin_array();
  for (const TodoAction& action : worklist.actions) write_action(action, json);
  json.end_array();
  json.key("alerts").begin_array();
  for (const RegisterAlert& alert : worklist.alerts) {
    std::string rendered;  // the object GET /v1/register/alerts answers with
    write_register_alert_json(alert, rendered);
    json.members(rendered);
  }
  json.end_array();
  json.key("decisions_read").integer(worklist.decisions_read);
  json.key("overdue").integer(overdue);
  json.key("shipments_open").integer(worklist.shipments_open);
  json.key("today").date(worklist.today);
  json.end_object();
}

}  // namespace exportctl
