// exportctl serve, inside exportctl: checks the options, then replaces this process with
// exportctl-serve, installed next to this executable, which serves.
//
// Why a second executable: the HTTP library (cpp-httplib) brings libssl, libcrypto, zlib and
// brotli, and starts OpenSSL from a static initialiser. Linked into exportctl, every `check`
// paid for loading and starting them, about half of its time (docs/performance.md). The
// process id stays the same across the exec, so signals (SIGHUP, SIGTERM) reach the service.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "serve_options.hpp"

namespace exportctl::cli {
namespace {

// The options are read in this process so that a usage error is reported before the exec.
int options_read(const ServeArgs&) { return 0; }

std::filesystem::path serve_executable() {
  std::error_code error;
  std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw RuntimeError{"serve: cannot find exportctl-serve (/proc/self/exe: " + error.message() + ")"};
  return binary.parent_path() / "exportctl-serve";
}

}  // namespace

Command serve_command() {
  Command command = make_command(serve_spec(options_read));
  command.run = [check_options = command.run](const std::vector<std::string>& words) -> int {
    check_options(words);
    std::string executable = serve_executable().string();
    std::vector<std::string> arguments = {executable, "serve"};
    arguments.insert(arguments.end(), words.begin(), words.end());
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::cout.flush();
    ::execv(executable.c_str(), argv.data());
    throw RuntimeError{"serve: cannot run " + executable + ": " + std::strerror(errno) +
                       " (exportctl-serve is installed next to exportctl)"};
  };
  return command;
}

}  // namespace exportctl::cli
