// GET /v1/todo?today=D&format=json|ics: the filing worklist, as `exportctl todo --db` prints it
// with --format json or ics (docs/todo.md), with the filing facts of the service's current rules.
// Only with a decision log (serve --db FILE).
#include "exportctl/todo.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "routes.hpp"
#include "service_state.hpp"

namespace exportctl::http {

void handle_todo(Call& call) {
  auto query = Query::read(call.request, {"today", "format"});
  if (!query) return send_error(call.response, query.error());
  auto today = query.value().date("today");
  if (!today) return send_error(call.response, today.error());
  std::string format = query.value().text("format").value_or("json");
  if (format != "json" && format != "ics")
    return send_error(call.response, make_error(ErrorCode::bad_input, "",
                                                "query parameter format: \"" + format + "\" is not json or ics"));
  if (!call.service.decisions)
    return send_problem(call.response, 404, "not_found",
                        "the decision log is off: start 'exportctl serve' with --db FILE for the filing worklist");
  DecisionLog& log = *call.service.decisions;
  Result<Worklist> worklist = [&] {
    std::lock_guard lock(log.mutex);
    return build_worklist(log.store, *call.engine, today.value().value_or(today_utc()));
  }();
  if (!worklist) return send_error(call.response, worklist.error());
  std::string out;
  if (format == "ics") {
    write_worklist_ics(worklist.value(), out);
    return send_json(call, std::move(out), 200, "text/calendar; charset=utf-8");
  }
  write_worklist_json(worklist.value(), out);
  send_json(call, std::move(out));
}

}  // namespace exportctl::http
