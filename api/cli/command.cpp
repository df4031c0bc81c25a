#include "command.hpp"

namespace exportctl::cli {

Date date_value(const std::string& name, const std::string& text) {
  auto date = parse_date(text);
  if (!date) throw UsageError{name + ": \"" + text + "\" is not a date (YYYY-MM-DD, a day that exists)"};
  return *date;
}

Command make_group(std::string name, std::string synopsis, std::vector<Command> verbs) {
  Command group;
  group.name = std::move(name);
  group.synopsis = std::move(synopsis);
  group.verbs = std::move(verbs);
  return group;
}

}  // namespace exportctl::cli
