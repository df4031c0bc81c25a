// Query parameters read as strictly as command-line options: each endpoint names the ones it
// takes, and an unknown or repeated parameter is an error rather than silently ignored (a
// misspelt "known_0n" must not replay today's rules).
#pragma once

#include <httplib.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "exportctl/date.hpp"
#include "exportctl/result.hpp"

namespace exportctl::http {

class Query {
 public:
  // bad_input naming the parameter when one is not in `allowed` or is given twice.
  static Result<Query> read(const httplib::Request& request, std::initializer_list<std::string_view> allowed);

  std::optional<std::string> text(const std::string& name) const;
  // "YYYY-MM-DD", a day that exists; nullopt when absent.
  Result<std::optional<Date>> date(const std::string& name) const;
  // "true" or "false"; false when absent.
  Result<bool> flag(const std::string& name) const;
  // A finite number >= 0; nullopt when absent.
  Result<std::optional<double>> number(const std::string& name) const;

 private:
  explicit Query(const httplib::Request& request) : request_(&request) {}
  const httplib::Request* request_;
};

}  // namespace exportctl::http
