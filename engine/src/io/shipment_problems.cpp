#include "io/shipment_problems.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace exportctl {
namespace {

// Keeps the members in the order given, so that the parser meets the problems in the order the
// person wrote the fields (a std::map would put "items" before "origin").
using Document = nlohmann::ordered_json;

// A problem recorded costs a parse, and setting its member aside one more for each ancestor it
// leaves wanting: a part without its model, then an item without parts, then no items (the
// document as a whole ends the listing). This bounds the work whatever the document.
constexpr size_t kParsesPerProblem = 4;

// "/items/0/model" -> {"items", "0", "model"}; "/" (the whole document) -> {}.
std::vector<std::string_view> parts_of(std::string_view pointer) {
  std::vector<std::string_view> parts;
  if (pointer.empty() || pointer == "/") return parts;
  for (size_t at = 1; at <= pointer.size();) {
    size_t end = std::min(pointer.find('/', at), pointer.size());
    parts.push_back(pointer.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

std::optional<size_t> index_of(std::string_view part) {
  if (part.empty() || part.size() > 9 || (part.size() > 1 && part[0] == '0')) return std::nullopt;
  size_t index = 0;
  for (char c : part) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<size_t>(c - '0');
  }
  return index;
}

// The array elements set aside so far. The parser numbers an element after one set aside one
// lower than the caller's document does; pointers are translated both ways here.
class SetAsideElements {
 public:
  void add(const std::string& array, size_t index) {
    std::vector<size_t>& indexes = removed_[array];
    indexes.insert(std::upper_bound(indexes.begin(), indexes.end(), index), index);
  }

  // What the pointer the parser reports names in the caller's document.
  std::string original(std::string_view now) const {
    if (removed_.empty()) return std::string(now);
    std::string out;
    for (std::string_view part : parts_of(now)) {
      auto removed = removed_.find(out);
      std::optional<size_t> index = index_of(part);
      out += '/';
      if (removed == removed_.end() || !index) {
        out += part;
        continue;
      }
      for (size_t gone : removed->second)
        if (gone <= *index) ++*index;
      out += std::to_string(*index);
    }
    return out.empty() ? "/" : out;
  }

  // Where a pointer into the caller's document is in the document as it is now.
  std::string now(std::string_view original) const {
    if (removed_.empty()) return std::string(original);
    std::string prefix, out;
    for (std::string_view part : parts_of(original)) {
      auto removed = removed_.find(prefix);
      std::optional<size_t> index = index_of(part);
      prefix += '/';
      prefix += part;
      out += '/';
      if (removed == removed_.end() || !index) {
        out += part;
        continue;
      }
      auto before = std::lower_bound(removed->second.begin(), removed->second.end(), *index);
      out += std::to_string(*index - static_cast<size_t>(before - removed->second.begin()));
    }
    return out.empty() ? "/" : out;
  }

 private:
  std::map<std::string, std::vector<size_t>, std::less<>> removed_;  // by the array's original pointer, ascending
};

// True when `ancestor` is `pointer` or a JSON pointer above it ("/items/0" above "/items/0/model").
bool at_or_above(std::string_view ancestor, std::string_view pointer) {
  if (ancestor == "/") return true;
  return pointer.substr(0, ancestor.size()) == ancestor &&
         (pointer.size() == ancestor.size() || pointer[ancestor.size()] == '/');
}

// Removes the object member or array element that `original` names; false for the whole
// document or a pointer that names nothing.
bool set_aside(Document& document, const std::string& original, SetAsideElements& elements) {
  if (original == "/") return false;
  try {
    Document::json_pointer path(elements.now(original));
    std::string last = path.back();
    Document& parent = document.at(path.parent_pointer());
    if (parent.is_object() && parent.contains(last)) {
      parent.erase(last);
      return true;
    }
    std::optional<size_t> index = index_of(last);
    if (!parent.is_array() || !index || *index >= parent.size()) return false;
    parent.erase(*index);
    elements.add(original.substr(0, original.rfind('/')), *index_of(original.substr(original.rfind('/') + 1)));
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
  if (parsed || limit == 0) return problems;
  problems.push_back(parsed.error());
  // Setting aside needs the document as a tree: text that is not JSON has only its first problem.
  Document document = Document::parse(json, nullptr, false);
  if (document.is_discarded()) return problems;
  SetAsideElements elements;
  std::vector<std::string> set_aside_pointers;
  std::string next = problems.back().pointer;
  for (size_t parses = 1; problems.size() < limit && parses < kParsesPerProblem * limit; ++parses) {
    if (!set_aside(document, next, elements)) break;
    set_aside_pointers.push_back(next);
    parsed = parser.parse(document.dump(), source, shipment);
    if (parsed) break;
    Error problem = parsed.error();
    problem.pointer = elements.original(problem.pointer);
    next = problem.pointer;
    bool caused = std::any_of(set_aside_pointers.begin(), set_aside_pointers.end(),
                              [&](const std::string& aside) { return at_or_above(problem.pointer, aside); });
    if (!caused) problems.push_back(std::move(problem));
  }
  return problems;
}

}  // namespace exportctl
