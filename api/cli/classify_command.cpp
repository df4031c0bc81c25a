// exportctl classify: the classification of one catalog model or of given metrics on a date.
// Engine::classify_json does the work; this file only turns options into a request and the
// answer into text.
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

  ClassifyRequest request;
  request.date = date;
  request.known_on = date_option(line, "--known-on");
  if (by_model) request.model = *line.value("--model");
  if (by_metrics) request.metrics.tpp = number_option(line, "--tpp");
  if (line.value("--die-area")) request.metrics.die_area_mm2 = number_option(line, "--die-area");
  if (line.value("--interconnect")) request.metrics.interconnect_gbps = number_option(line, "--interconnect");
  if (line.flag("--datacenter")) request.metrics.datacenter = Tri::yes;
  if (line.flag("--not-datacenter")) request.metrics.datacenter = Tri::no;

  std::string rendered;
  bool indeterminate = false;
  if (Status classified = engine.classify_json(request, rendered, &indeterminate); !classified) {
    if (by_model)
      throw RuntimeError{"--model: \"" + request.model + "\" is not in the catalog; classify by --tpp and --die-area instead"};
    throw RuntimeError{classified.error().message};
  }
  nlohmann::json result = nlohmann::json::parse(rendered);
  const nlohmann::json& us = result["item"]["classification"]["US"];
  if (format == "json") {
    std::cout << rendered << "\n";
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
  return indeterminate ? 5 : 0;
}

}  // namespace exportctl::cli
