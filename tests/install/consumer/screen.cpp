// screen_cpp RULES_DIR SHIPMENT.json: prints the determination and exits with its contract code.
#include <exportctl/engine.hpp>
#include <exportctl/version.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  auto engine = exportctl::Engine::load_directory(argv[1]);
  if (!engine) {
    std::cerr << engine.error().message() << "\n";
    return 1;
  }
  std::ifstream file(argv[2]);
  std::stringstream text;
  text << file.rdbuf();
  exportctl::Shipment shipment;
  if (auto parsed = engine.value().parse_shipment(text.str(), argv[2], shipment); !parsed) {
    std::cerr << parsed.error().message() << "\n";
    return 1;
  }
  exportctl::Determination answer;
  engine.value().screen(shipment, {}, answer);
  std::string out;
  engine.value().write_json(shipment, answer, {}, out);
  std::cout << out << "\n";
  std::cerr << "exportctl " << exportctl::kEngineVersion << "\n";
  return exportctl::exit_code(answer.verdict);
}
