// Every command of exportctl. Adding one is an arguments struct, a run function and a
// `Command NAME_command()` in its own file (see command.hpp), and one entry in commands().
#pragma once

#include <vector>

#include "command.hpp"

namespace exportctl::cli {

Command check_command();
Command batch_command();
Command classify_command();
Command rules_command();
Command test_command();
// The SQLite store and the audit commands (docs/audit.md).
Command store_command();
Command audit_command();
Command replay_command();
Command diff_command();
Command recheck_command();
Command todo_command();
// The register of licenses, permits and notices (docs/register.md).
Command register_command();
// The HTTP service (docs/http.md).
Command serve_command();

// Every command, in the order the help lists them.
const std::vector<Command>& commands();

}  // namespace exportctl::cli
