// exportctl: the command line. A dispatch table over the library; each command lives in its
// own file. Exit codes: 0 cleared, 3 action required, 4 prohibited, 5 indeterminate,
// 1 error (one line on stderr), 2 usage error.
#include <iostream>
#include <string_view>

#include "command_line.hpp"

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
  out << "\n'exportctl COMMAND --help' lists a command's options.\n"
         "Exit codes: 0 cleared, 3 action required, 4 prohibited, 5 indeterminate, 1 error, 2 usage.\n"
         "Screening aid, not legal advice.\n";
}

void print_command_help(const Command& command, std::ostream& out) {
  out << "usage: exportctl " << command.synopsis << "\n\noptions:\n";
  for (const OptionSpec& option : command.options)
    out << "  " << option.name << (option.takes_value ? " VALUE" : "") << "\n      " << option.help << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(args.empty() ? std::cerr : std::cout);
    return args.empty() ? kExitUsage : 0;
  }
  const Command* command = nullptr;
  for (const Command& candidate : commands())
    if (candidate.name == args[0]) command = &candidate;
  if (!command) {
    std::cerr << "exportctl: unknown command \"" << args[0] << "\"; run 'exportctl --help'\n";
    return kExitUsage;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const std::string& arg : rest)
    if (arg == "--help" || arg == "-h") {
      print_command_help(*command, std::cout);
      return 0;
    }
  try {
    int code = command->run(parse_command_line(rest, command->options));
    // A full disk or a closed pipe must not pass for a determination that was delivered.
    if (!std::cout.flush()) {
      std::cerr << "exportctl: standard output: write error\n";
      return kExitError;
    }
    return code;
  } catch (const UsageError& error) {
    std::cerr << "exportctl " << command->name << ": " << one_line(error.message) << "\n";
    print_command_help(*command, std::cerr);
    return kExitUsage;
  } catch (const RuntimeError& error) {
    std::cerr << "exportctl: " << one_line(error.message) << "\n";
    return kExitError;
  } catch (const std::exception& error) {
    std::cerr << "exportctl: " << one_line(error.what()) << "\n";
    return kExitError;
  }
}
