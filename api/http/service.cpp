// Wiring the endpoints to cpp-httplib: routing, authentication, problem documents for the
// library's own errors, the access log and counters, signals, and an orderly stop.
//
// cpp-httplib serves each connection on one pool thread from its first request to its last, and
// each request start to finish on that thread; the per-request context below relies on that.
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "call.hpp"
#include "exportctl/version.hpp"
#include "problem.hpp"
#include "request_body.hpp"
#include "routes.hpp"
#include "service.hpp"
#include "service_state.hpp"

namespace exportctl::http {
namespace {

// Requests one connection may carry before it is closed, so that connections waiting for a pool
// thread get their turn.
constexpr size_t kKeepAliveRequests = 1000;
// How long an idle connection keeps its thread. cpp-httplib does not interrupt that wait on
// stop(), so it also bounds how long SIGTERM waits for idle clients.
constexpr time_t kKeepAliveSeconds = 2;

struct RequestContext {
  bool active = false;
  std::chrono::steady_clock::time_point started;
  size_t route = ServiceMetrics::kUnmatched;
  std::shared_ptr<const Engine> engine;
};
thread_local RequestContext request_context;

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

Result<std::string> read_token(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorCode::io, file, "cannot open the token file for reading");
  std::string token((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.empty()) return make_error(ErrorCode::bad_input, file, "the token file is empty");
  for (char c : token)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return make_error(ErrorCode::bad_input, file, "the token must be one line of visible ASCII characters");
  return token;
}

// Compares in time independent of where the strings differ.
bool same_secret(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  return difference == 0;
}

std::string problem_code_for(int status) {
  switch (status) {
    case 413: return "body_too_large";
    case 414: return "uri_too_long";
    case 404: return "not_found";
    default: return "bad_request";
  }
}

class Service {
 public:
  Service(ServiceState& state, std::string token) : state_(state), token_(std::move(token)) {}

  void configure(httplib::Server& server) {
    const ServiceConfig& config = state_.config;
    int threads = config.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    // Without it each answer waits ~40 ms for the client's delayed ACK (docs/http.md).
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(kKeepAliveRequests);
    server.set_keep_alive_timeout(kKeepAliveSeconds);
    server.set_read_timeout(config.timeout_seconds);
    server.set_write_timeout(config.timeout_seconds);
    server.set_payload_max_length(std::max(config.body_limit, config.batch_body_limit));
    server.set_default_headers({{"Exportctl-Engine-Version", std::string(kEngineVersion)},
                                {"Exportctl-Contract-Version", std::string(kContractVersion)}});

    server.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& response) {
      request_context.active = true;
      request_context.started = std::chrono::steady_clock::now();
      request_context.route = ServiceMetrics::kUnmatched;
      request_context.engine = state_.rules.current();
      response.set_header("Exportctl-Rules-Digest", request_context.engine->rules_digest());
      return httplib::Server::HandlerResponse::Unhandled;
    });
    // Every request comes to dispatch(): the routes are matched there, against one table.
    auto plain = [this](const httplib::Request& request, httplib::Response& response) {
      dispatch(request, response, nullptr);
    };
    auto with_body = [this](const httplib::Request& request, httplib::Response& response,
                            const httplib::ContentReader& content) { dispatch(request, response, &content); };
    server.Get(".*", plain);
    server.Options(".*", plain);
    server.Post(".*", with_body);
    server.Put(".*", with_body);
    server.Patch(".*", with_body);
    server.Delete(".*", with_body);
    // The library's own refusals (a malformed request, a head or body over its limits) have no
    // body yet: give them a problem document. Answers from dispatch() already have one.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& response) {
      if (!response.body.empty() || response.content_length_ > 0) return httplib::Server::HandlerResponse::Unhandled;
      std::string detail = response.status == 413 ? "request body: over the size limit"
                           : response.status == 414 ? "request line: too long"
                                                    : "malformed HTTP request";
      send_problem(response, response.status, problem_code_for(response.status), detail);
      return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
      log_response(request, response);
    });
  }

 private:
  void dispatch(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader* content) {
    auto match = match_route(request.method, request.path);
    if (match) request_context.route = match->index;
    static const std::vector<std::string> kNoValues;
    Call call{request,
              response,
              content,
              match ? match->path_values : kNoValues,
              state_,
              request_context.engine ? request_context.engine : state_.rules.current(),
              request_context.started};
    if (!token_.empty() && !same_secret(request.get_header_value("Authorization"), "Bearer " + token_)) {
      discard_body(call);
      response.set_header("WWW-Authenticate", "Bearer realm=\"exportctl\"");
      return send_problem(response, 401, "unauthorized", "Authorization: a valid \"Bearer\" token is required");
    }
    if (!match) {
      discard_body(call);
      std::string allowed = allowed_methods(request.path);
      if (allowed.empty()) return send_problem(response, 404, "not_found", "no endpoint at " + request.path);
      response.set_header("Allow", allowed);
      return send_problem(response, 405, "method_not_allowed",
                          request.method + " " + request.path + ": the endpoint takes " + allowed);
    }
    routes()[match->index].handler(call);
    discard_body(call);
  }

  void log_response(const httplib::Request& request, const httplib::Response& response) {
    RequestContext& context = request_context;
    auto now = std::chrono::steady_clock::now();
    auto duration = context.active ? now - context.started : std::chrono::nanoseconds(0);
    state_.metrics.count_request(context.route, response.status, duration);
    if (state_.access_log.enabled()) {
      // Written by hand rather than through a JSON library: this runs once per request.
      std::string line = "{\"time\":\"" + log_timestamp() + "\",\"remote\":";
      append_json_string(line, request.remote_addr);
      line += ",\"method\":";
      append_json_string(line, request.method);
      line += ",\"path\":";
      append_json_string(line, request.path);
      line += ",\"route\":";
      append_json_string(line, context.route < routes().size() ? routes()[context.route].path : "unmatched");
      char numbers[96];
      std::snprintf(numbers, sizeof numbers, ",\"status\":%d,\"duration_ms\":%.3f", response.status,
                    std::chrono::duration<double, std::milli>(duration).count());
      line += numbers;
      if (!response.is_chunked_content_provider_) line += ",\"response_bytes\":" + std::to_string(response.body.size());
      if (context.engine) line += ",\"rules_digest\":\"" + context.engine->rules_digest() + "\"";
      line += '}';
      state_.access_log.write(line);
    }
    context = RequestContext{};
  }

  ServiceState& state_;
  std::string token_;
};

void log_event(ServiceState& state, nlohmann::json event) {
  event["time"] = log_timestamp();
  state.events.write(event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Runs on its own thread with the three signals blocked everywhere else, so their handling is
// ordinary code rather than async-signal-safe code.
void handle_signals(ServiceState& state, httplib::Server& server, const sigset_t& signals, std::atomic<bool>& stopping) {
  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      Status reloaded = state.rules.reload();
      state.metrics.count_reload(reloaded.ok());
      if (reloaded)
        log_event(state, {{"event", "rules_reloaded"}, {"rules_digest", state.rules.current()->rules_digest()}});
      else
        log_event(state, {{"event", "rules_reload_failed"},
                          {"error", reloaded.error().message()},
                          {"rules_digest", state.rules.current()->rules_digest()}});
      continue;
    }
    if (!stopping.exchange(true))
      log_event(state, {{"event", "stopping"}, {"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
    server.stop();
    return;
  }
}

}  // namespace

Status run_service(const ServiceConfig& config, const RulesLoader& load_rules) {
  if (!is_loopback(config.host) && config.token_file.empty())
    return make_error(ErrorCode::bad_input, "", "--host " + config.host +
                                                " is not a loopback address: give --token-file FILE, so that every "
                                                "request must carry that bearer token");
  std::string token;
  if (!config.token_file.empty()) {
    auto read = read_token(config.token_file);
    if (!read) return read.error();
    token = std::move(read).value();
  }
  auto first = load_rules();
  if (!first) return first.error();

  std::vector<std::string> route_names;
  for (const Route& route : routes()) route_names.emplace_back(route.path);
  ServiceState state{config, RulesHolder(load_rules, std::move(first).value()), nullptr, ServiceMetrics(route_names), {}, {}};
  state.events.open("-");
  if (!state.access_log.open(config.access_log))
    return make_error(ErrorCode::io, config.access_log, "cannot open the access log for appending");
  if (!config.decision_log.empty()) {
    auto store = Store::open(config.decision_log, Store::Mode::create);
    if (!store) return store.error();
    state.decisions.reset(new DecisionLog{{}, std::move(store).value()});
  }

  // A client that goes away must not kill the service with SIGPIPE on the next write.
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal : {SIGHUP, SIGINT, SIGTERM}) sigaddset(&signals, signal);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // inherited by every thread started below

  httplib::Server server;
  Service service(state, token);
  service.configure(server);
  int port = config.port;
  if (port == 0) port = server.bind_to_any_port(config.host);
  else if (!server.bind_to_port(config.host, port)) port = -1;
  if (port <= 0)
    return make_error(ErrorCode::io, config.host + ":" + std::to_string(config.port), "cannot listen there");

  std::atomic<bool> stopping{false};
  std::thread signal_thread(handle_signals, std::ref(state), std::ref(server), std::cref(signals), std::ref(stopping));
  log_event(state, {{"event", "listening"},
                    {"host", config.host},
                    {"port", port},
                    {"rules_digest", state.rules.current()->rules_digest()},
                    {"engine_version", kEngineVersion},
                    {"contract_version", kContractVersion},
                    {"decision_log", config.decision_log.empty() ? nlohmann::json() : nlohmann::json(config.decision_log)},
                    {"authentication", token.empty() ? "none" : "bearer"}});
  // Returns once stop() was called and every connection's thread has finished its request.
  server.listen_after_bind();
  // Listening can also end without a signal (the socket failed); the signal thread then waits.
  if (!stopping.exchange(true)) ::kill(::getpid(), SIGTERM);
  signal_thread.join();
  log_event(state, {{"event", "stopped"}});
  return Ok{};
}

}  // namespace exportctl::http
