// exportctl audit: verify, anchor, find, read, report and export the decision log. The group is
// here with `audit show`; the other verbs have files of their own (audit_verbs.hpp).
//
//   audit show ID --db FILE [--format text|json]
//       one decision: the record (times, versions, hashes), then the determination as the check
//       command's text report; JSON: the record with the stored texts verbatim
#include <iostream>

#include "audit_output.hpp"
#include "audit_verbs.hpp"
#include "commands.hpp"
#include "exportctl/audit.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct ShowArgs {
  std::string id;
  std::string db;
  std::optional<Format> format;
};

int show(const ShowArgs& args) {
  int64_t id = parse_decision_id(args.id);
  Store store = open_store(args.db, Store::Mode::read_only);
  auto found = store.decision(id);
  if (!found) throw RuntimeError{found.error().message()};
  const DecisionRecord& record = found.value();
  std::string out;
  // A person reads the report; a program asks for the record with --format json.
  if (args.format.value_or(Format::text) == Format::json) {
    write_decision_json(record, out);
    out += '\n';
  } else {
    append_record_header(record, out);
    out += '\n';
    write_recorded_text(record, out);
  }
  std::cout << out;
  return 0;
}

}  // namespace

Command audit_show_verb() {
  return make_command(CommandSpec<ShowArgs>{
      "show", "audit show ID --db FILE [--format text|json]   one decision: its record and its report",
      one(&ShowArgs::id, "audit show takes one decision ID"),
      {db_option<ShowArgs>("SQLite store to read (opened read-only)"),
       {"--format", "", true, false, "text (default: the record and the report as check printed it) or json (the record)",
        [](ShowArgs& args, const std::string& value) { args.format = format_value(value); }}},
      show});
}

Command audit_command() {
  return make_group("audit",
                    "audit verify | head | list | show ID | report | export  --db FILE   check, find and export the decision log",
                    {audit_verify_verb(), audit_head_verb(), audit_list_verb(), audit_show_verb(), audit_report_verb(),
                     audit_export_verb()});
}

}  // namespace exportctl::cli
