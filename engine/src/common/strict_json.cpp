#include "common/strict_json.hpp"

#include <cmath>
#include <set>
#include <vector>

namespace exportctl {
namespace {

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Tracks where the parser is, to reject duplicate keys with their JSON pointer.
class DuplicateKeyGuard {
 public:
  DuplicateKeyGuard(const std::string& source, std::vector<Error>* duplicates)
      : source_(source), duplicates_(duplicates) {}

  bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using event_t = nlohmann::json::parse_event_t;
    switch (event) {
      case event_t::object_start:
      case event_t::array_start:
        count_element();
        frames_.push_back({event == event_t::array_start, -1, {}, {}});
        break;
      case event_t::object_end:
      case event_t::array_end:
        frames_.pop_back();
        break;
      case event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) {
          Error duplicate{ErrorCode::bad_rules, source_, pointer(), "duplicate key \"" + frame.key + "\"",
                          rule_id_.empty() ? std::string() : "rule " + rule_id_};
          if (!duplicates_) throw LoadError{std::move(duplicate)};
          duplicates_->push_back(std::move(duplicate));
        }
        break;
      }
      case event_t::value:
        count_element();
        // Remember the file's rule id (a top-level "id"), so later errors can name the rule.
        if (frames_.size() == 1 && !frames_[0].is_array && frames_[0].key == "id" && parsed.is_string())
          rule_id_ = parsed.get<std::string>();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_array;
    long index;
    std::set<std::string> keys;
    std::string key;
  };
  void count_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }
  std::string pointer() const {
    std::string out;
    for (const Frame& frame : frames_) {
      out += '/';
      out += frame.is_array ? std::to_string(frame.index) : escape_pointer_token(frame.key);
    }
    return out;
  }
  const std::string& source_;
  std::vector<Error>* duplicates_;
  std::vector<Frame> frames_;
  std::string rule_id_;
};

}  // namespace

nlohmann::json parse_strict_json(std::string_view text, const std::string& source, std::vector<Error>* duplicates) {
  try {
    return nlohmann::json::parse(text.begin(), text.end(), DuplicateKeyGuard(source, duplicates));
  } catch (const nlohmann::json::parse_error& error) {
    throw LoadError{make_error(ErrorCode::bad_rules, source, std::string("not valid JSON: ") + error.what())};
  }
}

void JsonAt::fail(std::string_view what) const {
  throw LoadError{Error{ErrorCode::bad_rules, source_, pointer_.empty() ? "/" : pointer_, std::string(what), context_}};
}

void JsonAt::expect_object() const {
  if (!value_->is_object()) fail("expected an object");
}

void JsonAt::expect_array() const {
  if (!value_->is_array()) fail("expected an array");
}

void JsonAt::allow_only(std::initializer_list<std::string_view> keys) const {
  expect_object();
  for (const auto& [key, value] : value_->items()) {
    bool known = false;
    for (std::string_view allowed : keys) known |= key == allowed;
    if (!known) JsonAt(value, source_, pointer_ + "/" + escape_pointer_token(key), context_).fail("unknown key \"" + key + "\"");
  }
}

bool JsonAt::has(std::string_view key) const { return value_->is_object() && value_->contains(key); }

std::optional<std::string> JsonAt::peek_string(std::string_view key) const {
  if (!value_->is_object()) return std::nullopt;
  auto found = value_->find(key);
  if (found == value_->end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

JsonAt JsonAt::at(std::string_view key) const {
  expect_object();
  auto found = value_->find(key);
  if (found == value_->end()) fail("missing required key \"" + std::string(key) + "\"");
  return JsonAt(*found, source_, pointer_ + "/" + escape_pointer_token(key), context_);
}

std::optional<JsonAt> JsonAt::find(std::string_view key) const {
  expect_object();
  auto found = value_->find(key);
  if (found == value_->end() || found->is_null()) return std::nullopt;
  return JsonAt(*found, source_, pointer_ + "/" + escape_pointer_token(key), context_);
}

JsonAt JsonAt::at(size_t index) const {
  expect_array();
  return JsonAt((*value_)[index], source_, pointer_ + "/" + std::to_string(index), context_);
}

size_t JsonAt::size() const {
  expect_array();
  return value_->size();
}

std::string JsonAt::as_string() const {
  if (!value_->is_string()) fail("expected a string");
  return value_->get<std::string>();
}

double JsonAt::as_number() const {
  if (!value_->is_number()) fail("expected a number");
  double number = value_->get<double>();
  if (!std::isfinite(number)) fail("expected a finite number");
  return number;
}

int JsonAt::as_int() const {
  if (!value_->is_number_integer()) fail("expected an integer");
  return value_->get<int>();
}

bool JsonAt::as_bool() const {
  if (!value_->is_boolean()) fail("expected true or false");
  return value_->get<bool>();
}

Date JsonAt::as_date() const {
  std::string text = as_string();
  auto date = parse_date(text);
  if (!date) fail("\"" + text + "\" is not a date (YYYY-MM-DD, a day that exists)");
  return *date;
}

std::string JsonAt::string_or(std::string_view key, std::string fallback) const {
  auto member = find(key);
  return member ? member->as_string() : fallback;
}

std::optional<Date> JsonAt::optional_date(std::string_view key) const {
  auto member = find(key);
  if (!member) return std::nullopt;
  return member->as_date();
}

}  // namespace exportctl
