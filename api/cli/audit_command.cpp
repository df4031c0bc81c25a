// exportctl audit verify|list|show: read and check the decision log.
//
//   audit verify --db FILE [--anchor ID:HASH]
//                            walks the hash chain; intact: prints the count and the head as
//                            ID:HASH (keep it outside the database: a later --anchor with it
//                            detects truncation and tail rewrites), exit 0; broken: one line
//                            on stderr naming the first broken record, exit 1
//   audit list --db FILE     one line per decision
//   audit show ID --db FILE  one decision with its request and determination
#include <iostream>
#include <nlohmann/json.hpp>

#include "audit_output.hpp"
#include "commands.hpp"
#include "exportctl/audit.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

// The chain alone cannot show that its last records were removed or that the tail was rewritten
// with fresh hashes; an anchor noted earlier ("ID:HASH", as verify prints it) can.
void check_anchor(const Store& store, const std::string& anchor) {
  size_t colon = anchor.find(':');
  if (colon == std::string::npos || anchor.size() != colon + 65)
    throw UsageError{"--anchor is ID:HASH, as 'audit verify' prints it (\"" + anchor + "\")"};
  int64_t id = parse_decision_id(anchor.substr(0, colon));
  auto found = store.decision(id);
  std::string where = store.file().string() + ": chain broken at record " + std::to_string(id) + ": ";
  if (!found) throw RuntimeError{where + "the anchored record is missing (records were removed from the end)"};
  if (found.value().hash != anchor.substr(colon + 1))
    throw RuntimeError{where + "its hash differs from the anchor (the chain was rewritten from there)"};
}

struct VerifyArgs {
  std::string db;
  std::optional<Format> format;
  std::vector<std::string> anchors;  // "ID:HASH"
};

int verify(const VerifyArgs& args) {
  Store store = open_store(args.db, Store::Mode::existing);
  auto check = store.verify_chain();
  if (!check) throw RuntimeError{check.error().message()};
  if (!check.value().intact)
    throw RuntimeError{store.file().string() + ": chain broken at record " + std::to_string(check.value().first_broken_id) +
                       ": " + check.value().problem};
  for (const std::string& anchor : args.anchors) check_anchor(store, anchor);
  std::string head = std::to_string(check.value().records) + ":" + check.value().head_hash;
  if (output_format(args.format) == Format::json)
    std::cout << nlohmann::json{{"intact", true}, {"records", check.value().records}, {"head", head}}.dump() << "\n";
  else
    std::cout << "intact: " << check.value().records << " records, head " << head << "\n";
  return 0;
}

nlohmann::json summary_json(const DecisionRecord& record) {
  return {{"id", record.id},           {"recorded_at", record.recorded_at}, {"shipment_id", record.shipment_id},
          {"ship_date", record.ship_date}, {"known_on", record.known_on},   {"verdict", record.verdict},
          {"include_proposed", record.include_proposed}};
}

struct ListArgs {
  std::string db;
  std::optional<Format> format;
};

int list(const ListArgs& args) {
  bool json_output = output_format(args.format) == Format::json;
  Store store = open_store(args.db, Store::Mode::existing);
  auto records = store.decisions();
  if (!records) throw RuntimeError{records.error().message()};
  std::string out;
  for (const DecisionRecord& record : records.value()) {
    if (json_output) out += summary_json(record).dump();
    else
      out += std::to_string(record.id) + "  " + record.recorded_at + "  " + record.shipment_id + "  ship " +
             record.ship_date + "  known on " + record.known_on + "  " + record.verdict;
    out += '\n';
  }
  std::cout << out;
  return 0;
}

struct ShowArgs {
  std::string id;
  std::string db;
  std::optional<Format> format;
};

int show(const ShowArgs& args) {
  int64_t id = parse_decision_id(args.id);
  Store store = open_store(args.db, Store::Mode::existing);
  auto found = store.decision(id);
  if (!found) throw RuntimeError{found.error().message()};
  const DecisionRecord& record = found.value();
  if (output_format(args.format) == Format::json) {
    std::string out;
    write_decision_json(record, out);
    std::cout << out << "\n";
    return 0;
  }
  std::cout << "decision " << record.id << " recorded " << record.recorded_at << "\n"
            << "  shipment " << record.shipment_id << ", ship date " << record.ship_date << ", known on "
            << record.known_on << (record.include_proposed ? ", with proposed rules" : "") << "\n"
            << "  verdict " << record.verdict << "\n"
            << "  exportctl " << record.engine_version << ", rules " << record.rules_digest << "\n"
            << "  previous " << record.previous_hash << "\n"
            << "  hash     " << record.hash << "\n"
            << "request:\n"
            << record.request_json << (record.request_json.ends_with('\n') ? "" : "\n") << "determination:\n"
            << record.determination_json << "\n";
  return 0;
}

}  // namespace

Command audit_command() {
  return make_group(
      "audit", "audit verify [--anchor ID:HASH] | list | show ID  --db FILE   check and read the decision log",
      {make_command(CommandSpec<VerifyArgs>{
           "verify",
           "audit verify --db FILE [--anchor ID:HASH]   walk the hash chain of the decision log",
           none<VerifyArgs>("audit verify takes no arguments"),
           {db_option<VerifyArgs>("SQLite store whose decision log to check"), format_option<VerifyArgs>(),
            texts<VerifyArgs>("--anchor", &VerifyArgs::anchors,
                              "a head noted earlier (ID:HASH) must still be in the chain")},
           verify}),
       make_command(CommandSpec<ListArgs>{"list",
                                          "audit list --db FILE   one line per decision",
                                          none<ListArgs>("audit list takes no arguments"),
                                          {db_option<ListArgs>("SQLite store to read"), format_option<ListArgs>()},
                                          list}),
       make_command(CommandSpec<ShowArgs>{"show",
                                          "audit show ID --db FILE   one decision with its request and determination",
                                          one(&ShowArgs::id, "audit show takes one decision ID"),
                                          {db_option<ShowArgs>("SQLite store to read"), format_option<ShowArgs>()},
                                          show})});
}

}  // namespace exportctl::cli
