// exportctl classify: the classification of one catalog model or of given metrics on a date.
// Engine::classify_json does the work; this file only turns options into a request and the
// answer into text.
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct ClassifyArgs : RuleSourceArgs {
  std::optional<Date> known_on;
  std::optional<Format> format;
  std::string model;                   // empty: classify by metrics
  std::optional<double> tpp, die_area_mm2, interconnect_gbps;
  bool datacenter = false, not_datacenter = false;
  std::optional<Date> date;            // nullopt: today
};

// A figure: "NAME: "TEXT" is not a non-negative number" otherwise.
double number_value(const std::string& name, const std::string& text) {
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && value >= 0) return value;
  } catch (const std::exception&) {
  }
  throw UsageError{name + ": \"" + text + "\" is not a non-negative number"};
}

Option<ClassifyArgs> number(std::string name, std::optional<double> ClassifyArgs::*field, std::string help) {
  return {name, "", true, false, std::move(help),
          [field, name](ClassifyArgs& args, const std::string& value) { args.*field = number_value(name, value); }};
}

int run_classify(const ClassifyArgs& args) {
  bool by_model = !args.model.empty();
  bool by_metrics = args.tpp.has_value();
  if (by_model == by_metrics) throw UsageError{"give either --model NAME or --tpp N (with --die-area A)"};
  if (args.datacenter && args.not_datacenter) throw UsageError{"--datacenter and --not-datacenter exclude each other"};
  Date date = args.date.value_or(today());
  Format format = output_format(args.format);
  Engine engine = load_engine(args);

  ClassifyRequest request;
  request.date = date;
  request.known_on = args.known_on;
  request.model = args.model;
  if (args.tpp) request.metrics.tpp = *args.tpp;
  if (args.die_area_mm2) request.metrics.die_area_mm2 = *args.die_area_mm2;
  if (args.interconnect_gbps) request.metrics.interconnect_gbps = *args.interconnect_gbps;
  if (args.datacenter) request.metrics.datacenter = Tri::yes;
  if (args.not_datacenter) request.metrics.datacenter = Tri::no;

  std::string rendered;
  bool indeterminate = false;
  if (Status classified = engine.classify_json(request, rendered, &indeterminate); !classified) {
    if (by_model)
      throw RuntimeError{"--model: \"" + request.model + "\" is not in the catalog; classify by --tpp and --die-area instead"};
    throw RuntimeError{classified.error().message()};
  }
  nlohmann::json result = nlohmann::json::parse(rendered);
  const nlohmann::json& us = result["item"]["classification"]["US"];
  if (format == Format::json) {
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

}  // namespace

Command classify_command() {
  return make_command(CommandSpec<ClassifyArgs>{
      "classify",
      "classify --model NAME | --tpp N --die-area A [--datacenter] [--date D]   classification only",
      none<ClassifyArgs>("classify takes no positional arguments"),
      {rules_option<ClassifyArgs>(), db_option<ClassifyArgs>(), known_on_option<ClassifyArgs>(),
       format_option<ClassifyArgs>(),
       text<ClassifyArgs>("--model", &ClassifyArgs::model, "catalog model name (vendor prefix optional)"),
       number("--tpp", &ClassifyArgs::tpp, "total processing performance"),
       number("--die-area", &ClassifyArgs::die_area_mm2, "applicable die area in mm2"),
       number("--interconnect", &ClassifyArgs::interconnect_gbps, "interconnect bandwidth in GB/s"),
       flag<ClassifyArgs>("--datacenter", &ClassifyArgs::datacenter, "designed or marketed for datacenters"),
       flag<ClassifyArgs>("--not-datacenter", &ClassifyArgs::not_datacenter,
                          "not designed or marketed for datacenters"),
       date<ClassifyArgs>("--date", &ClassifyArgs::date, "classification date (default: today)")},
      run_classify});
}

}  // namespace exportctl::cli
