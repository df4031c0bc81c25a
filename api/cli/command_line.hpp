// Command-line parsing shared by every exportctl command: each command declares its options,
// and anything else is a usage error (exit code 2) rather than silently ignored.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/store.hpp"

namespace exportctl::cli {

inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

struct OptionSpec {
  std::string name;    // "--rules"
  bool takes_value;
  bool repeatable = false;
  std::string help;
};

struct CommandLine {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;

  bool flag(const std::string& name) const { return options.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  const std::vector<std::string>& values(const std::string& name) const;
};

// Thrown for a usage problem; main prints it with the command's help and exits 2.
struct UsageError {
  std::string message;
};
// Thrown for a runtime error; main prints the message on one line and exits 1.
struct RuntimeError {
  std::string message;
};

CommandLine parse_command_line(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

// Options every screening command shares: --rules, --db, --known-on, --include-proposed, --format, --trace.
std::vector<OptionSpec> common_options();

// Loads the rules named by --rules, else the latest rules imported into the store named by --db,
// else the default: $EXPORTCTL_RULES, the installed rules, or the source tree's rules/.
Engine load_engine(const CommandLine& line);
// The same from one rule directory, or from a store's latest import (RuntimeError when it has none).
Engine load_engine_from_directory(const std::string& dir);
Engine load_engine_from_store(const Store& store);
// Opens the SQLite store named by --db (UsageError without one; RuntimeError when it cannot be
// opened, or with Mode::existing does not exist).
Store open_store(const CommandLine& line, Store::Mode mode);
Store open_store(const std::string& file, Store::Mode mode);
// Today's date in UTC.
Date today();
std::optional<Date> date_option(const CommandLine& line, const std::string& name);
// "json" or "text": --format, else text on a terminal and json otherwise.
std::string output_format(const CommandLine& line);

// Reads a whole file, or standard input for "-". Throws RuntimeError naming the file.
std::string read_input(const std::string& path);

struct Command {
  std::string name;        // "check", "rules", "store"...
  std::string synopsis;    // one line for the help
  std::vector<OptionSpec> options;
  int (*run)(const CommandLine& line);
};

// Every command, in the order the help lists them. Defined in commands.cpp.
const std::vector<Command>& commands();

}  // namespace exportctl::cli
