#include "serve_options.hpp"

#include <charconv>

namespace exportctl::cli {
namespace {

// A whole number in [lowest, highest] for `field` of the config.
template <typename Number>
Option<ServeArgs> whole_number(std::string name, Number http::ServiceConfig::*field, long long lowest, long long highest,
                               std::string help) {
  return {name, "", true, false, std::move(help), [=](ServeArgs& args, const std::string& text) {
            long long value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error != std::errc() || end != text.data() + text.size() || value < lowest || value > highest)
              throw UsageError{name + " is a whole number from " + std::to_string(lowest) + " to " +
                               std::to_string(highest) + ", not \"" + text + "\""};
            args.config.*field = static_cast<Number>(value);
          }};
}

Option<ServeArgs> config_text(std::string name, std::string http::ServiceConfig::*field, std::string help) {
  return {std::move(name), "", true, false, std::move(help),
          [field](ServeArgs& args, const std::string& value) { args.config.*field = value; }};
}

}  // namespace

CommandSpec<ServeArgs> serve_spec(int (*run)(const ServeArgs& args)) {
  constexpr long long kGiB = 1LL << 30;
  return CommandSpec<ServeArgs>{
      "serve", "serve [--host H] [--port P] [--db FILE]   the HTTP/JSON service (docs/http.md)",
      none<ServeArgs>("serve takes no arguments"),
      {rules_option<ServeArgs>(), db_option<ServeArgs>(),
       config_text("--host", &http::ServiceConfig::host, "address to listen on (default 127.0.0.1; another needs --token-file)"),
       whole_number("--port", &http::ServiceConfig::port, 0, 65535, "TCP port (default 8080; 0: any free port, logged at start)"),
       config_text("--token-file", &http::ServiceConfig::token_file, "file holding a bearer token every request must carry"),
       config_text("--access-log", &http::ServiceConfig::access_log,
                   "JSON lines, one per response: FILE, - (standard error, default) or off"),
       whole_number("--body-limit", &http::ServiceConfig::body_limit, 1, kGiB, "largest request body in bytes (default 1048576)"),
       whole_number("--batch-body-limit", &http::ServiceConfig::batch_body_limit, 1, 16 * kGiB,
                    "largest /v1/batch body in bytes (default 67108864)"),
       whole_number("--timeout", &http::ServiceConfig::timeout_seconds, 1, 3600,
                    "seconds to wait on a client's read or write (default 5)"),
       whole_number("--threads", &http::ServiceConfig::threads, 1, 1024, "connections served at once (default 64)")},
      run};
}

}  // namespace exportctl::cli
