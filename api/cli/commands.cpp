// The dispatch table: every command, in the order the help lists them.
#include "commands.hpp"

namespace exportctl::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      check_command(), batch_command(), classify_command(), rules_command(),  test_command(),
      store_command(), audit_command(), replay_command(),   diff_command(),   recheck_command(), todo_command(),
      register_command(), serve_command(),
  };
  return table;
}

}  // namespace exportctl::cli
