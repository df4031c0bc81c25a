// The entry point of each command (one file each).
#pragma once

#include "command_line.hpp"

namespace exportctl::cli {

int run_batch(const CommandLine& line);
int run_check(const CommandLine& line);
int run_classify(const CommandLine& line);
int run_rules(const CommandLine& line);
int run_test(const CommandLine& line);
// The SQLite store and the audit commands (docs/audit.md).
int run_store(const CommandLine& line);
int run_audit(const CommandLine& line);
int run_replay(const CommandLine& line);
int run_diff(const CommandLine& line);
std::vector<OptionSpec> diff_options();  // diff's --rules/--db/--known-on are repeatable
int run_recheck(const CommandLine& line);
// The HTTP service (docs/http.md).
int run_serve(const CommandLine& line);

}  // namespace exportctl::cli
