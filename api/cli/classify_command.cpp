// exportctl classify: the classification of one catalog model or of given metrics on a date.
// It screens a one-item shipment that never leaves the US, so it shares every code path with
// `check` (parsing, catalog, classification, basis) and cannot drift from it.
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_line.hpp"
#include "commands.hpp"

namespace exportctl::cli {
namespace {


double number_option(const CommandLine& line, const std::string& name) {
  std::string text = *line.value(name);
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    if (used != text.size() || value < 0) throw std::invalid_argument(text);
    return value;
  } catch (const std::exception&) {
    throw UsageError{name + ": \"" + text + "\" is not a non-negative number"};
  }
}

}  // namespace

int run_classify(const CommandLine& line) {
  if (!line.positional.empty()) throw UsageError{"classify takes no positional arguments"};
  bool by_model = line.value("--model").has_value();
  bool by_metrics = line.value("--tpp").has_value();
  if (by_model == by_metrics) throw UsageError{"give either --model NAME or --tpp N (with --die-area A)"};
  if (line.flag("--datacenter") && line.flag("--not-datacenter")) throw UsageError{"--datacenter and --not-datacenter exclude each other"};
  Date date = date_option(line, "--date").value_or(today());
  std::string format = output_format(line);
  Engine engine = load_engine(line);

  nlohmann::json item;
  if (by_model) {
    item["model"] = *line.value("--model");
  }
  nlohmann::json metrics = nlohmann::json::object();
  if (by_metrics) metrics["tpp"] = number_option(line, "--tpp");
  if (line.value("--die-area")) metrics["die_area_mm2"] = number_option(line, "--die-area");
  if (line.value("--interconnect")) metrics["interconnect_gbps"] = number_option(line, "--interconnect");
  if (line.flag("--datacenter")) metrics["datacenter"] = true;
  if (line.flag("--not-datacenter")) metrics["datacenter"] = false;
  if (!metrics.empty()) item["metrics"] = metrics;
  if (!by_model) item["us_origin"] = true;
  nlohmann::json request = {{"id", "classify"}, {"ship_date", to_string(date)}, {"origin", "US"}, {"destination", "US"},
                            {"items", nlohmann::json::array({item})}};
  if (auto known_on = date_option(line, "--known-on")) request["known_on"] = to_string(*known_on);

  Shipment shipment;
  if (Status parsed = engine.parse_shipment(request.dump(), "classify", shipment); !parsed)
    throw RuntimeError{parsed.error().message};
  if (by_model && shipment.items[0].model == kNoModel)
    throw RuntimeError{"--model: \"" + *line.value("--model") + "\" is not in the catalog; classify by --tpp and --die-area instead"};
  Determination answer;
  engine.screen(shipment, {}, answer);
  std::string rendered;
  engine.write_json(shipment, answer, {}, rendered);
  nlohmann::json determination = nlohmann::json::parse(rendered);
  nlohmann::json result = {{"date", to_string(date)}, {"known_on", determination["known_on"]},
                           {"item", determination["items"][0]}};
  const nlohmann::json& us = result["item"]["classification"]["US"];
  if (format == "json") {
    std::cout << result.dump() << "\n";
  } else {
    std::cout << (result["item"]["model"].is_null() ? std::string("metrics") : result["item"]["model"].get<std::string>())
              << " on " << to_string(date) << ": US "
              << (us["indeterminate"].get<bool>() ? "indeterminate"
                  : us["eccn"].is_null()          ? "not 3A090/4A090"
                                                  : us["eccn"].get<std::string>())
              << "\n  " << us["basis"].get<std::string>() << "\n";
    if (!us["rule"].is_null())
      std::cout << "  rule " << us["rule"].get<std::string>() << " v" << us["version"].get<int>() << "\n";
  }
  return answer.items[0].indeterminate ? 5 : 0;
}

}  // namespace exportctl::cli
