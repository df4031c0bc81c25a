// The dispatch table of exportctl-serve: the service only (serve_launcher.cpp says why it is an
// executable of its own). `exportctl serve ...` runs it as `exportctl-serve serve ...`.
#include "commands.hpp"

namespace exportctl::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {serve_command()};
  return table;
}

}  // namespace exportctl::cli
