// The service's request path without a socket: the input is one request, a request line
// ("POST /v1/check?trace=true"), header lines, a blank line and the body, decoded as cpp-httplib
// decodes them (percent-decoded path, query parameters), then routed through the one route table
// and answered by the endpoint's handler, as `exportctl serve` does after authentication. An
// input that does not start with a method is the body of POST /v1/check. A streamed answer
// (/v1/batch) is pulled to its end. No decision log is configured, so nothing is written.
// Checks: the status is an HTTP status; a JSON or problem answer is one valid JSON document.
//
// Not covered here: cpp-httplib's own reading of the request head from a socket (its parser,
// not ours), and authentication (a comparison of one header).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "problem.hpp"
#include "routes.hpp"
#include "fuzz_support.hpp"
#include "service_state.hpp"

namespace {

using namespace exportctl::http;

ServiceState& service() {
  static ServiceState* state = [] {
    auto load = [] { return exportctl::Engine::load_directory(fuzz::rules_directory()); };
    auto first = load();
    if (!first) fuzz::fail(first.error().message());
    std::vector<std::string> route_names;
    for (const Route& route : routes()) route_names.emplace_back(route.path);
    ServiceConfig config;
    config.access_log = "off";
    return new ServiceState{config, RulesHolder(load, std::move(first).value()), nullptr, ServiceMetrics(route_names), {}, {}};
  }();
  return *state;
}

bool is_method(std::string_view word) {
  for (std::string_view method : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (word == method) return true;
  return false;
}

// Fills `request` from the input; returns the body.
std::string read_request(std::string_view input, httplib::Request& request) {
  size_t line_end = input.find('\n');
  std::string_view first = input.substr(0, line_end);
  size_t space = first.find(' ');
  if (line_end == std::string_view::npos || space == std::string_view::npos || !is_method(first.substr(0, space))) {
    request.method = "POST";
    request.path = "/v1/check";
    request.set_header("Content-Type", "application/json");
    return std::string(input);
  }
  request.method = std::string(first.substr(0, space));
  std::string_view target = first.substr(space + 1);
  if (!target.empty() && target.back() == '\r') target.remove_suffix(1);
  size_t question = target.find('?');
  request.path = httplib::detail::decode_url(std::string(target.substr(0, question)), false);
  if (question != std::string_view::npos)
    httplib::detail::parse_query_text(std::string(target.substr(question + 1)), request.params);
  size_t pos = line_end + 1;
  while (pos < input.size()) {
    size_t end = input.find('\n', pos);
    if (end == std::string_view::npos) end = input.size();
    std::string_view line = input.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.set_header(std::string(line.substr(0, colon)), std::string(value));
  }
  return pos < input.size() ? std::string(input.substr(pos)) : std::string();
}

bool is_json_type(const std::string& type) {
  return type.rfind("application/json", 0) == 0 || type.rfind("application/problem+json", 0) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ServiceState& state = service();
  httplib::Request request;
  std::string body = read_request(fuzz::text(data, size), request);
  if (!body.empty() && !request.has_header("Content-Length") && !request.has_header("Transfer-Encoding"))
    request.set_header("Content-Length", std::to_string(body.size()));
  // The body arrives in pieces, as from a socket.
  httplib::ContentReader content(
      [&](httplib::ContentReceiver receive) {
        for (size_t offset = 0; offset < body.size(); offset += 4096)
          if (!receive(body.data() + offset, std::min<size_t>(4096, body.size() - offset))) return false;
        return true;
      },
      [](httplib::MultipartContentHeader, httplib::ContentReceiver) { return false; });

  httplib::Response response;
  auto match = match_route(request.method, request.path);
  static const std::vector<std::string> kNoValues;
  Call call{request, response, &content, match ? match->path_values : kNoValues, state, state.rules.current(),
            std::chrono::steady_clock::now()};
  if (!match) {
    discard_body(call);
    std::string allowed = allowed_methods(request.path);
    if (allowed.empty()) send_problem(response, 404, "not_found", "no endpoint at " + request.path);
    else send_problem(response, 405, "method_not_allowed", request.method + " " + request.path + ": the endpoint takes " + allowed);
  } else {
    routes()[match->index].handler(call);
    discard_body(call);
  }
  if (response.status == -1) response.status = 200;  // cpp-httplib's default for a handler that sets none
  if (response.status < 100 || response.status > 599) fuzz::fail("status " + std::to_string(response.status));

  std::string answer = response.body;
  if (response.content_provider_) {
    // A streamed answer: pulled as cpp-httplib pulls it, until the provider says it is done.
    bool done = false;
    httplib::DataSink sink;
    sink.write = [&](const char* bytes, size_t length) {
      answer.append(bytes, length);
      return true;
    };
    sink.is_writable = [] { return true; };
    sink.done = [&] { done = true; };
    for (size_t offset = 0, rounds = 0; !done && rounds < 100000; ++rounds) {
      if (!response.content_provider_(offset, 0, sink)) break;
      offset = answer.size();
    }
    if (!done) fuzz::fail("a streamed answer never ended");
  }
  std::string type = response.get_header_value("Content-Type");
  if (is_json_type(type) && !response.is_chunked_content_provider_ &&
      nlohmann::json::parse(answer, nullptr, false).is_discarded())
    fuzz::fail("a " + type + " answer that is not JSON: " + answer.substr(0, 200));
  return 0;
}
