#include "command_line.hpp"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace exportctl::cli {
namespace {

// The rules when none are named: $EXPORTCTL_RULES; else those installed with this binary
// (EXPORTCTL_RULES_FROM_BINARY, relative to the directory of the running executable, so a
// moved install prefix keeps working); else, for the binary of a build tree only, the source
// tree's. An installed binary whose rules are gone fails rather than read some other copy.
std::string default_rules_dir() {
  if (const char* env = std::getenv("EXPORTCTL_RULES"); env && *env) return env;
  std::error_code error;
  std::filesystem::path binary_dir = std::filesystem::read_symlink("/proc/self/exe", error).parent_path();
  if (error) throw RuntimeError{"cannot find the installed rules (/proc/self/exe: " + error.message() + "); pass --rules DIR"};
  std::filesystem::path installed = (binary_dir / EXPORTCTL_RULES_FROM_BINARY).lexically_normal();
  if (std::filesystem::is_directory(installed, error)) return installed.string();
  if (std::filesystem::equivalent(binary_dir, EXPORTCTL_BUILD_BINARY_DIR, error)) return EXPORTCTL_SOURCE_RULES_DIR;
  throw RuntimeError{installed.string() + ": no rules installed here; pass --rules DIR or --db FILE, or set EXPORTCTL_RULES"};
}

}  // namespace

std::optional<std::string> CommandLine::value(const std::string& name) const {
  auto found = options.find(name);
  if (found == options.end() || found->second.empty()) return std::nullopt;
  return found->second.back();
}

const std::vector<std::string>& CommandLine::values(const std::string& name) const {
  static const std::vector<std::string> none;
  auto found = options.find(name);
  return found == options.end() ? none : found->second;
}

CommandLine parse_command_line(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  CommandLine line;
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--" && !options_ended) {  // everything after "--" is positional
      options_ended = true;
      continue;
    }
    if (options_ended || arg.size() < 2 || arg.rfind("--", 0) != 0) {
      line.positional.push_back(arg);
      continue;
    }
    std::string name = arg, value;
    bool inline_value = false;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& candidate : specs)
      if (candidate.name == name) spec = &candidate;
    if (!spec) throw UsageError{"unknown option " + name};
    if (spec->takes_value && !inline_value) {
      if (i + 1 >= args.size()) throw UsageError{name + " needs a value"};
      value = args[++i];
    }
    if (!spec->takes_value && inline_value) throw UsageError{name + " takes no value"};
    auto& slot = line.options[name];
    if (!slot.empty() && !spec->repeatable) throw UsageError{name + " given twice"};
    slot.push_back(value);
  }
  return line;
}

std::vector<OptionSpec> common_options() {
  return {
      {"--rules", true, false, "rule data directory (default: $EXPORTCTL_RULES, the installed rules, or ./rules)"},
      {"--db", true, false, "SQLite store: rules from its latest import (unless --rules), decision log"},
      {"--known-on", true, false, "replay the rules as known on this date (YYYY-MM-DD)"},
      {"--include-proposed", false, false, "evaluate proposed rules and report them as warnings"},
      {"--format", true, false, "json or text (default: text on a terminal, json otherwise)"},
      {"--trace", false, false, "list every rule version consulted and the facts it read"},
  };
}

Engine load_engine(const CommandLine& line) {
  std::string dir;
  if (auto given = line.value("--rules")) dir = *given;
  else if (line.value("--db")) return load_engine_from_store(open_store(line, Store::Mode::existing));
  else dir = default_rules_dir();
  return load_engine_from_directory(dir);
}

Engine load_engine_from_directory(const std::string& dir) {
  auto engine = Engine::load_directory(dir);
  if (!engine) throw RuntimeError{engine.error().message};
  return std::move(engine).value();
}

Engine load_engine_from_store(const Store& store) {
  auto documents = store.current_documents();
  if (!documents) throw RuntimeError{documents.error().message};
  if (documents.value().empty())
    throw RuntimeError{store.file().string() + ": no rules imported (run 'exportctl store import RULES_DIR --db " +
                       store.file().string() + "', or pass --rules DIR)"};
  auto engine = Engine::load_documents(std::move(documents).value());
  if (!engine) throw RuntimeError{store.file().string() + ": " + engine.error().message};
  return std::move(engine).value();
}

Store open_store(const CommandLine& line, Store::Mode mode) {
  auto file = line.value("--db");
  if (!file) throw UsageError{"--db FILE is required"};
  return open_store(*file, mode);
}

Store open_store(const std::string& file, Store::Mode mode) {
  auto store = Store::open(file, mode);
  if (!store) throw RuntimeError{store.error().message};
  return std::move(store).value();
}

Date today() {
  std::time_t now = std::time(nullptr);
  return Date{static_cast<int32_t>(now / 86400)};
}

std::optional<Date> date_option(const CommandLine& line, const std::string& name) {
  auto text = line.value(name);
  if (!text) return std::nullopt;
  auto date = parse_date(*text);
  if (!date) throw UsageError{name + ": \"" + *text + "\" is not a date (YYYY-MM-DD, a day that exists)"};
  return date;
}

std::string output_format(const CommandLine& line) {
  if (auto format = line.value("--format")) {
    if (*format != "json" && *format != "text") throw UsageError{"--format is json or text, not \"" + *format + "\""};
    return *format;
  }
  return isatty(STDOUT_FILENO) ? "text" : "json";
}

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw RuntimeError{path + ": is a directory, not a file"};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuntimeError{path + ": cannot open for reading"};
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw RuntimeError{path + ": read error"};
  return text;
}

}  // namespace exportctl::cli
