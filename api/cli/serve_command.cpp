// exportctl serve, inside exportctl-serve: the HTTP/JSON service (docs/http.md). Options become
// a ServiceConfig; the rules are found as every other command finds them, again on each SIGHUP.
#include "commands.hpp"
#include "serve_options.hpp"

namespace exportctl::cli {
namespace {

int run_serve(const ServeArgs& args) {
  http::ServiceConfig config = args.config;
  config.decision_log = args.db;
  RuleSourceArgs source = args;
  http::RulesLoader load_rules = [source]() -> Result<Engine> {
    try {
      return load_engine(source);
    } catch (const RuntimeError& error) {
      return make_error(ErrorCode::bad_rules, "", error.message);
    } catch (const UsageError& error) {
      return make_error(ErrorCode::bad_input, "", error.message);
    }
  };
  if (Status served = http::run_service(config, load_rules); !served) throw RuntimeError{served.error().message()};
  return 0;
}

}  // namespace

Command serve_command() { return make_command(serve_spec(run_serve)); }

}  // namespace exportctl::cli
