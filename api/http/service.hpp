// exportctl serve: the engine as an HTTP/JSON service (docs/http.md, schema/http/openapi.json).
//
//   exportctl::http::ServiceConfig config;
//   config.port = 8080;
//   int code = exportctl::http::run_service(config, [] { return exportctl::Engine::load_directory("rules"); });
//
// The service is thin over the engine library: each endpoint turns a request into the library
// call the matching command makes and its answer into the same JSON. It blocks until SIGTERM or
// SIGINT, then stops accepting, finishes the requests in flight and returns 0. SIGHUP reloads
// the rules through `load_rules`; a rule set that fails to load is logged and the old one stays.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "exportctl/engine.hpp"
#include "exportctl/result.hpp"

namespace exportctl::http {

struct ServiceConfig {
  std::string host = "127.0.0.1";    // a non-loopback address needs token_file
  int port = 8080;                   // 0: any free port (the chosen one is logged)
  std::string token_file;            // when set, every request needs "Authorization: Bearer <token>"
  std::string decision_log;          // SQLite store for record=true and /v1/decisions; "": off
  std::string access_log = "-";      // JSON lines; "-": standard error; "off": none
  size_t body_limit = 1 << 20;       // bytes of one request body (413 above)
  size_t batch_body_limit = 64 << 20;  // bytes of a /v1/batch body
  int timeout_seconds = 5;           // to receive a request or send a response, per read or write
  int threads = 64;                  // connections served at once (each holds a thread)
};

// Loads (and, on SIGHUP, reloads) the rule set the service answers with.
using RulesLoader = std::function<Result<Engine>()>;

// Serves until stopped. Fails without serving (io or bad_input, one-line message) when the rules
// do not load, the address cannot be bound, the token file is unreadable or empty, a
// non-loopback host has no token file, or the decision log cannot be opened.
Status run_service(const ServiceConfig& config, const RulesLoader& load_rules);

}  // namespace exportctl::http
