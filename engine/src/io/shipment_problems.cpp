#include "io/shipment_problems.hpp"

#include <nlohmann/json.hpp>

namespace exportctl {
namespace {

// True when `ancestor` is `pointer` or a JSON pointer above it ("/items/0" above "/items/0/model").
bool at_or_above(std::string_view ancestor, std::string_view pointer) {
  if (ancestor == "/") return true;
  return pointer.substr(0, ancestor.size()) == ancestor && (pointer.size() == ancestor.size() || pointer[ancestor.size()] == '/');
}

// Removes the object member `pointer` names; false when it names no object member.
bool set_aside(nlohmann::json& document, const std::string& pointer) {
  try {
    nlohmann::json::json_pointer path(pointer);
    if (path.empty()) return false;
    std::string key = path.back();
    nlohmann::json& parent = document.at(path.parent_pointer());
    if (!parent.is_object() || !parent.contains(key)) return false;
    parent.erase(key);
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace

std::vector<Error> list_shipment_problems(ShipmentParser& parser, std::string_view json, std::string_view source,
                                          size_t limit) {
  std::vector<Error> problems;
  Shipment shipment;
  Status parsed = parser.parse(json, source, shipment);
  if (parsed) return problems;
  problems.push_back(parsed.error());
  // The parser has shown the text is JSON unless the problem is on the whole document.
  nlohmann::json document = nlohmann::json::parse(json, nullptr, false);
  if (document.is_discarded()) return problems;
  std::vector<std::string> set_aside_pointers;
  while (problems.size() < limit) {
    const std::string& pointer = problems.back().pointer;
    if (pointer.empty() || pointer == "/" || !set_aside(document, pointer)) break;
    set_aside_pointers.push_back(pointer);
    parsed = parser.parse(document.dump(), source, shipment);
    if (parsed) break;
    const Error& next = parsed.error();
    bool caused = next.pointer.empty();
    for (const std::string& aside : set_aside_pointers) caused = caused || at_or_above(next.pointer, aside);
    if (caused) break;
    problems.push_back(next);
  }
  return problems;
}

}  // namespace exportctl
