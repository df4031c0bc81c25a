// Reading rule files strictly: nlohmann keeps the last of duplicate keys silently, so the
// document is built here from its SAX events and duplicates are rejected; JsonAt helpers name
// the file and JSON pointer of every error.
#pragma once

#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/result.hpp"

namespace exportctl {

// A problem in a rule file (ErrorCode::bad_rules). Thrown inside the loader only, which records
// it and goes on with the next document, version or entry; no exception leaves the loader.
struct LoadError {
  Error error;
};

// Parses `text`; throws LoadError for text that is not JSON, and for a duplicate key (with its
// pointer and, once the file's top-level "id" has been read, the rule). With `duplicates`, a
// duplicate key is recorded there instead and parsing goes on (the last value stays), so that
// the rest of the file can still be checked.
// Parsed with simdjson and converted; text that simdjson refuses (and a "-0") goes to
// parse_strict_json_exact, so that values, duplicates and messages are always nlohmann's.
nlohmann::json parse_strict_json(std::string_view text, const std::string& source,
                                 std::vector<Error>* duplicates = nullptr);
// The same with nlohmann's parser alone: the reference the fast path is tested against
// (tests/fuzz/strict_json_fuzz.cpp) and what it falls back to.
nlohmann::json parse_strict_json_exact(std::string_view text, const std::string& source,
                                       std::vector<Error>* duplicates = nullptr);

// A JSON value and where it is: file and JSON pointer. `context` ("rule X", "group D:1") is the
// context of every error raised here.
class JsonAt {
 public:
  JsonAt(const nlohmann::json& value, std::string source, std::string pointer = "", std::string context = "")
      : value_(&value),
        source_(std::make_shared<const std::string>(std::move(source))),
        context_(std::make_shared<const std::string>(std::move(context))),
        pointer_(std::move(pointer)) {}

  [[noreturn]] void fail(std::string_view what) const;
  const nlohmann::json& json() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& source() const { return *source_; }
  JsonAt with_context(std::string context) const {
    return JsonAt(*value_, source_, std::make_shared<const std::string>(std::move(context)), pointer_);
  }

  // Object access. `allow_only` rejects every key not listed.
  void allow_only(std::initializer_list<std::string_view> keys) const;
  bool has(std::string_view key) const;
  // The string member `key`, or nullopt (never fails): to name what a file defines even when
  // reading it fails.
  std::optional<std::string> peek_string(std::string_view key) const;
  JsonAt at(std::string_view key) const;          // required member
  std::optional<JsonAt> find(std::string_view key) const;
  JsonAt at(size_t index) const;                  // array element
  size_t size() const;                            // array length (fails if not an array)

  std::string as_string() const;
  double as_number() const;
  int as_int() const;
  bool as_bool() const;
  Date as_date() const;
  void expect_object() const;
  void expect_array() const;

  // Shorthands for members.
  std::string string(std::string_view key) const { return at(key).as_string(); }
  std::string string_or(std::string_view key, std::string fallback) const;
  Date date(std::string_view key) const { return at(key).as_date(); }
  std::optional<Date> optional_date(std::string_view key) const;

 private:
  // A member or element shares the file name and context of the value it is in: loading the
  // rules makes tens of thousands of these, and copying both strings into each was most of it.
  JsonAt(const nlohmann::json& value, std::shared_ptr<const std::string> source,
         std::shared_ptr<const std::string> context, std::string pointer)
      : value_(&value), source_(std::move(source)), context_(std::move(context)), pointer_(std::move(pointer)) {}
  JsonAt member(const nlohmann::json& value, std::string pointer) const {
    return JsonAt(value, source_, context_, std::move(pointer));
  }

  const nlohmann::json* value_;
  std::shared_ptr<const std::string> source_, context_;
  std::string pointer_;
};

}  // namespace exportctl
