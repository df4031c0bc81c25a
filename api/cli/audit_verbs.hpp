// The verbs of `exportctl audit` (docs/audit.md), each declared in its own file; audit_command.cpp
// groups them.
#pragma once

#include "command.hpp"

namespace exportctl::cli {

Command audit_verify_verb();  // audit_verify_command.cpp
Command audit_head_verb();    // audit_verify_command.cpp
Command audit_list_verb();    // audit_list_command.cpp
Command audit_export_verb();  // audit_list_command.cpp
Command audit_show_verb();    // audit_command.cpp
Command audit_report_verb();  // audit_report_command.cpp

}  // namespace exportctl::cli
