// The options of `exportctl serve`, shared by the two executables that read them: `exportctl`
// checks them and hands the words to `exportctl-serve`, which reads them again and serves
// (serve_launcher.cpp explains why the service runs in its own executable).
//
//   Command command = make_command(serve_spec(run_serve));
#pragma once

#include "../http/service.hpp"
#include "command.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {

struct ServeArgs : RuleSourceArgs {
  http::ServiceConfig config;  // --db is also its decision log
};

// The command's name, synopsis, options and help; `run` is what runs on the parsed options.
CommandSpec<ServeArgs> serve_spec(int (*run)(const ServeArgs& args));

}  // namespace exportctl::cli
