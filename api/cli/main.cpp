// exportctl: the command line. A dispatch table over the library (commands.cpp); each command
// lives in its own file. Exit codes: 0 cleared, 3 action required, 4 prohibited,
// 5 indeterminate, 1 error (one line on stderr), 2 usage error; for the auditing commands
// 6 changed and 7 inconsistent (command.hpp).
#include <iostream>
#include <string_view>

#include "commands.hpp"
#include "exportctl/version.hpp"

using namespace exportctl::cli;

namespace {

// Errors are one line on stderr, whatever the input held: control characters are escaped.
std::string one_line(std::string_view message) {
  std::string out;
  for (char c : message) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20) out += '?';
    else out += c;
  }
  return out;
}

void print_help(std::ostream& out) {
  out << "exportctl: screen AI-chip shipments against US, Malaysian and Thai export rules.\n\n"
         "usage: exportctl COMMAND [ARGS] [OPTIONS]\n\n";
  for (const Command& command : commands()) out << "  " << command.synopsis << "\n";
  out << "\n'exportctl COMMAND --help' lists a command's options; 'exportctl --version' prints the versions.\n"
         "Exit codes: 0 cleared, 3 action required, 4 prohibited, 5 indeterminate, 1 error, 2 usage;\n"
         "6 changed (replay, diff, recheck), 7 inconsistent (audit verify, audit head).\n"
         "Screening aid, not legal advice.\n";
}

void print_command_help(const Command& command, std::ostream& out) {
  out << "usage: exportctl " << command.synopsis << "\n";
  if (!command.verbs.empty()) {
    out << "\nverbs:\n";
    for (const Command& verb : command.verbs) out << "  " << verb.synopsis << "\n";
    out << "\n'exportctl " << command.name << " VERB --help' lists a verb's options.\n";
    return;
  }
  out << "\noptions:\n";
  if (command.options.empty()) out << "  none\n";
  for (const OptionHelp& option : command.options) {
    out << "  ";
    if (!option.alias.empty()) out << option.alias << ", ";
    out << option.name << (option.takes_value ? " VALUE" : "") << "\n      " << option.help << "\n";
  }
  if (!command.notes.empty()) out << "\n" << command.notes << (command.notes.ends_with('\n') ? "" : "\n");
}

bool asks_for_help(const std::vector<std::string>& words) {
  for (const std::string& word : words)
    if (word == "--help" || word == "-h") return true;
  return false;
}

// "list, show or validate"
std::string verb_names(const Command& group) {
  std::string names;
  for (size_t i = 0; i < group.verbs.size(); ++i) {
    if (i) names += i + 1 == group.verbs.size() ? " or " : ", ";
    names += group.verbs[i].name;
  }
  return names;
}

const Command* find(const std::vector<Command>& commands, const std::string& name) {
  for (const Command& command : commands)
    if (command.name == name) return &command;
  return nullptr;
}

int usage_error(const std::string& path, const std::string& message, const Command& command) {
  std::cerr << "exportctl " << path << ": " << one_line(message) << "\n";
  print_command_help(command, std::cerr);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    print_help(words.empty() ? std::cerr : std::cout);
    return words.empty() ? kExitUsage : 0;
  }
  if (words[0] == "--version") {
    std::cout << "exportctl " << exportctl::kEngineVersion << " (contract " << exportctl::kContractVersion << ")\n";
    return 0;
  }
  const Command* command = find(commands(), words[0]);
  if (!command) {
    std::cerr << "exportctl: unknown command \"" << one_line(words[0]) << "\"; run 'exportctl --help'\n";
    return kExitUsage;
  }
  words.erase(words.begin());
  std::string path = command->name;  // "check", "rules list": names the command in messages
  if (!command->verbs.empty()) {
    const Command* verb = words.empty() ? nullptr : find(command->verbs, words[0]);
    if (!verb) {
      if (asks_for_help(words)) {
        print_command_help(*command, std::cout);
        return 0;
      }
      if (words.empty() || words[0].rfind("-", 0) == 0)
        return usage_error(path, path + " needs a subcommand: " + verb_names(*command), *command);
      return usage_error(path, "unknown " + path + " subcommand \"" + words[0] + "\" (" + verb_names(*command) + ")",
                         *command);
    }
    words.erase(words.begin());
    path += " " + verb->name;
    command = verb;
  }
  if (asks_for_help(words)) {
    print_command_help(*command, std::cout);
    return 0;
  }
  try {
    int code = command->run(words);
    // A full disk or a closed pipe must not pass for a determination that was delivered.
    if (!std::cout.flush()) {
      std::cerr << "exportctl: standard output: write error\n";
      return kExitError;
    }
    return code;
  } catch (const UsageError& error) {
    return usage_error(path, error.message, *command);
  } catch (const RuntimeError& error) {
    std::cerr << "exportctl: " << one_line(error.message) << "\n";
    return kExitError;
  } catch (const RuntimeErrors& errors) {
    for (const std::string& message : errors.messages) std::cerr << "exportctl: " << one_line(message) << "\n";
    return kExitError;
  } catch (const std::exception& error) {
    std::cerr << "exportctl: " << one_line(error.what()) << "\n";
    return kExitError;
  }
}
