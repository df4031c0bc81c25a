// The dispatch table: every command with its synopsis and options.
#include "commands.hpp"

namespace exportctl::cli {
namespace {

std::vector<OptionSpec> with_common(std::vector<OptionSpec> extra) {
  std::vector<OptionSpec> options = common_options();
  options.insert(options.end(), extra.begin(), extra.end());
  return options;
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"check", "check FILE|-            screen one shipment (contract.md JSON)", with_common({}), run_check},
      {"classify",
       "classify --model NAME | --tpp N --die-area A [--datacenter] [--date D]   classification only",
       with_common({{"--model", true, false, "catalog model name (vendor prefix optional)"},
                    {"--tpp", true, false, "total processing performance"},
                    {"--die-area", true, false, "applicable die area in mm2"},
                    {"--interconnect", true, false, "interconnect bandwidth in GB/s"},
                    {"--datacenter", false, false, "designed or marketed for datacenters"},
                    {"--not-datacenter", false, false, "not designed or marketed for datacenters"},
                    {"--date", true, false, "classification date (default: today)"}}),
       run_classify},
      {"rules", "rules list [--date D] | rules show ID | rules validate [DIR]   inspect rule data",
       with_common({{"--date", true, false, "list what is in force on this date (default: today)"}}), run_rules},
      {"test", "test [DIR...] [--coverage]   run scenario files (default: tests/scenarios)",
       with_common({{"--coverage", false, false, "fail if a rule version decides no scenario"},
                    {"--verbose", false, false, "print every scenario, not only failures"}}),
       run_test},
  };
  return table;
}

}  // namespace exportctl::cli
