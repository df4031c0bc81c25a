#include "call.hpp"

#include <ctime>

#include "problem.hpp"
#include "request_body.hpp"

namespace exportctl::http {
namespace {

// A body is drained, not left on the connection, up to the larger of the two limits
// (request_body.hpp says why); past that the connection is given up.
size_t drain_limit(const ServiceConfig& config) { return std::max(config.body_limit, config.batch_body_limit); }

std::string media_type_list(std::initializer_list<std::string_view> media_types) {
  std::string out;
  for (std::string_view type : media_types) out += (out.empty() ? "" : " or ") + std::string(type);
  return out;
}

}  // namespace

bool receive_body(Call& call, std::initializer_list<std::string_view> media_types, size_t limit, std::string& out) {
  const ServiceConfig& config = call.service.config;
  call.body_read = true;
  if (!has_media_type(call.request, media_types)) {
    std::string ignored;
    read_body(call.request, *call.content, 0, drain_limit(config), ignored);
    std::string given = call.request.get_header_value("Content-Type");
    send_problem(call.response, 415, "unsupported_media_type",
                 "Content-Type " + (given.empty() ? std::string("missing") : "\"" + given + "\"") + ": send " +
                     media_type_list(media_types));
    return false;
  }
  switch (read_body(call.request, *call.content, limit, drain_limit(config), out)) {
    case BodyOutcome::complete:
      return true;
    case BodyOutcome::too_large:
      send_problem(call.response, 413, "body_too_large",
                   "request body: over the limit of " + std::to_string(limit) + " bytes");
      return false;
    case BodyOutcome::cut_short:
      break;
  }
  auto waited = std::chrono::steady_clock::now() - call.started;
  if (waited >= std::chrono::seconds(config.timeout_seconds))
    send_problem(call.response, 408, "timeout",
                 "request body: not received within " + std::to_string(config.timeout_seconds) + " s");
  else
    send_problem(call.response, 400, "bad_input", "request body: the connection ended before the body did");
  return false;
}

bool refuse_body(Call& call) {
  call.body_read = true;
  std::string ignored;
  if (!call.content || read_body(call.request, *call.content, 0, drain_limit(call.service.config), ignored) == BodyOutcome::complete)
    return true;
  send_problem(call.response, 400, "bad_input",
               "request body: this endpoint takes none (its options are query parameters)");
  return false;
}

void discard_body(Call& call) {
  if (call.body_read) return;
  call.body_read = true;
  std::string ignored;
  if (call.content) read_body(call.request, *call.content, 0, drain_limit(call.service.config), ignored);
}

void send_json(Call& call, std::string body, int status, const char* content_type) {
  call.response.status = status;
  call.response.body = std::move(body);  // set_content would copy it
  call.response.set_header("Content-Type", content_type);
}

Date today_utc() { return Date{static_cast<int32_t>(std::time(nullptr) / 86400)}; }

}  // namespace exportctl::http
