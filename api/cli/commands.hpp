// The entry point of each command (one file each).
#pragma once

#include "command_line.hpp"

namespace exportctl::cli {

int run_check(const CommandLine& line);
int run_classify(const CommandLine& line);
int run_rules(const CommandLine& line);
int run_test(const CommandLine& line);

}  // namespace exportctl::cli
