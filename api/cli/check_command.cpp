// exportctl check FILE: screen one shipment and print its determination.
#include <iostream>

#include "command_line.hpp"
#include "commands.hpp"

namespace exportctl::cli {

int run_check(const CommandLine& line) {
  if (line.positional.size() != 1) throw UsageError{"check takes one FILE (or - for standard input)"};
  const std::string& path = line.positional[0];
  ScreenOptions options;
  options.include_proposed = line.flag("--include-proposed");
  options.trace = line.flag("--trace");
  options.known_on = date_option(line, "--known-on");
  std::string format = output_format(line);
  Engine engine = load_engine(line);

  std::string text = read_input(path);
  Shipment shipment;
  if (Status parsed = engine.parse_shipment(text, path == "-" ? "<stdin>" : path, shipment); !parsed)
    throw RuntimeError{parsed.error().message};
  Determination answer;
  engine.screen(shipment, options, answer);
  std::string out;
  if (format == "json") {
    engine.write_json(shipment, answer, {options.trace}, out);
    out += '\n';
  } else {
    engine.write_text(shipment, answer, out);
  }
  std::cout << out << std::flush;
  return exit_code(answer.verdict);
}

}  // namespace exportctl::cli
