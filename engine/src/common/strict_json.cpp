#include "common/strict_json.hpp"

#include <simdjson.h>

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

// Where the parse is (for the JSON pointer of a duplicate key) and the file's rule id (a
// top-level "id" string, so that a duplicate after it names the rule). Both parsers below report
// through it, visiting values in document order, so that they report the same duplicates with
// the same pointers and contexts.
class DuplicateReporter {
 public:
  DuplicateReporter(const std::string& source, std::vector<Error>* duplicates)
      : source_(source), duplicates_(duplicates) {}

  // Before each value, a container included: counts array elements.
  void element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }
  void open(bool is_array) { frames_.push_back({is_array, -1, {}}); }
  void close() { frames_.pop_back(); }
  // An object member's key; `inserted` false when the object already had it.
  void key(std::string_view key, bool inserted) {
    Frame& frame = frames_.back();
    frame.key.assign(key);
    if (inserted) return;
    Error duplicate{ErrorCode::bad_rules, source_, pointer(), "duplicate key \"" + frame.key + "\"",
                    rule_id_.empty() ? std::string() : "rule " + rule_id_};
    if (!duplicates_) throw LoadError{std::move(duplicate)};
    duplicates_->push_back(std::move(duplicate));
  }
  // A string value: remembered when it is the top-level "id".
  void string(std::string_view text) {
    if (frames_.size() == 1 && !frames_[0].is_array && frames_[0].key == "id") rule_id_.assign(text);
  }

 private:
  struct Frame {
    bool is_array;
    long index;
    std::string key;
  };
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

// A duplicate keeps its place in the object, and the value that follows replaces the earlier
// one (nlohmann's own behaviour: the last value stays).
nlohmann::json& member_slot(nlohmann::json& object, std::string_view key, DuplicateReporter& reporter) {
  auto [slot, inserted] = object.get_ref<nlohmann::json::object_t&>().try_emplace(std::string(key));
  reporter.key(key, inserted);
  return slot->second;
}

// The fast path: simdjson's DOM (a validating parse at gigabytes per second) converted into
// nlohmann values. nlohmann's lexer was two thirds of parsing the shipped rules, and every
// `check` parses all of them (docs/performance.md, round 4).
class SimdjsonConverter {
 public:
  explicit SimdjsonConverter(DuplicateReporter& reporter) : reporter_(reporter) {}

  void convert(simdjson::dom::element from, nlohmann::json& to) {
    using simdjson::dom::element_type;
    reporter_.element();
    switch (from.type()) {
      case element_type::OBJECT: {
        // Named, not iterated as a temporary: the range would outlive the result holding it.
        simdjson::dom::object object = from.get_object().value_unsafe();
        to = nlohmann::json::object();
        reporter_.open(false);
        for (simdjson::dom::key_value_pair member : object) convert(member.value, member_slot(to, member.key, reporter_));
        reporter_.close();
        break;
      }
      case element_type::ARRAY: {
        simdjson::dom::array elements = from.get_array().value_unsafe();
        to = nlohmann::json::array();
        auto& array = to.get_ref<nlohmann::json::array_t&>();
        reporter_.open(true);
        for (simdjson::dom::element child : elements) convert(child, array.emplace_back());
        reporter_.close();
        break;
      }
      case element_type::STRING: {
        std::string_view text = from.get_string().value_unsafe();
        reporter_.string(text);
        to = std::string(text);
        break;
      }
      // nlohmann keeps an integer written without a sign as unsigned, with one as signed;
      // simdjson keeps either as signed when it fits. ("-0", signed for nlohmann, never gets
      // here: see needs_nlohmann.)
      case element_type::INT64: {
        int64_t number = from.get_int64().value_unsafe();
        if (number >= 0) to = static_cast<uint64_t>(number);
        else to = number;
        break;
      }
      case element_type::UINT64: to = from.get_uint64().value_unsafe(); break;
      case element_type::DOUBLE: to = from.get_double().value_unsafe(); break;
      case element_type::BOOL: to = from.get_bool().value_unsafe(); break;
      case element_type::NULL_VALUE: to = nullptr; break;
    }
  }

 private:
  DuplicateReporter& reporter_;
};

// Text that simdjson would read differently from nlohmann goes to nlohmann: "-0" as a number
// (simdjson cannot tell it from 0; nlohmann keeps it signed). Looked for conservatively: "-0"
// after a character that can precede a value and not followed by more of a number.
bool needs_nlohmann(std::string_view text) {
  for (size_t at = text.find("-0"); at != std::string_view::npos; at = text.find("-0", at + 1)) {
    char before = at == 0 ? ' ' : text[at - 1];
    char after = at + 2 < text.size() ? text[at + 2] : ' ';
    bool starts_value = before == ':' || before == '[' || before == ',' || before == ' ' || before == '\t' ||
                        before == '\n' || before == '\r';
    bool number_goes_on = (after >= '0' && after <= '9') || after == '.' || after == 'e' || after == 'E';
    if (starts_value && !number_goes_on) return true;
  }
  return false;
}

// The exact path, for text the fast path refuses or would read differently: the document built
// from nlohmann's SAX events, as its own DOM parser builds it. Its errors are the messages of
// "not valid JSON" that users see.
class NlohmannBuilder {
 public:
  NlohmannBuilder(nlohmann::json& root, DuplicateReporter& reporter) : root_(root), reporter_(reporter) {}

  bool null() { return value(nullptr); }
  bool boolean(bool flag) { return value(flag); }
  bool number_integer(nlohmann::json::number_integer_t number) { return value(number); }
  bool number_unsigned(nlohmann::json::number_unsigned_t number) { return value(number); }
  bool number_float(nlohmann::json::number_float_t number, const std::string&) { return value(number); }
  bool string(std::string& text) {
    reporter_.string(text);
    return value(std::move(text));
  }
  bool binary(nlohmann::json::binary_t&) { return true; }  // JSON text has none
  bool start_object(std::size_t) { return open(nlohmann::json::value_t::object, false); }
  bool start_array(std::size_t) { return open(nlohmann::json::value_t::array, true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& key) {
    member_ = &member_slot(*containers_.back(), key, reporter_);
    return true;
  }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    throw error;
  }

 private:
  // Where the next value goes: the root, the end of the open array, or the member just keyed.
  template <class Value>
  nlohmann::json* place(Value&& value) {
    reporter_.element();
    if (containers_.empty()) {
      root_ = nlohmann::json(std::forward<Value>(value));
      return &root_;
    }
    if (containers_.back()->is_array()) {
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
    reporter_.open(is_array);
    return true;
  }
  bool close() {
    containers_.pop_back();
    reporter_.close();
    return true;
  }

  nlohmann::json& root_;
  DuplicateReporter& reporter_;
  std::vector<nlohmann::json*> containers_;  // the open objects and arrays, innermost last
  nlohmann::json* member_ = nullptr;
};

}  // namespace

nlohmann::json parse_strict_json(std::string_view text, const std::string& source, std::vector<Error>* duplicates) {
  if (!needs_nlohmann(text)) {
    // One parser per thread, its buffers reused from file to file (a rule file is 20 KB at most).
    // Its buffers are ~14 times the text, so a large document (a register entry sent to the
    // service) gets a parser of its own, freed on return, rather than one a thread keeps.
    constexpr size_t kKeptParserBytes = 1 << 20;
    thread_local simdjson::dom::parser kept;
    simdjson::dom::parser own;
    simdjson::dom::parser& parser = text.size() <= kKeptParserBytes ? kept : own;
    simdjson::dom::element parsed;
    if (!parser.parse(text.data(), text.size()).get(parsed)) {
      nlohmann::json root;
      DuplicateReporter reporter(source, duplicates);
      SimdjsonConverter(reporter).convert(parsed, root);
      return root;
    }
  }
  return parse_strict_json_exact(text, source, duplicates);
}

nlohmann::json parse_strict_json_exact(std::string_view text, const std::string& source,
                                       std::vector<Error>* duplicates) {
  try {
    nlohmann::json root;
    DuplicateReporter reporter(source, duplicates);
    NlohmannBuilder builder(root, reporter);
    nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
    return root;
  } catch (const nlohmann::json::parse_error& error) {
    throw LoadError{make_error(ErrorCode::bad_rules, source, std::string("not valid JSON: ") + error.what())};
  }
}

void JsonAt::fail(std::string_view what) const {
  throw LoadError{Error{ErrorCode::bad_rules, *source_, pointer_.empty() ? "/" : pointer_, std::string(what), *context_}};
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
    if (!known) member(value, pointer_ + "/" + escape_pointer_token(key)).fail("unknown key \"" + key + "\"");
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
  return member(*found, pointer_ + "/" + escape_pointer_token(key));
}

std::optional<JsonAt> JsonAt::find(std::string_view key) const {
  expect_object();
  auto found = value_->find(key);
  if (found == value_->end() || found->is_null()) return std::nullopt;
  return member(*found, pointer_ + "/" + escape_pointer_token(key));
}

JsonAt JsonAt::at(size_t index) const {
  expect_array();
  return member((*value_)[index], pointer_ + "/" + std::to_string(index));
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
