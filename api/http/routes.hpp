// The service's endpoints: one table, one handler per row. Adding an endpoint is a handler
// function and a row here (and its description in schema/http/openapi.json, which the tests
// hold the service to).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "call.hpp"
#include "exportctl/batch.hpp"
#include "query.hpp"

namespace exportctl::http {

using Handler = void (*)(Call& call);

struct Route {
  std::string_view method;  // "GET" (which also answers HEAD) or "POST"
  std::string_view path;    // "/v1/rules/{id}": a {name} segment matches any one non-empty segment
  Handler handler;
};

const std::vector<Route>& routes();

// The route for a method and path, its index in routes(), and the values of its {name} segments.
struct RouteMatch {
  size_t index = 0;
  std::vector<std::string> path_values;
};
std::optional<RouteMatch> match_route(std::string_view method, std::string_view path);
// The methods other routes accept on this path ("GET, POST"), for 405 and Allow; "" when none.
std::string allowed_methods(std::string_view path);

// ---- shared by the screening and record handlers (screening_handlers.cpp) -------------------
// known_on, include_proposed and trace, as the CLI's --known-on, --include-proposed and --trace;
// false after sending the problem with the first bad one.
bool read_screen_options(Call& call, const Query& query, ScreenOptions& options);
// Screens a request body read whole into a chunked response; a failure after the headers went
// can only cut the response short.
Result<BatchSummary> stream_batch(const Engine& engine, const std::string& body, const BatchOptions& options,
                                  httplib::DataSink& sink);

// ---- handlers, by file ----------------------------------------------------------------------
// screening_handlers.cpp
void handle_check(Call& call);
void handle_batch(Call& call);
void handle_classify(Call& call);
// rules_handlers.cpp
void handle_rules_list(Call& call);
void handle_rule(Call& call);
// decision_handlers.cpp
void handle_decisions(Call& call);
void handle_decision(Call& call);
void handle_replay(Call& call);
// todo_handlers.cpp
void handle_todo(Call& call);
// The register (register_handlers.cpp, docs/register.md).
void handle_register_list(Call& call);
void handle_register_add(Call& call);
void handle_register_alerts(Call& call);
void handle_register_entry(Call& call);
void handle_register_void(Call& call);
void handle_void_usage(Call& call);
// record_handlers.cpp
void handle_record(Call& call);
void handle_validate(Call& call);
// page_handlers.cpp
void handle_page(Call& call);
void handle_asset(Call& call);
void handle_catalog(Call& call);
void handle_about(Call& call);
// service_handlers.cpp
void handle_health(Call& call);
void handle_metrics(Call& call);
void handle_document(Call& call);

}  // namespace exportctl::http
