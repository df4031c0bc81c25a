#include "query.hpp"

#include <charconv>
#include <cmath>

namespace exportctl::http {

Result<Query> Query::read(const httplib::Request& request, std::initializer_list<std::string_view> allowed) {
  for (auto it = request.params.begin(); it != request.params.end(); it = request.params.upper_bound(it->first)) {
    const std::string& name = it->first;
    bool known = false;
    for (std::string_view candidate : allowed) known |= candidate == name;
    if (!known) {
      std::string names;
      for (std::string_view candidate : allowed) names += (names.empty() ? "" : ", ") + std::string(candidate);
      return make_error(ErrorCode::bad_input, "", "query parameter \"" + name + "\" is unknown" +
                                                  (names.empty() ? std::string(" (this endpoint takes none)")
                                                                 : " (this endpoint takes " + names + ")"));
    }
    if (request.params.count(name) > 1) return make_error(ErrorCode::bad_input, "", "query parameter " + name + " given twice");
  }
  return Query(request);
}

std::optional<std::string> Query::text(const std::string& name) const {
  auto found = request_->params.find(name);
  if (found == request_->params.end()) return std::nullopt;
  return found->second;
}

Result<std::optional<Date>> Query::date(const std::string& name) const {
  auto value = text(name);
  if (!value) return std::optional<Date>();
  auto date = parse_date(*value);
  if (!date)
    return make_error(ErrorCode::bad_input, "",
                      "query parameter " + name + ": \"" + *value + "\" is not a date (YYYY-MM-DD, a day that exists)");
  return std::optional<Date>(*date);
}

Result<bool> Query::flag(const std::string& name) const {
  auto value = text(name);
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  return make_error(ErrorCode::bad_input, "", "query parameter " + name + ": \"" + *value + "\" is not true or false");
}

Result<std::optional<double>> Query::number(const std::string& name) const {
  auto value = text(name);
  if (!value) return std::optional<double>();
  double number = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (value->empty() || error != std::errc() || end != value->data() + value->size() || !std::isfinite(number) || number < 0)
    return make_error(ErrorCode::bad_input, "", "query parameter " + name + ": \"" + *value + "\" is not a non-negative number");
  return std::optional<double>(number);
}

}  // namespace exportctl::http
