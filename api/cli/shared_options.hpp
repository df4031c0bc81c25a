// The options several commands share, the argument fields they fill, and what the commands do
// with them: load the engine from --rules or --db, open the store, pick the output format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "exportctl/date.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/limits.hpp"
#include "exportctl/store.hpp"

namespace exportctl::cli {

enum class Format { json, text, html };

// Where the rules come from: --rules DIR, else the latest import of the store --db FILE, else
// $EXPORTCTL_RULES, the installed rules, or the source tree's rules/.
struct RuleSourceArgs {
  std::string rules_dir;  // empty: not given
  std::string db;         // empty: not given
};

// How to screen: as known on a day, with proposed rules, with a trace.
struct ScreeningArgs : RuleSourceArgs {
  std::optional<Date> known_on;
  bool include_proposed = false;
  bool trace = false;
};

inline constexpr const char* kDbHelp = "SQLite store: rules from its latest import (unless --rules), decision log";

template <typename Args>
Option<Args> rules_option() {
  return text<Args>("--rules", &Args::rules_dir,
                    "rule data directory (default: $EXPORTCTL_RULES, the installed rules, or ./rules)");
}

template <typename Args>
Option<Args> db_option(std::string help = kDbHelp) {
  return text<Args>("--db", &Args::db, std::move(help));
}

template <typename Args>
Option<Args> known_on_option() {
  return date<Args>("--known-on", &Args::known_on, "replay the rules as known on this date (YYYY-MM-DD)");
}

template <typename Args>
Option<Args> include_proposed_option() {
  return flag<Args>("--include-proposed", &Args::include_proposed,
                    "evaluate proposed rules and report them as warnings");
}

// The day deadlines are counted from in a report for a person (default: today, UTC).
template <typename Args>
Option<Args> today_option() {
  return date<Args>("--today", &Args::today,
                    "count deadlines from this day instead of today (YYYY-MM-DD; for tests and replays)");
}

template <typename Args>
Option<Args> trace_option() {
  return flag<Args>("--trace", &Args::trace, "list every rule version consulted and the facts it read");
}

// "json" or "text"; see output_format().
Format format_value(const std::string& text);

template <typename Args>
Option<Args> format_option() {
  return {"--format", "", true, false, "json or text (default: text on a terminal, json otherwise)",
          [](Args& args, const std::string& value) { args.format = format_value(value); }};
}

// The options of a command that screens shipments, in the order the help lists them.
template <typename Args>
std::vector<Option<Args>> screening_options() {
  return {rules_option<Args>(), db_option<Args>(),     known_on_option<Args>(), include_proposed_option<Args>(),
          format_option<Args>(), trace_option<Args>()};
}

// The engine over the rules the arguments name (see RuleSourceArgs).
Engine load_engine(const RuleSourceArgs& source);
// Where the rules are when neither --rules nor --db is given (RuntimeError when an installed
// binary finds none).
std::string default_rules_dir();
Engine load_engine_from_directory(const std::string& dir);
// The store's latest import; RuntimeError when it has none.
Engine load_engine_from_store(const Store& store);

// Opens the store --db names: UsageError without one; RuntimeError when it cannot be opened, or
// with Mode::read_only or Mode::existing does not exist.
Store open_store(const std::string& db, Store::Mode mode);

// The format given, else text on a terminal and json otherwise.
Format output_format(std::optional<Format> given);

// Today's date in UTC.
Date today();

// Reads a whole file, or standard input for "-". Throws RuntimeError naming the file, and the
// limit when it holds more than max_bytes.
std::string read_input(const std::string& path, size_t max_bytes = SIZE_MAX);

// The value of a byte-size option (--max-document-bytes, --max-line-bytes): 1 to 2^40.
size_t byte_limit_value(const std::string& option, const std::string& text);

// --max-document-bytes N: the size of one shipment document (docs/limits.md).
template <typename Args>
Option<Args> max_document_bytes_option() {
  return {"--max-document-bytes", "", true, false,
          "refuse a shipment document over N bytes (default " + std::to_string(kDefaultMaxDocumentBytes) + ")",
          [](Args& args, const std::string& value) {
            args.max_document_bytes = byte_limit_value("--max-document-bytes", value);
          }};
}

// Writes `bytes` to the file (replacing it). Throws RuntimeError naming the file.
void write_output_file(const std::string& path, const std::string& bytes);

}  // namespace exportctl::cli
