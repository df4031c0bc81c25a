// exportctl serve: the HTTP/JSON service (docs/http.md). Options become a ServiceConfig; the
// rules are found as every other command finds them, again on each SIGHUP.
#include <charconv>

#include "../http/service.hpp"
#include "command_line.hpp"
#include "commands.hpp"

namespace exportctl::cli {
namespace {

long number_option(const CommandLine& line, const std::string& name, long fallback, long lowest, long highest) {
  auto text = line.value(name);
  if (!text) return fallback;
  long value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < lowest || value > highest)
    throw UsageError{name + " is a whole number from " + std::to_string(lowest) + " to " + std::to_string(highest) +
                     ", not \"" + *text + "\""};
  return value;
}

}  // namespace

int run_serve(const CommandLine& line) {
  if (!line.positional.empty()) throw UsageError{"serve takes no arguments"};
  http::ServiceConfig config;
  config.host = line.value("--host").value_or(config.host);
  config.port = static_cast<int>(number_option(line, "--port", config.port, 0, 65535));
  config.token_file = line.value("--token-file").value_or("");
  config.decision_log = line.value("--db").value_or("");
  config.access_log = line.value("--access-log").value_or(config.access_log);
  constexpr long kGiB = 1L << 30;
  config.body_limit = static_cast<size_t>(number_option(line, "--body-limit", static_cast<long>(config.body_limit), 1, kGiB));
  config.batch_body_limit = static_cast<size_t>(
      number_option(line, "--batch-body-limit", static_cast<long>(config.batch_body_limit), 1, 16 * kGiB));
  config.timeout_seconds = static_cast<int>(number_option(line, "--timeout", config.timeout_seconds, 1, 3600));
  config.threads = static_cast<int>(number_option(line, "--threads", config.threads, 1, 1024));

  http::RulesLoader load_rules = [line]() -> Result<Engine> {
    try {
      return load_engine(line);
    } catch (const RuntimeError& error) {
      return make_error(ErrorCode::bad_rules, error.message);
    } catch (const UsageError& error) {
      return make_error(ErrorCode::bad_input, error.message);
    }
  };
  if (Status served = http::run_service(config, load_rules); !served) throw RuntimeError{served.error().message};
  return 0;
}

}  // namespace exportctl::cli
