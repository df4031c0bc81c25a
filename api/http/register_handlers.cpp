// The register over HTTP (docs/register.md), what `exportctl register` does with --format json:
//   GET  /v1/register[?all=true&authority=US-BIS]   the entries, one JSON object per line
//   POST /v1/register                               add one entry (register-entry.schema.json): 201
//   GET  /v1/register/alerts[?today=D&within=30]     expiring or used-up entries shipments depend on
//   GET  /v1/register/{id}                           one entry with its usage
//   POST /v1/register/{id}/void                      {"by", "reason"}
//   POST /v1/decisions/{id}/void-usage               {"by", "reason"}: the units go back
// Only with a store (serve --db FILE). Each call takes the store's connection for itself and
// leaves no transaction or statement open when it returns (Register's contract), so another
// process reading the file sees what the service wrote at once.
#include <charconv>
#include <nlohmann/json.hpp>

#include "exportctl/register.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "routes.hpp"

namespace exportctl::http {
namespace {

constexpr const char* kBodySource = "<body>";

DecisionLog* register_store(Call& call) {
  if (!call.service.decisions)
    send_problem(call.response, 404, "not_found",
                 "the register is off: start 'exportctl serve' with --db FILE to keep a register");
  return call.service.decisions.get();
}

std::optional<int64_t> path_id(Call& call, const char* what) {
  const std::string& text = call.path_values[0];
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    send_problem(call.response, 404, "not_found", "\"" + text + "\" is not " + what + " (a positive number)");
    return std::nullopt;
  }
  return id;
}

// The start of a call on one entry or decision named in the path: no query parameters, a service
// with a register, and a positive id. nullptr when the answer (an error) has been sent.
DecisionLog* one_of_register(Call& call, const char* what, int64_t& id) {
  auto query = Query::read(call.request, {});
  if (!query) {
    send_error(call.response, query.error());
    return nullptr;
  }
  DecisionLog* log = register_store(call);
  if (!log) return nullptr;
  std::optional<int64_t> given = path_id(call, what);
  if (!given) return nullptr;
  id = *given;
  return log;
}

// "no register entry 9" and "no decision 9" are the caller's unknown ids: 404; other bad input 400.
void send_register_error(Call& call, const Error& error) {
  if (error.code == ErrorCode::bad_input && error.pointer.empty() &&
      (error.problem.starts_with("no register entry ") || error.problem.starts_with("no decision ")))
    return send_problem(call.response, 404, "not_found", error.message());
  send_error(call.response, error);
}

// {"by": "...", "reason": "..."}, nothing else.
bool read_void_body(Call& call, std::string& by, std::string& reason) {
  std::string body;
  if (!receive_body(call, {"application/json"}, call.service.config.body_limit, body)) return false;
  nlohmann::json document = nlohmann::json::parse(body, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    send_problem(call.response, 400, "bad_input", "<body>: /: expected an object {\"by\": WHO, \"reason\": WHY}");
    return false;
  }
  for (const auto& [key, value] : document.items()) {
    if ((key != "by" && key != "reason") || !value.is_string()) {
      send_problem(call.response, 400, "bad_input",
                   "<body>: /" + key + ": " + (key == "by" || key == "reason" ? "expected a string" : "unknown key"));
      return false;
    }
  }
  by = document.value("by", "");
  reason = document.value("reason", "");
  return true;
}

}  // namespace

void handle_register_list(Call& call) {
  auto query = Query::read(call.request, {"all", "authority"});
  if (!query) return send_error(call.response, query.error());
  auto all = query.value().flag("all");
  if (!all) return send_error(call.response, all.error());
  DecisionLog* log = register_store(call);
  if (!log) return;
  RegisterFilter filter;
  filter.include_voided = all.value();
  filter.authority = query.value().text("authority");
  std::string out;
  {
    std::lock_guard lock(log->mutex);
    auto records = open_register(log->store)->list(filter);
    if (!records) return send_register_error(call, records.error());
    for (const RegisterRecord& record : records.value()) {
      write_register_record_json(record, nullptr, out);
      out += '\n';
    }
  }
  send_json(call, std::move(out), 200, "application/x-ndjson");
}

void handle_register_add(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  DecisionLog* log = register_store(call);
  if (!log) return;
  std::string body;
  if (!receive_body(call, {"application/json"}, call.service.config.body_limit, body)) return;
  RegisterEntry entry;
  if (Status parsed = parse_register_entry(*call.engine, body, kBodySource, entry); !parsed)
    return send_error(call.response, parsed.error());
  std::string out;
  {
    std::lock_guard lock(log->mutex);
    std::unique_ptr<Register> register_ = open_register(log->store);
    auto id = register_->add(entry);
    if (!id) {
      Error error = id.error();
      if (error.source.empty()) error.source = kBodySource;
      return send_register_error(call, error);
    }
    auto record = register_->show(id.value());
    if (!record) return send_register_error(call, record.error());
    write_register_record_json(record.value(), nullptr, out);
    call.response.set_header("Location", "/v1/register/" + std::to_string(id.value()));
  }
  send_json(call, std::move(out), 201);
}

void handle_register_entry(Call& call) {
  int64_t id = 0;
  DecisionLog* log = one_of_register(call, "a register entry id", id);
  if (!log) return;
  std::string out;
  {
    std::lock_guard lock(log->mutex);
    std::unique_ptr<Register> register_ = open_register(log->store);
    auto record = register_->show(id);
    if (!record) return send_register_error(call, record.error());
    auto usage = register_->usage(id);
    if (!usage) return send_register_error(call, usage.error());
    write_register_record_json(record.value(), &usage.value(), out);
  }
  send_json(call, std::move(out));
}

void handle_register_void(Call& call) {
  int64_t id = 0;
  DecisionLog* log = one_of_register(call, "a register entry id", id);
  if (!log) return;
  std::string by, reason, out;
  if (!read_void_body(call, by, reason)) return;
  {
    std::lock_guard lock(log->mutex);
    std::unique_ptr<Register> register_ = open_register(log->store);
    if (Status voided = register_->void_entry(id, by, reason); !voided)
      return send_register_error(call, voided.error());
    auto record = register_->show(id);
    if (!record) return send_register_error(call, record.error());
    write_register_record_json(record.value(), nullptr, out);
  }
  send_json(call, std::move(out));
}

void handle_void_usage(Call& call) {
  int64_t id = 0;
  DecisionLog* log = one_of_register(call, "a decision id", id);
  if (!log) return;
  std::string by, reason;
  if (!read_void_body(call, by, reason)) return;
  {
    std::lock_guard lock(log->mutex);
    if (Status voided = open_register(log->store)->void_usage(id, by, reason); !voided)
      return send_register_error(call, voided.error());
  }
  send_json(call, nlohmann::json{{"decision", id}, {"usage_voided", true}}.dump());
}

void handle_register_alerts(Call& call) {
  auto query = Query::read(call.request, {"today", "within"});
  if (!query) return send_error(call.response, query.error());
  auto today = query.value().date("today");
  if (!today) return send_error(call.response, today.error());
  auto within = query.value().number("within");
  if (!within) return send_error(call.response, within.error());
  int days = 30;
  if (within.value()) {
    double given = *within.value();
    if (given < 0 || given > 3650 || given != static_cast<int>(given))
      return send_problem(call.response, 400, "bad_input", "query parameter within: a whole number of days from 0 to 3650");
    days = static_cast<int>(given);
  }
  DecisionLog* log = register_store(call);
  if (!log) return;
  std::string out;
  {
    std::lock_guard lock(log->mutex);
    auto alerts = register_alerts(log->store, today.value().value_or(today_utc()), days);
    if (!alerts) return send_register_error(call, alerts.error());
    for (const RegisterAlert& alert : alerts.value()) {
      write_register_alert_json(alert, out);
      out += '\n';
    }
  }
  send_json(call, std::move(out), 200, "application/x-ndjson");
}

}  // namespace exportctl::http
