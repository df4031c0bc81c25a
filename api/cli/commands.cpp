// The dispatch table: every command with its synopsis and options.
#include "commands.hpp"

namespace exportctl::cli {
namespace {

std::vector<OptionSpec> with_common(std::vector<OptionSpec> extra) {
  std::vector<OptionSpec> options = common_options();
  options.insert(options.end(), extra.begin(), extra.end());
  return options;
}

// Only the named common options, for commands where the others would mean nothing (an option
// accepted and ignored would mislead).
std::vector<OptionSpec> with_some(std::vector<std::string> names, std::vector<OptionSpec> extra) {
  std::vector<OptionSpec> options;
  for (const OptionSpec& option : common_options())
    for (const std::string& name : names)
      if (option.name == name) options.push_back(option);
  options.insert(options.end(), extra.begin(), extra.end());
  return options;
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"check", "check FILE|- [--db FILE --record]   screen one shipment (contract.md JSON)",
       with_common({{"--record", false, false, "append request and answer to the decision log in --db"}}), run_check},
      {"batch", "batch IN|- [-o OUT] [--format json|csv] [--threads N]   screen JSON Lines or CSV, in input order",
       with_some({"--rules", "--db", "--known-on", "--include-proposed", "--trace"},
                 {{"--format", true, false, "json (JSON Lines, the default) or csv (one row per requirement)"},
                  {"--output", true, false, "write the answers to this file (same as -o; default: standard output)"},
                  {"--input-format", true, false, "jsonl or csv (default: from the file name, else from the content)"},
                  {"--threads", true, false, "screening threads (default: one per core)"},
                  {"--line-buffered", false, false,
                   "answer each line as soon as it arrives (default when the input is a pipe, socket or terminal)"}}),
       run_batch},
      {"classify",
       "classify --model NAME | --tpp N --die-area A [--datacenter] [--date D]   classification only",
       with_some({"--rules", "--db", "--known-on", "--format"},
                 {{"--model", true, false, "catalog model name (vendor prefix optional)"},
                  {"--tpp", true, false, "total processing performance"},
                  {"--die-area", true, false, "applicable die area in mm2"},
                  {"--interconnect", true, false, "interconnect bandwidth in GB/s"},
                  {"--datacenter", false, false, "designed or marketed for datacenters"},
                  {"--not-datacenter", false, false, "not designed or marketed for datacenters"},
                  {"--date", true, false, "classification date (default: today)"}}),
       run_classify},
      {"rules", "rules list [--date D] | rules show ID | rules validate [DIR]   inspect rule data",
       with_some({"--rules", "--db", "--known-on", "--include-proposed", "--format"},
                 {{"--date", true, false, "list what is in force on this date (default: today)"}}),
       run_rules},
      {"test", "test [DIR...] [--coverage]   run scenario files (default: tests/scenarios)",
       with_some({"--rules", "--db"}, {{"--coverage", false, false, "fail if a rule version decides no scenario"},
                                       {"--verbose", false, false, "print every scenario, not only failures"}}),
       run_test},
      {"store", "store import RULES_DIR | record SHIPMENTS.jsonl | history [RULE_ID]  --db FILE   the SQLite store",
       with_common({{"--batch", true, false, "store record: decisions per transaction (default 1000)"}}), run_store},
      {"audit", "audit verify [--anchor ID:HASH] | list | show ID  --db FILE   check and read the decision log",
       with_some({"--db", "--format"},
                 {{"--anchor", true, true, "audit verify: a head noted earlier (ID:HASH) must still be in the chain"}}),
       run_audit},
      {"replay", "replay ID --db FILE [--known-on K] [--as-recorded]   re-evaluate a logged decision",
       with_some({"--rules", "--db", "--known-on", "--include-proposed", "--format"},
                 {{"--as-recorded", false, false, "use the exact rule set the decision was made with"}}),
       run_replay},
      {"diff", "diff SHIPMENTS.jsonl --known-on K1 --known-on K2 | --rules D1 --rules D2 | --db A --db B   what changed",
       diff_options(), run_diff},
      {"recheck", "recheck --db FILE [--today D]   re-screen logged decisions not yet shipped under the current rules",
       with_some({"--rules", "--db", "--known-on", "--include-proposed", "--format"},
                 {{"--today", true, false, "treat this day as today (default: today, UTC)"}}),
       run_recheck},
      {"serve", "serve [--host H] [--port P] [--db FILE]   the HTTP/JSON service (docs/http.md)",
       with_some({"--rules", "--db"},
                 {{"--host", true, false, "address to listen on (default 127.0.0.1; another needs --token-file)"},
                  {"--port", true, false, "TCP port (default 8080; 0: any free port, logged at start)"},
                  {"--token-file", true, false, "file holding a bearer token every request must carry"},
                  {"--access-log", true, false, "JSON lines, one per response: FILE, - (standard error, default) or off"},
                  {"--body-limit", true, false, "largest request body in bytes (default 1048576)"},
                  {"--batch-body-limit", true, false, "largest /v1/batch body in bytes (default 67108864)"},
                  {"--timeout", true, false, "seconds to wait on a client's read or write (default 5)"},
                  {"--threads", true, false, "connections served at once (default 64)"}}),
       run_serve},
  };
  return table;
}

}  // namespace exportctl::cli
