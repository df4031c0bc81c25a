// exportctl audit report: the report of a period, for a reviewer and for the file.
//
//   audit report --db FILE [--from D] [--to D] -o REPORT.html [--csv REPORT.csv]
//       every decision recorded from D to D (UTC days, inclusive) with its requirements, counts
//       by verdict and destination, the rule versions used, and the verification of the store
#include <iostream>

#include "audit_verbs.hpp"
#include "exportctl/audit_report.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

constexpr const char* kReportNotes =
    "The HTML is one self-contained page (no script, nothing fetched), laid out for printing. The CSV\n"
    "has one row per requirement. The verification is of the whole store at the time of writing; the\n"
    "report is written even when it finds problems (they head the report), and the exit code is then\n"
    "7. Exit codes: 0 written, store intact; 7 written, store inconsistent; 1 error; 2 usage.";

struct ReportArgs {
  std::string db;
  std::optional<Date> from, to;
  std::string output, csv;
};

int report(const ReportArgs& args) {
  if (args.output.empty()) throw UsageError{"audit report needs -o REPORT.html"};
  if (args.from && args.to && *args.to < *args.from) throw UsageError{"--to is before --from"};
  DecisionFilter period;
  period.recorded_from = args.from;
  period.recorded_to = args.to;
  Store store = open_store(args.db, Store::Mode::read_only);
  auto gathered = gather_audit_report(store, period, utc_timestamp());
  if (!gathered) throw RuntimeError{gathered.error().message()};
  const AuditReport& audit = gathered.value();
  std::string html;
  write_audit_report_html(audit, html);
  write_output_file(args.output, html);
  if (!args.csv.empty()) {
    std::string csv;
    write_audit_report_csv(audit, csv);
    write_output_file(args.csv, csv);
  }
  std::cout << args.output << (args.csv.empty() ? "" : " and " + args.csv) << ": " << audit.decisions.size()
            << " decision" << (audit.decisions.size() == 1 ? "" : "s") << "; store "
            << (audit.verification.intact() ? "intact" : "INCONSISTENT") << "\n";
  if (audit.verification.intact()) return 0;
  std::cerr << "exportctl: " << store.file().string() << ": inconsistent: " << audit.verification.inconsistency_count
            << " problems (listed at the head of the report; 'exportctl audit verify' lists them too)\n";
  return kExitInconsistent;
}

}  // namespace

Command audit_report_verb() {
  return make_command(CommandSpec<ReportArgs>{
      "report", "audit report --db FILE [--from D] [--to D] -o REPORT.html [--csv REPORT.csv]   report a period",
      none<ReportArgs>("audit report takes no arguments"),
      {db_option<ReportArgs>("SQLite store to report on (opened read-only)"),
       date<ReportArgs>("--from", &ReportArgs::from, "first day of the period (UTC day of recording; default: the first)"),
       date<ReportArgs>("--to", &ReportArgs::to, "last day of the period (inclusive; default: the last)"),
       {"--output", "-o", true, false, "the HTML report to write",
        [](ReportArgs& args, const std::string& value) { args.output = value; }},
       text<ReportArgs>("--csv", &ReportArgs::csv, "also write the decisions as CSV, one row per requirement")},
      report,
      kReportNotes});
}

}  // namespace exportctl::cli
