// exportctl store import|record|history: the SQLite rule store and batch recording.
//
//   store import RULES_DIR --db FILE     record the rule files as the current rule set (no-op if identical)
//   store record SHIPMENTS.jsonl --db FILE [--batch N]
//                                        screen each shipment (one per line, or pretty-printed
//                                        objects one after another) and log every decision,
//                                        N per transaction; prints "ID<TAB>SHIPMENT_ID<TAB>VERDICT"
//                                        for each once its transaction has committed; with a
//                                        register, one transaction per shipment that also
//                                        appends the units it draws (docs/register.md)
//   store migrate --db FILE              bring the store to the latest schema; says which decisions
//                                        the LPP annual count cannot see (recorded before 004)
//   store history [RULE_ID] --db FILE    every stored content of every rule version
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exportctl/audit.hpp"
#include "exportctl/batch.hpp"
#include "exportctl/register.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct ImportArgs {
  std::string dir;
  std::string db;
  std::optional<Format> format;
};

int import_rules(const ImportArgs& args) {
  const std::string& dir = args.dir;
  Format format = output_format(args.format);
  auto documents = read_rule_documents(dir);
  if (!documents) throw RuntimeError{documents.error().message()};
  Store store = open_store(args.db, Store::Mode::create);
  auto imported = store.import_rules(std::move(documents).value(), dir);
  if (!imported) throw RuntimeError{imported.error().message()};
  const ImportSummary& summary = imported.value();
  if (format == Format::json) {
    nlohmann::json out = {{"changed", summary.changed},
                          {"import", summary.import_id},
                          {"rules_digest", summary.rules_digest},
                          {"documents", summary.documents},
                          {"documents_added", summary.documents_added},
                          {"versions", summary.versions},
                          {"versions_added", summary.versions_added},
                          {"versions_superseded", summary.versions_superseded},
                          {"versions_withdrawn", summary.versions_withdrawn}};
    std::cout << out.dump() << "\n";
  } else if (!summary.changed) {
    std::cout << "unchanged: " << store.file().string() << " already has these rules as import " << summary.import_id
              << " (" << summary.rules_digest << ")\n";
  } else {
    std::cout << "import " << summary.import_id << " into " << store.file().string() << ": " << summary.documents
              << " documents (" << summary.documents_added << " new contents), " << summary.versions
              << " rule versions (" << summary.versions_added << " added, " << summary.versions_superseded
              << " superseded, " << summary.versions_withdrawn << " withdrawn), " << summary.rules_digest << "\n";
  }
  return 0;
}

struct RecordArgs : ScreeningArgs {
  std::string file;  // "-": standard input
  std::optional<Format> format;
  size_t batch_size = 1000;
};

size_t batch_size_value(const std::string& text) {
  size_t size = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), size);
  if (error != std::errc() || end != text.data() + text.size() || size == 0)
    throw UsageError{"--batch is a positive number of decisions per transaction"};
  return size;
}

int record(const RecordArgs& args) {
  const std::string& path = args.file;
  std::string source = path == "-" ? "<stdin>" : path;
  size_t batch_size = args.batch_size;
  ScreenOptions options;
  options.include_proposed = args.include_proposed;
  options.trace = args.trace;
  options.known_on = args.known_on;
  bool json_output = output_format(args.format) == Format::json;
  Engine engine = load_engine(args);
  Store store = open_store(args.db, Store::Mode::create);
  Date recording_day = today();

  std::string text = read_input(path);
  std::vector<ShipmentText> lines = split_shipments(text);
  // Every shipment must parse before anything is recorded: bad input records nothing. Screening
  // and rendering a parsed shipment cannot fail (every date they derive is checked,
  // docs/limits.md), so after this loop only the store itself can stop the recording, between
  // whole batches.
  Shipment shipment;
  bool counted = false;  // some shipment joins a consignee's count that a rule reads (LPP)
  for (const ShipmentText& entry : lines) {
    if (Status parsed = engine.parse_shipment(entry.text, source + ":" + std::to_string(entry.line), shipment); !parsed)
      throw RuntimeError{parsed.error().message()};
    counted |= candidate_query(engine, shipment).consignee.has_value();
  }

  Determination answer;
  std::string out;
  std::unique_ptr<Register> register_ = open_register(store);
  auto live = register_->list({});
  if (!live) throw RuntimeError{live.error().message()};
  if (!live.value().empty() || counted) {
    // With a register, or a rule that reads the consignee's annual count, each shipment is
    // screened against what is left and counted so far and recorded with the units it draws in
    // one transaction of its own (docs/register.md), then acknowledged.
    for (const ShipmentText& entry : lines) {
      shipment.clear();
      (void)engine.parse_shipment(entry.text, source, shipment);  // checked above
      std::string determination;
      auto id = screen_and_record(engine, *register_, shipment, options, std::string(entry.text), recording_day, answer,
                                  determination);
      std::string verdict(name(answer.verdict));
      if (!id) {
        Error error = id.error();
        if (error.source.empty()) error.source = store.file().string();
        throw RuntimeError{error.message()};
      }
      out.clear();
      if (json_output)
        out += nlohmann::json{{"id", id.value()}, {"shipment_id", shipment.id}, {"verdict", verdict}}.dump();
      else
        out += std::to_string(id.value()) + "\t" + shipment.id + "\t" + verdict;
      out += '\n';
      std::cout << out << std::flush;
    }
    return 0;
  }
  std::vector<NewDecision> batch;
  batch.reserve(std::min(batch_size, lines.size()));
  auto flush = [&] {
    auto ids = store.record(batch);
    if (!ids) throw RuntimeError{ids.error().message()};
    out.clear();
    for (size_t i = 0; i < batch.size(); ++i) {
      if (json_output)
        out += nlohmann::json{{"id", ids.value()[i]}, {"shipment_id", batch[i].shipment_id}, {"verdict", batch[i].verdict}}
                   .dump();
      else
        out += std::to_string(ids.value()[i]) + "\t" + batch[i].shipment_id + "\t" + batch[i].verdict;
      out += '\n';
    }
    std::cout << out << std::flush;  // only what has committed is acknowledged
    batch.clear();
  };
  for (const ShipmentText& entry : lines) {
    shipment.clear();
    (void)engine.parse_shipment(entry.text, source, shipment);  // checked above
    engine.screen(shipment, options, answer);
    std::string determination;
    engine.write_json(shipment, answer, {options.trace}, determination);
    // No rule reads the consignee's annual count; the decision still joins it, for rules that will.
    batch.push_back(decision_entry(engine, shipment, answer, options, std::string(entry.text), std::move(determination),
                                   recording_day));
    if (batch.size() == batch_size) flush();
  }
  if (!batch.empty()) flush();
  return 0;
}

struct MigrateArgs {
  std::string db;
  std::optional<Format> format;
};

constexpr int kCountSchema = 4;  // schema/sqlite/004_consignee_shipments.sql

// Brings the store to the latest schema (any writable open does) and says what that means for
// decisions already in it.
int migrate(const MigrateArgs& args) {
  Store store = open_store(args.db, Store::Mode::existing);
  int from = store.opened_schema_version(), to = store.schema_version();
  // Every decision in the log before migration 004 lacks its consignee row.
  int64_t uncounted = 0;
  if (from < kCountSchema && to >= kCountSchema) {
    auto seen = store.each_decision({}, [](const DecisionRecord&) { return true; });
    if (!seen) throw RuntimeError{seen.error().message()};
    uncounted = seen.value();
  }
  if (output_format(args.format) == Format::json) {
    std::cout << nlohmann::json{{"from", from}, {"to", to}, {"uncounted_decisions", uncounted}}.dump() << "\n";
    return 0;
  }
  if (from == to) {
    std::cout << store.file().string() << ": schema " << to << ", the latest; nothing to migrate\n";
    return 0;
  }
  std::cout << store.file().string() << ": schema " << from << " -> " << to << "\n";
  if (from < kCountSchema && to >= kCountSchema)
    std::cout << uncounted << (uncounted == 1 ? " decision recorded before migration 004 is" : " decisions recorded before migration 004 are")
              << " not counted towards the ultimate consignee's annual LPP count (docs/register.md); record again "
                 "the shipments of this year that have not left\n";
  return 0;
}

std::string optional_date_text(const std::optional<Date>& date, const char* none) {
  return date ? to_string(*date) : std::string(none);
}

struct HistoryArgs {
  std::optional<std::string> rule_id;  // nullopt: every rule
  std::string db;
  std::optional<Format> format;
};

int history(const HistoryArgs& args) {
  std::string rule_id = args.rule_id.value_or("");
  bool json_output = output_format(args.format) == Format::json;
  Store store = open_store(args.db, Store::Mode::read_only);
  auto rows = store.rule_history(rule_id);
  if (!rows) throw RuntimeError{rows.error().message()};
  if (rows.value().empty() && !rule_id.empty()) throw RuntimeError{store.file().string() + ": no rule \"" + rule_id + "\""};
  for (const StoredRuleVersion& row : rows.value()) {
    if (json_output) {
      nlohmann::json out = {{"row", row.row},
                            {"rule", row.rule_id},
                            {"version", row.version},
                            {"status", row.status},
                            {"valid_from", to_string(row.valid_from)},
                            {"known_from", to_string(row.known_from)},
                            {"sha256", row.sha256},
                            {"recorded_at", row.recorded_at}};
      out["valid_to"] = row.valid_to ? nlohmann::json(to_string(*row.valid_to)) : nlohmann::json();
      out["compliance_from"] = row.compliance_from ? nlohmann::json(to_string(*row.compliance_from)) : nlohmann::json();
      out["superseded_at"] = row.superseded_at ? nlohmann::json(*row.superseded_at) : nlohmann::json();
      out["superseded_by"] = row.superseded_by ? nlohmann::json(*row.superseded_by) : nlohmann::json();
      std::cout << out.dump() << "\n";
      continue;
    }
    std::cout << row.rule_id << " v" << row.version << " [row " << row.row << "] " << row.status << ", valid "
              << to_string(row.valid_from) << ".." << optional_date_text(row.valid_to, "") << ", known "
              << to_string(row.known_from) << ", recorded " << row.recorded_at << ", sha256 " << row.sha256.substr(0, 16);
    if (row.superseded_at) {
      if (row.superseded_by) std::cout << ", superseded " << *row.superseded_at << " by row " << *row.superseded_by;
      else std::cout << ", withdrawn " << *row.superseded_at;
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

Command store_command() {
  return make_group(
      "store",
      "store import RULES_DIR | record SHIPMENTS.jsonl | migrate | history [RULE_ID]  --db FILE   the SQLite store",
      {make_command(CommandSpec<ImportArgs>{
           "import",
           "store import RULES_DIR --db FILE   record the rule files as the current rule set (no-op if identical)",
           one(&ImportArgs::dir, "store import takes one RULES_DIR"),
           {db_option<ImportArgs>("SQLite store to import into (created if missing)"), format_option<ImportArgs>()},
           import_rules}),
       make_command(CommandSpec<RecordArgs>{
           "record",
           "store record SHIPMENTS.jsonl|- --db FILE [--batch N]   screen each shipment and log every decision",
           one(&RecordArgs::file, "store record takes one SHIPMENTS.jsonl (or -)"),
           {rules_option<RecordArgs>(),
            db_option<RecordArgs>(),
            known_on_option<RecordArgs>(),
            include_proposed_option<RecordArgs>(),
            format_option<RecordArgs>(),
            trace_option<RecordArgs>(),
            {"--batch", "", true, false, "decisions per transaction (default 1000)",
             [](RecordArgs& args, const std::string& value) { args.batch_size = batch_size_value(value); }}},
           record}),
       make_command(CommandSpec<MigrateArgs>{
           "migrate",
           "store migrate --db FILE   bring the store to the latest schema and say what it means for earlier decisions",
           none<MigrateArgs>("store migrate takes no arguments"),
           {db_option<MigrateArgs>("SQLite store to migrate (must exist)"), format_option<MigrateArgs>()},
           migrate}),
       make_command(
           CommandSpec<HistoryArgs>{"history",
                                    "store history [RULE_ID] --db FILE   every stored content of every rule version",
                                    optional_one(&HistoryArgs::rule_id, "store history takes at most one RULE_ID"),
                                    {db_option<HistoryArgs>("SQLite store to read"), format_option<HistoryArgs>()},
                                    history})});
}

}  // namespace exportctl::cli
