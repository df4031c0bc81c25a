// GET /v1/rules and GET /v1/rules/{id}: what `exportctl rules list|show --format json` print,
// on one line.
#include "exportctl/rule_listing.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "routes.hpp"

namespace exportctl::http {

void handle_rules_list(Call& call) {
  auto query = Query::read(call.request, {"date", "known_on", "include_proposed"});
  if (!query) return send_error(call.response, query.error());
  auto date = query.value().date("date");
  auto known_on = query.value().date("known_on");
  auto include_proposed = query.value().flag("include_proposed");
  for (const Error* error : {date ? nullptr : &date.error(), known_on ? nullptr : &known_on.error(),
                             include_proposed ? nullptr : &include_proposed.error()})
    if (error) return send_error(call.response, *error);
  std::string out;
  write_rules_in_force_json(*call.engine, date.value().value_or(today_utc()), known_on.value(), include_proposed.value(), out);
  send_json(call, std::move(out));
}

void handle_rule(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  std::string out;
  if (Status shown = write_rule_json(*call.engine, call.path_values[0], out); !shown)
    return send_problem(call.response, 404, "not_found", shown.error().message());
  send_json(call, std::move(out));
}

}  // namespace exportctl::http
