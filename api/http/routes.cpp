#include "routes.hpp"

namespace exportctl::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool path_matches(std::string_view pattern, std::string_view path, std::vector<std::string>* values) {
  if (path.empty() || path[0] != '/') return false;
  auto wanted = segments(pattern);
  auto given = segments(path);
  if (wanted.size() != given.size()) return false;
  for (size_t i = 0; i < wanted.size(); ++i) {
    bool variable = wanted[i].size() > 2 && wanted[i].front() == '{' && wanted[i].back() == '}';
    if (variable ? given[i].empty() : wanted[i] != given[i]) return false;
    if (variable && values) values->emplace_back(given[i]);
  }
  return true;
}

bool method_matches(std::string_view route_method, std::string_view method) {
  return route_method == method || (route_method == "GET" && method == "HEAD");
}

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"POST", "/v1/check", handle_check},
      {"POST", "/v1/batch", handle_batch},
      {"GET", "/v1/classify", handle_classify},
      {"GET", "/v1/rules", handle_rules_list},
      {"GET", "/v1/rules/{id}", handle_rule},
      {"GET", "/v1/decisions", handle_decisions},
      {"GET", "/v1/decisions/{id}", handle_decision},
      {"POST", "/v1/decisions/{id}/replay", handle_replay},
      {"GET", "/v1/todo", handle_todo},
      {"POST", "/v1/decisions/{id}/void-usage", handle_void_usage},
      {"GET", "/v1/register", handle_register_list},
      {"POST", "/v1/register", handle_register_add},
      {"GET", "/v1/register/alerts", handle_register_alerts},
      {"GET", "/v1/register/{id}", handle_register_entry},
      {"POST", "/v1/register/{id}/void", handle_register_void},
      {"GET", "/healthz", handle_health},
      {"GET", "/metrics", handle_metrics},
      {"GET", "/v1/openapi.json", handle_document},
      {"GET", "/v1/schemas/{name}", handle_document},
      {"POST", "/v1/record", handle_record},
      {"POST", "/v1/validate", handle_validate},
      {"GET", "/v1/catalog", handle_catalog},
      {"GET", "/v1/about", handle_about},
      {"GET", "/", handle_page},
      {"GET", "/assets/{name}", handle_asset},
  };
  return table;
}

std::optional<RouteMatch> match_route(std::string_view method, std::string_view path) {
  const auto& table = routes();
  for (size_t i = 0; i < table.size(); ++i) {
    RouteMatch match;
    if (method_matches(table[i].method, method) && path_matches(table[i].path, path, &match.path_values)) {
      match.index = i;
      return match;
    }
  }
  return std::nullopt;
}

std::string allowed_methods(std::string_view path) {
  std::string out;
  for (const Route& route : routes())
    if (path_matches(route.path, path, nullptr) && out.find(route.method) == std::string::npos) {
      out += out.empty() ? "" : ", ";
      out += route.method;
      if (route.method == "GET") out += ", HEAD";
    }
  return out;
}

}  // namespace exportctl::http
