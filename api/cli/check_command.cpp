// exportctl check FILE: screen one shipment and print its determination: JSON, the text report,
// or the screening record as one HTML file (--format html). The reports for a person count
// deadlines from today (--today overrides); the JSON never does. With --record (and --db), the
// request and the answer are first appended to the store's decision log, and its id is named:
// last in the text report, on standard error beside JSON and HTML (which stay whole documents).
// With --db the register's candidate licenses, permits and notices are screened beside the
// shipment's own (docs/register.md); with --record the screening, the decision and the units it
// draws from the register happen in one write transaction.
#include <iostream>

#include "commands.hpp"
#include "exportctl/audit.hpp"
#include "exportctl/register.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct CheckArgs : ScreeningArgs {
  std::string file;  // "-": standard input
  std::optional<Format> format;
  std::optional<Date> today;
  bool record = false;
  size_t max_document_bytes = kDefaultMaxDocumentBytes;
};

Format check_format_value(const std::string& text) {
  if (text == "html") return Format::html;
  if (text == "json" || text == "text") return format_value(text);
  throw UsageError{"--format is json, text or html, not \"" + text + "\""};
}

int run_check(const CheckArgs& args) {
  ScreenOptions options;
  options.include_proposed = args.include_proposed;
  options.trace = args.trace;
  options.known_on = args.known_on;
  Format format = output_format(args.format);
  if (args.record && args.db.empty()) throw UsageError{"--record needs --db FILE (the decision log)"};
  Engine engine = load_engine(args);

  std::string text = read_input(args.file, args.max_document_bytes);
  Shipment shipment;
  if (Status parsed = engine.parse_shipment(text, args.file == "-" ? "<stdin>" : args.file, shipment); !parsed)
    throw RuntimeError{parsed.error().message()};
  Determination answer;
  std::string out;
  std::string recorded;  // "decision 12 in audit.db"
  if (args.record) {
    // Recorded before anything is printed: a failure must not leave an answer that looks logged.
    Store store = open_store(args.db, Store::Mode::create);
    std::unique_ptr<Register> register_ = open_register(store);
    auto id = screen_and_record(engine, *register_, shipment, options, text, today(), answer, out);
    if (!id) {
      Error error = id.error();
      if (error.source.empty()) error.source = store.file().string();
      throw RuntimeError{error.message()};
    }
    recorded = "decision " + std::to_string(id.value()) + " in " + store.file().string();
  } else {
    if (!args.db.empty()) {
      Store store = open_store(args.db, Store::Mode::read_only);
      if (Status screened = screen_with_register(engine, *open_register(store), shipment, options, answer); !screened)
        throw RuntimeError{screened.error().message()};
    } else {
      engine.screen(shipment, options, answer);
    }
    if (format == Format::json) engine.write_json(shipment, answer, {options.trace}, out);
  }
  ReportOptions report{options.trace, args.today.value_or(today())};
  if (format == Format::json) {
    out += '\n';
  } else if (format == Format::html) {
    out.clear();
    engine.write_html(shipment, answer, out, report);
  } else {
    out.clear();
    engine.write_text(shipment, answer, out, report);
    if (!recorded.empty()) out += "Recorded as " + recorded + "\n";
  }
  if (!recorded.empty() && format != Format::text) std::cerr << "exportctl: recorded as " << recorded << "\n";
  std::cout << out << std::flush;
  return exit_code(answer.verdict);
}

}  // namespace

Command check_command() {
  CommandSpec<CheckArgs> spec{"check", "check FILE|- [--db FILE --record]   screen one shipment (contract.md JSON)",
                              one(&CheckArgs::file, "check takes one FILE (or - for standard input)"),
                              screening_options<CheckArgs>(), run_check};
  for (Option<CheckArgs>& option : spec.options)
    if (option.name == "--format") {
      option.help = "json, text or html (the screening record; default: text on a terminal, json otherwise)";
      option.set = [](CheckArgs& args, const std::string& value) { args.format = check_format_value(value); };
    }
  spec.options.push_back(today_option<CheckArgs>());
  spec.options.push_back(max_document_bytes_option<CheckArgs>());
  spec.options.push_back(
      flag<CheckArgs>("--record", &CheckArgs::record, "append request and answer to the decision log in --db"));
  return make_command(std::move(spec));
}

}  // namespace exportctl::cli
