// exportctl check FILE: screen one shipment and print its determination. With --record (and
// --db), the request and the answer are first appended to the store's decision log.
#include <iostream>

#include "command_line.hpp"
#include "commands.hpp"
#include "exportctl/audit.hpp"

namespace exportctl::cli {

int run_check(const CommandLine& line) {
  if (line.positional.size() != 1) throw UsageError{"check takes one FILE (or - for standard input)"};
  const std::string& path = line.positional[0];
  ScreenOptions options;
  options.include_proposed = line.flag("--include-proposed");
  options.trace = line.flag("--trace");
  options.known_on = date_option(line, "--known-on");
  std::string format = output_format(line);
  bool record = line.flag("--record");
  if (record && !line.value("--db")) throw UsageError{"--record needs --db FILE (the decision log)"};
  Engine engine = load_engine(line);

  std::string text = read_input(path);
  Shipment shipment;
  if (Status parsed = engine.parse_shipment(text, path == "-" ? "<stdin>" : path, shipment); !parsed)
    throw RuntimeError{parsed.error().message};
  Determination answer;
  engine.screen(shipment, options, answer);
  std::string out;
  if (format == "json" || record) engine.write_json(shipment, answer, {options.trace}, out);
  if (record) {
    // Recorded before anything is printed: a failure must not leave an answer that looks logged.
    NewDecision decision = decision_entry(engine, shipment, answer, options, text, out, today());
    Store store = open_store(line, Store::Mode::create);
    auto ids = store.record({decision});
    if (!ids) throw RuntimeError{ids.error().message};
  }
  if (format == "json") {
    out += '\n';
  } else {
    out.clear();
    engine.write_text(shipment, answer, out);
  }
  std::cout << out << std::flush;
  return exit_code(answer.verdict);
}

}  // namespace exportctl::cli
