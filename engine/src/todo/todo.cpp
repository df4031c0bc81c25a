// build_worklist: the log's open shipments (open_shipments.cpp) through the plan (worklist.cpp).
#include "exportctl/todo.hpp"

#include "engine_state.hpp"
#include "todo/open_shipments.hpp"
#include "todo/worklist.hpp"

namespace exportctl {

Result<Worklist> build_worklist(const Store& store, const Engine& engine, Date today) {
  auto open = todo::read_open_shipments(store, today);
  if (!open) return open.error();
  Worklist worklist;
  worklist.today = today;
  worklist.decisions_read = open.value().decisions_read;
  worklist.shipments_open = static_cast<int64_t>(open.value().shipments.size());
  worklist.actions = todo::plan_actions(rules_of(engine), open.value().shipments, today);
  auto alerts = register_alerts(store, today, kAlertWindowDays);
  if (!alerts) return alerts.error();
  worklist.alerts = std::move(alerts.value());
  return worklist;
}

}  // namespace exportctl
