#include "common/strict_json.hpp"

#include <cmath>
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

// Builds the document from nlohmann's SAX events, as its own DOM parser does, and rejects
// duplicate keys with their JSON pointer. A SAX handler rather than a parser callback: the
// callback parser builds every value and then asks whether to keep it, and the guard kept a set
// of keys per object; here a duplicate is found by the insertion into the object itself. That
// made parsing the shipped rules about twice as fast (docs/performance.md, round 4), and every
// `check` parses all of them.
class StrictDomBuilder {
 public:
  StrictDomBuilder(nlohmann::json& root, const std::string& source, std::vector<Error>* duplicates)
      : root_(root), source_(source), duplicates_(duplicates) {}

  bool null() { return value(nullptr); }
  bool boolean(bool flag) { return value(flag); }
  bool number_integer(nlohmann::json::number_integer_t number) { return value(number); }
  bool number_unsigned(nlohmann::json::number_unsigned_t number) { return value(number); }
  bool number_float(nlohmann::json::number_float_t number, const std::string&) { return value(number); }
  bool string(std::string& text) {
    // Remember the file's rule id (a top-level "id"), so later errors can name the rule.
    if (frames_.size() == 1 && !frames_[0].is_array && frames_[0].key == "id") rule_id_ = text;
    return value(std::move(text));
  }
  bool binary(nlohmann::json::binary_t&) { return true; }  // JSON text has none
  bool start_object(std::size_t) { return open(nlohmann::json::value_t::object, false); }
  bool start_array(std::size_t) { return open(nlohmann::json::value_t::array, true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& key) {
    Frame& frame = frames_.back();
    auto [slot, inserted] = containers_.back()->get_ref<nlohmann::json::object_t&>().try_emplace(key);
    frame.key = std::move(key);
    // A duplicate keeps its place, and the value that follows replaces the earlier one.
    member_ = &slot->second;
    if (!inserted) {
      Error duplicate{ErrorCode::bad_rules, source_, pointer(), "duplicate key \"" + frame.key + "\"",
                      rule_id_.empty() ? std::string() : "rule " + rule_id_};
      if (!duplicates_) throw LoadError{std::move(duplicate)};
      duplicates_->push_back(std::move(duplicate));
    }
    return true;
  }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    throw error;
  }

 private:
  struct Frame {
    bool is_array;
    long index;
    std::string key;
  };

  // Where the next value goes: the root, the end of the open array, or the member just keyed.
  template <class Value>
  nlohmann::json* place(Value&& value) {
    if (containers_.empty()) {
      root_ = nlohmann::json(std::forward<Value>(value));
      return &root_;
    }
    if (frames_.back().is_array) {
      ++frames_.back().index;
      auto& array = containers_.back()->get_ref<nlohmann::json::array_t&>();
      array.emplace_back(std::forward<Value>(value));
      return &array.back();
    }
    *member_ = nlohmann::json(std::forward<Value>(value));
    return member_;
  }
  template <class Value>
  bool value(Value&& value) {
    place(std::forward<Value>(value));
    return true;
  }
  bool open(nlohmann::json::value_t type, bool is_array) {
    containers_.push_back(place(type));
    frames_.push_back({is_array, -1, {}});
    return true;
  }
  bool close() {
    containers_.pop_back();
    frames_.pop_back();
    return true;
  }
  std::string pointer() const {
    std::string out;
    for (const Frame& frame : frames_) {
      out += '/';
      out += frame.is_array ? std::to_string(frame.index) : escape_pointer_token(frame.key);
    }
    return out;
  }

  nlohmann::json& root_;
  const std::string& source_;
  std::vector<Error>* duplicates_;
  std::vector<nlohmann::json*> containers_;  // the open objects and arrays, innermost last
  std::vector<Frame> frames_;                // parallel to containers_, for pointers
  nlohmann::json* member_ = nullptr;
  std::string rule_id_;
};

}  // namespace

nlohmann::json parse_strict_json(std::string_view text, const std::string& source, std::vector<Error>* duplicates) {
  try {
    nlohmann::json root;
    StrictDomBuilder builder(root, source, duplicates);
    nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
    return root;
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
