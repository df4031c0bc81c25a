// How a command is declared: its arguments struct, the options and positional words that fill
// it, and the function that runs on it. Each command (or verb of a group such as `rules list`)
// takes only its own options: any other is a usage error (exit 2) naming it.
//
//   struct ShowArgs : RuleSourceArgs {     // --rules and --db (shared_options.hpp)
//     std::string id;
//     std::optional<Format> format;
//   };
//   int show(const ShowArgs& args);        // reads typed fields only
//   make_command(CommandSpec<ShowArgs>{"show", "rules show ID   every version of one rule",
//                                      one(&ShowArgs::id, "rules show takes one rule ID"),
//                                      {rules_option<ShowArgs>(), db_option<ShowArgs>(), format_option<ShowArgs>()},
//                                      show});
//
// Option names appear only in these declarations. A new command is an arguments struct, a run
// function and its declaration in its own file, plus one entry in commands.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "exportctl/date.hpp"

namespace exportctl::cli {

inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;
// 3, 4 and 5 are verdicts (exit_code in engine.hpp). The auditing commands add two findings:
inline constexpr int kExitChanged = 6;       // replay, diff, recheck: an answer changed
inline constexpr int kExitInconsistent = 7;  // audit verify, audit head: the store is inconsistent

// A usage problem: main prints it with the command's help and exits 2.
struct UsageError {
  std::string message;
};
// A runtime error: main prints the message on one line and exits 1.
struct RuntimeError {
  std::string message;
};
// Several runtime errors found at once (every problem in rule data): main prints each on its own
// line and exits 1.
struct RuntimeErrors {
  std::vector<std::string> messages;
};

// One option of a command: how it is spelt, what it means for the help, and how its value lands
// in the command's arguments (`set` parses and checks it: a bad value is a UsageError naming the
// option).
template <typename Args>
struct Option {
  std::string name;        // "--known-on"
  std::string alias;       // a short spelling ("-o"), or empty
  bool takes_value = true;
  bool repeatable = false;
  std::string help;
  std::function<void(Args&, const std::string& value)> set;
};

// The words that are not options: how many there may be, and where they go.
template <typename Args>
struct Positionals {
  size_t min = 0;
  size_t max = 0;
  std::string usage;  // the usage error when their number is wrong
  std::function<void(Args&, std::vector<std::string>& words)> set = [](Args&, std::vector<std::string>&) {};
};

template <typename Args>
struct CommandSpec {
  std::string name;      // "check", or a verb: "list"
  std::string synopsis;  // the usage line after "exportctl ": "check FILE|- ...   screen one shipment"
  Positionals<Args> positionals;
  std::vector<Option<Args>> options;
  int (*run)(const Args& args);
  std::string notes = {};  // printed after the options in the help: exit codes, formats
};

// An option as the help lists it.
struct OptionHelp {
  std::string name, alias;
  bool takes_value;
  std::string help;
};

// A command as the dispatcher sees it: a leaf with `run`, or a group of verbs.
struct Command {
  std::string name;
  std::string synopsis;
  std::vector<OptionHelp> options;
  std::string notes;
  std::vector<Command> verbs;                                     // a group's verbs; empty for a leaf
  std::function<int(const std::vector<std::string>& words)> run;  // a leaf: parses the words, runs
};

// ---- typed options ---------------------------------------------------------------------------

template <typename Args>
Option<Args> flag(std::string name, bool Args::*field, std::string help) {
  return {std::move(name), "",
          false,           false,
          std::move(help), [field](Args& args, const std::string&) { args.*field = true; }};
}

template <typename Args>
Option<Args> text(std::string name, std::string Args::*field, std::string help) {
  return {std::move(name), "", true, false, std::move(help),
          [field](Args& args, const std::string& value) { args.*field = value; }};
}

template <typename Args>
Option<Args> optional_text(std::string name, std::optional<std::string> Args::*field, std::string help) {
  return {std::move(name), "", true, false, std::move(help),
          [field](Args& args, const std::string& value) { args.*field = value; }};
}

template <typename Args>
Option<Args> texts(std::string name, std::vector<std::string> Args::*field, std::string help) {
  return {std::move(name), "", true, true, std::move(help),
          [field](Args& args, const std::string& value) { (args.*field).push_back(value); }};
}

// A day "YYYY-MM-DD" that exists; otherwise "NAME: "TEXT" is not a date (...)".
Date date_value(const std::string& name, const std::string& text);

template <typename Args>
Option<Args> date(std::string name, std::optional<Date> Args::*field, std::string help) {
  return {name, "", true, false, std::move(help),
          [field, name](Args& args, const std::string& value) { args.*field = date_value(name, value); }};
}

// ---- positional words ------------------------------------------------------------------------

template <typename Args>
Positionals<Args> none(std::string usage) {
  return {0, 0, std::move(usage)};
}

template <typename Args>
Positionals<Args> one(std::string Args::*field, std::string usage) {
  return {1, 1, std::move(usage),
          [field](Args& args, std::vector<std::string>& words) { args.*field = std::move(words[0]); }};
}

template <typename Args>
Positionals<Args> optional_one(std::optional<std::string> Args::*field, std::string usage) {
  return {0, 1, std::move(usage), [field](Args& args, std::vector<std::string>& words) {
            if (!words.empty()) args.*field = std::move(words[0]);
          }};
}

template <typename Args>
Positionals<Args> any_number(std::vector<std::string> Args::*field) {
  return {0, SIZE_MAX, "", [field](Args& args, std::vector<std::string>& words) { args.*field = std::move(words); }};
}

// ---- parsing ---------------------------------------------------------------------------------

// Splits `words` into options and positional words: "--name value", "--name=value", a declared
// alias ("-o value"); everything after "--" is positional. Unknown options, a missing or an
// unexpected value, and an option given twice that may be given once are usage errors.
template <typename Args>
Args parse_arguments(const std::vector<std::string>& words, const std::vector<Option<Args>>& options,
                     const Positionals<Args>& positionals) {
  Args args{};
  std::vector<std::string> positional;
  std::set<std::string> given;
  bool options_ended = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--" && !options_ended) {
      options_ended = true;
      continue;
    }
    std::string name = word, value;
    bool inline_value = false;
    const Option<Args>* option = nullptr;
    if (!options_ended && word.size() > 2 && word.rfind("--", 0) == 0) {
      if (size_t eq = word.find('='); eq != std::string::npos) {
        name = word.substr(0, eq);
        value = word.substr(eq + 1);
        inline_value = true;
      }
      for (const Option<Args>& candidate : options)
        if (candidate.name == name) option = &candidate;
      if (!option) throw UsageError{"unknown option " + name};
    } else if (!options_ended) {
      for (const Option<Args>& candidate : options)
        if (!candidate.alias.empty() && candidate.alias == word) option = &candidate;
      if (option) name = word;
    }
    if (!option) {
      positional.push_back(word);
      continue;
    }
    if (option->takes_value && !inline_value) {
      if (i + 1 >= words.size()) throw UsageError{name + " needs a value"};
      value = words[++i];
    }
    if (!option->takes_value && inline_value) throw UsageError{name + " takes no value"};
    if (!given.insert(option->name).second && !option->repeatable) throw UsageError{option->name + " given twice"};
    option->set(args, value);
  }
  if (positional.size() < positionals.min || positional.size() > positionals.max) throw UsageError{positionals.usage};
  positionals.set(args, positional);
  return args;
}

template <typename Args>
Command make_command(CommandSpec<Args> spec) {
  Command command;
  command.name = spec.name;
  command.synopsis = spec.synopsis;
  command.notes = spec.notes;
  for (const Option<Args>& option : spec.options)
    command.options.push_back({option.name, option.alias, option.takes_value, option.help});
  command.run = [spec = std::move(spec)](const std::vector<std::string>& words) {
    return spec.run(parse_arguments(words, spec.options, spec.positionals));
  };
  return command;
}

// A command of verbs (`rules list`, `rules show ID`): the first word names the verb.
Command make_group(std::string name, std::string synopsis, std::vector<Command> verbs);

}  // namespace exportctl::cli
