// GET /v1/decisions, GET /v1/decisions/{id} and POST /v1/decisions/{id}/replay: what
// `exportctl audit export` (with the filters of `audit list`), `audit show ID` and `replay ID`
// print with --format json. Only with a decision log (serve --db FILE).
#include <charconv>

#include "exportctl/audit.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "routes.hpp"

namespace exportctl::http {
namespace {

// The logged decision named by the path, or a 404 problem (no log, not a number, no such record).
std::optional<DecisionRecord> find_decision(Call& call, DecisionLog& log) {
  const std::string& text = call.path_values[0];
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    send_problem(call.response, 404, "not_found", "\"" + text + "\" is not a decision id (a positive number)");
    return std::nullopt;
  }
  auto found = log.store.decision(id);
  if (!found) {
    // The store answers bad_input for an id it does not hold, io when it cannot be read.
    if (found.error().code == ErrorCode::bad_input) send_problem(call.response, 404, "not_found", found.error().message());
    else send_error(call.response, found.error());
    return std::nullopt;
  }
  return std::move(found).value();
}

DecisionLog* decision_log(Call& call) {
  if (!call.service.decisions)
    send_problem(call.response, 404, "not_found",
                 "the decision log is off: start 'exportctl serve' with --db FILE to record and replay decisions");
  return call.service.decisions.get();
}

// A whole number in [minimum, maximum], or the default when absent.
Result<int64_t> whole_number(const Query& query, const std::string& name, int64_t fallback, int64_t minimum,
                             int64_t maximum) {
  auto value = query.text(name);
  if (!value) return fallback;
  int64_t number = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (value->empty() || error != std::errc() || end != value->data() + value->size() || number < minimum ||
      number > maximum)
    return make_error(ErrorCode::bad_input, "",
                      "query parameter " + name + ": \"" + *value + "\" is not a whole number from " +
                          std::to_string(minimum) + " to " + std::to_string(maximum));
  return number;
}

constexpr int64_t kDefaultPage = 1000, kLargestPage = 10000;

}  // namespace

void handle_decisions(Call& call) {
  auto query = Query::read(call.request, {"since", "limit", "recorded_from", "recorded_to", "ship_from", "ship_to",
                                          "verdict", "shipment_id", "exporter", "destination", "rule", "rules_digest"});
  if (!query) return send_error(call.response, query.error());
  DecisionFilter filter;
  auto since = whole_number(query.value(), "since", 0, 0, INT64_MAX);
  if (!since) return send_error(call.response, since.error());
  filter.after_id = since.value();
  auto limit = whole_number(query.value(), "limit", kDefaultPage, 1, kLargestPage);
  if (!limit) return send_error(call.response, limit.error());
  for (auto [name, field] : {std::pair{"recorded_from", &DecisionFilter::recorded_from},
                             std::pair{"recorded_to", &DecisionFilter::recorded_to},
                             std::pair{"ship_from", &DecisionFilter::ship_from}, std::pair{"ship_to", &DecisionFilter::ship_to}}) {
    auto date = query.value().date(name);
    if (!date) return send_error(call.response, date.error());
    filter.*field = date.value();
  }
  for (auto [name, field] : {std::pair{"verdict", &DecisionFilter::verdict},
                             std::pair{"shipment_id", &DecisionFilter::shipment_id},
                             std::pair{"exporter", &DecisionFilter::exporter},
                             std::pair{"destination", &DecisionFilter::destination},
                             std::pair{"rule", &DecisionFilter::rule},
                             std::pair{"rules_digest", &DecisionFilter::rules_digest}})
    filter.*field = query.value().text(name);
  if (Status checked = check_decision_filter(filter); !checked) return send_error(call.response, checked.error());
  DecisionLog* log = decision_log(call);
  if (!log) return;
  std::string out;
  {
    std::lock_guard lock(log->mutex);
    int64_t left = limit.value();
    auto read = log->store.each_decision(filter, [&](const DecisionRecord& record) {
      write_decision_json(record, out);
      out += '\n';
      return --left > 0;
    });
    if (!read) return send_error(call.response, read.error());
  }
  send_json(call, std::move(out), 200, "application/x-ndjson");
}

void handle_decision(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  DecisionLog* log = decision_log(call);
  if (!log) return;
  std::lock_guard lock(log->mutex);
  auto record = find_decision(call, *log);
  if (!record) return;
  std::string out;
  write_decision_json(*record, out);
  send_json(call, std::move(out));
}

void handle_replay(Call& call) {
  auto query = Query::read(call.request, {"known_on", "include_proposed", "as_recorded"});
  if (!query) return send_error(call.response, query.error());
  auto known_on = query.value().date("known_on");
  auto include_proposed = query.value().flag("include_proposed");
  auto as_recorded = query.value().flag("as_recorded");
  for (const Error* error : {known_on ? nullptr : &known_on.error(), include_proposed ? nullptr : &include_proposed.error(),
                             as_recorded ? nullptr : &as_recorded.error()})
    if (error) return send_error(call.response, *error);
  if (!refuse_body(call)) return;
  DecisionLog* log = decision_log(call);
  if (!log) return;
  std::lock_guard lock(log->mutex);
  auto record = find_decision(call, *log);
  if (!record) return;
  ReplayOptions options;
  options.known_on = known_on.value();
  options.include_proposed = include_proposed.value();
  options.as_recorded = as_recorded.value();
  auto replayed = replay_decision(log->store, *record, call.engine.get(), options);
  if (!replayed) return send_error(call.response, replayed.error());
  std::string out;
  write_replay_json(replayed.value(), out);
  send_json(call, std::move(out));
}

}  // namespace exportctl::http
