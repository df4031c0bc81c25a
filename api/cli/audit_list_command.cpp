// exportctl audit list | export: find decisions, and hand the log over.
//
//   audit list --db FILE [filters] [--format text|jsonl|csv]
//       one line per decision the filters select (all of them must hold)
//   audit export --db FILE [--since ID] [-o FILE]
//       every record after ID as JSON Lines, with its hash and the previous hash, so that the
//       chain can be checked without exportctl (scripts/verify-export.py)
#include <fstream>
#include <iostream>

#include "audit_output.hpp"
#include "audit_verbs.hpp"
#include "exportctl/audit.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

constexpr const char* kListNotes =
    "Every filter given must hold. --recorded-from/--recorded-to are days of the recording time (UTC),\n"
    "--ship-from/--ship-to ship dates, both inclusive. --exporter matches a part of the exporter's name,\n"
    "ignoring case; --rule a rule id that decided (of a requirement or of an item's classification).\n"
    "Formats: text (default on a terminal), jsonl (default otherwise; json is the same), csv (a header\n"
    "row, then one row per decision).";

constexpr const char* kExportNotes =
    "One JSON object per line and per record, in id order: the record's fields, the stored request and\n"
    "determination texts verbatim, its hash and the previous hash (docs/audit.md defines the hash, and\n"
    "scripts/verify-export.py re-checks an export with Python alone). --since ID exports the records\n"
    "after ID (those an archive does not hold yet); without it, all.";

ListFormat list_format_value(const std::string& text) {
  if (text == "text") return ListFormat::text;
  if (text == "jsonl" || text == "json") return ListFormat::jsonl;
  if (text == "csv") return ListFormat::csv;
  throw UsageError{"--format is text, jsonl or csv, not \"" + text + "\""};
}

struct ListArgs {
  std::string db;
  std::optional<ListFormat> format;
  DecisionFilter filter;
};

// An option filling one field of the filter, checked as the library checks it.
Option<ListArgs> filter_option(std::string name, std::optional<std::string> DecisionFilter::*field, std::string help) {
  return {name, "", true, false, std::move(help), [field, name](ListArgs& args, const std::string& value) {
            DecisionFilter alone;
            alone.*field = value;
            if (Status checked = check_decision_filter(alone); !checked) throw UsageError{name + ": " + checked.error().problem};
            args.filter.*field = value;
          }};
}

Option<ListArgs> day_option(std::string name, std::optional<Date> DecisionFilter::*field, std::string help) {
  return {name, "", true, false, std::move(help),
          [field, name](ListArgs& args, const std::string& value) { args.filter.*field = date_value(name, value); }};
}

int list(const ListArgs& args) {
  if (Status checked = check_decision_filter(args.filter); !checked) throw UsageError{checked.error().problem};
  ListFormat format = args.format.value_or(output_format(std::nullopt) == Format::text ? ListFormat::text : ListFormat::jsonl);
  Store store = open_store(args.db, Store::Mode::read_only);
  std::string out;
  write_decision_list_header(format, out);
  auto listed = store.each_decision(args.filter, [&](const DecisionRecord& record) {
    write_decision_list_row(record, format, out);
    if (out.size() > (1 << 16)) {
      std::cout << out;
      out.clear();
    }
    return true;
  });
  if (!listed) throw RuntimeError{listed.error().message()};
  std::cout << out;
  return 0;
}

struct ExportArgs {
  std::string db;
  std::string since = "0";
  std::string output;  // empty: standard output
};

int export_log(const ExportArgs& args) {
  DecisionFilter filter;
  filter.after_id = args.since == "0" ? 0 : parse_decision_id(args.since);
  Store store = open_store(args.db, Store::Mode::read_only);
  std::ofstream file;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file) throw RuntimeError{args.output + ": cannot open for writing"};
  }
  std::ostream& sink = args.output.empty() ? std::cout : file;
  std::string out;
  auto exported = store.each_decision(filter, [&](const DecisionRecord& record) {
    write_decision_json(record, out);
    out += '\n';
    if (out.size() > (1 << 16)) {
      sink << out;
      out.clear();
    }
    return true;
  });
  if (!exported) throw RuntimeError{exported.error().message()};
  sink << out;
  if (!sink.flush()) throw RuntimeError{(args.output.empty() ? std::string("standard output") : args.output) + ": write error"};
  return 0;
}

}  // namespace

Command audit_list_verb() {
  return make_command(CommandSpec<ListArgs>{
      "list", "audit list --db FILE [--verdict V] [--ship-from D] ... [--format text|jsonl|csv]   find decisions",
      none<ListArgs>("audit list takes no arguments (filters are options)"),
      {db_option<ListArgs>("SQLite store to read (opened read-only)"),
       {"--format", "", true, false, "text, jsonl or csv (default: text on a terminal, jsonl otherwise)",
        [](ListArgs& args, const std::string& value) { args.format = list_format_value(value); }},
       day_option("--recorded-from", &DecisionFilter::recorded_from, "recorded on or after this day (UTC)"),
       day_option("--recorded-to", &DecisionFilter::recorded_to, "recorded on or before this day (UTC)"),
       day_option("--ship-from", &DecisionFilter::ship_from, "ship date on or after this day"),
       day_option("--ship-to", &DecisionFilter::ship_to, "ship date on or before this day"),
       filter_option("--verdict", &DecisionFilter::verdict, "cleared, action_required, prohibited or indeterminate"),
       filter_option("--shipment", &DecisionFilter::shipment_id, "the shipment id, exactly"),
       filter_option("--exporter", &DecisionFilter::exporter, "a part of the exporter's name, ignoring case"),
       filter_option("--destination", &DecisionFilter::destination, "the destination country code (CN)"),
       filter_option("--rule", &DecisionFilter::rule, "a rule id that decided (us.ear.742.6.license)"),
       filter_option("--rules-digest", &DecisionFilter::rules_digest,
                     "the rules the decision was made with (sha256:...)")},
      list,
      kListNotes});
}

Command audit_export_verb() {
  return make_command(CommandSpec<ExportArgs>{
      "export", "audit export --db FILE [--since ID] [-o FILE]   the log as JSON Lines with the hash chain",
      none<ExportArgs>("audit export takes no arguments"),
      {db_option<ExportArgs>("SQLite store to read (opened read-only)"),
       text<ExportArgs>("--since", &ExportArgs::since, "export the records after this decision id (default 0: all)"),
       {"--output", "-o", true, false, "write to this file (default: standard output)",
        [](ExportArgs& args, const std::string& value) { args.output = value; }}},
      export_log,
      kExportNotes});
}

}  // namespace exportctl::cli
