// Strict reading of rule files: duplicate keys, unknown keys and type errors are rejected with
// "FILE: /json/pointer: what (rule ID)".
#include <catch2/catch.hpp>

#include "common/strict_json.hpp"
#include "support.hpp"

using exportctl::JsonAt;
using exportctl::LoadError;
using exportctl::parse_strict_json;

namespace {

// The message of the LoadError that `action` throws ("" if it throws none).
template <typename Action>
std::string error_of(Action&& action) {
  try {
    action();
  } catch (const LoadError& error) {
    return error.error.message();
  }
  return "";
}

std::string duplicate_error(std::string_view text) {
  return error_of([&] { parse_strict_json(text, "f.json"); });
}

}  // namespace

TEST_CASE("strict json: well-formed text parses", "[strict_json]") {
  nlohmann::json value = parse_strict_json(R"({"a": [1, {"b": true}], "c": "x"})", "f.json");
  CHECK(value["a"][1]["b"] == true);
  CHECK(value["c"] == "x");
  // The same key in sibling objects is not a duplicate.
  CHECK_NOTHROW(parse_strict_json(R"([{"a": 1}, {"a": 2}, {"b": {"a": 3}}])", "f.json"));
}

TEST_CASE("strict json: duplicate keys are rejected with their JSON pointer", "[strict_json]") {
  CHECK(duplicate_error(R"({"a": 1, "a": 2})") == "f.json: /a: duplicate key \"a\"");
  CHECK(duplicate_error(R"({"a": {"b": 1, "c": 2, "b": 3}})") == "f.json: /a/b: duplicate key \"b\"");
  CHECK(duplicate_error(R"({"versions": [{"x": 1}, {"y": 1, "x": 1, "x": 2}]})") ==
        "f.json: /versions/1/x: duplicate key \"x\"");
  // Nested arrays count their elements separately; scalars and containers both count.
  CHECK(duplicate_error(R"([[1], [2, {"a": 1, "a": 2}]])") == "f.json: /1/1/a: duplicate key \"a\"");
  CHECK(duplicate_error(R"({"l": [[], {}, 3, {"k": 1, "k": 1}]})") == "f.json: /l/3/k: duplicate key \"k\"");
  // Keys with '/' and '~' are escaped as JSON pointer tokens.
  CHECK(duplicate_error(R"({"a/b": {"c~d": 1, "c~d": 2}})") == "f.json: /a~1b/c~0d: duplicate key \"c~d\"");
  // After a finished nested object, the parent's keys are still tracked.
  CHECK(duplicate_error(R"({"a": {"z": 1}, "b": 2, "a": 3})") == "f.json: /a: duplicate key \"a\"");
}

TEST_CASE("strict json: text that is not JSON names the file", "[strict_json]") {
  std::string message = duplicate_error(R"({"a": 1,})");
  CHECK(message.rfind("f.json: not valid JSON: ", 0) == 0);
  CHECK(duplicate_error(R"({"a": 1} x)").rfind("f.json: not valid JSON: ", 0) == 0);
  CHECK(duplicate_error("").rfind("f.json: not valid JSON: ", 0) == 0);
}

TEST_CASE("strict json: a duplicate key names the file's rule once its id has been read", "[strict_json]") {
  CHECK(duplicate_error(R"({"id": "us.x", "versions": [{"a": 1, "a": 2}]})") ==
        "f.json: /versions/0/a: duplicate key \"a\" (rule us.x)");
  CHECK(duplicate_error(R"({"versions": [{"a": 1, "a": 2}], "id": "us.x"})") == "f.json: /versions/0/a: duplicate key \"a\"");
  CHECK(duplicate_error(R"({"inner": {"id": "not.the.rule", "b": 1, "b": 2}})") == "f.json: /inner/b: duplicate key \"b\"");
}

TEST_CASE("strict json: JsonAt names file, pointer and context", "[strict_json]") {
  nlohmann::json root = parse_strict_json(R"({"id": 5, "versions": [{"n": 1.5, "d": "2025-02-30", "b": "yes"}]})",
                                          "rules/us/x.json");
  JsonAt at(root, "rules/us/x.json");
  JsonAt rule = at.with_context("rule us.test");

  CHECK(error_of([&] { at.at("id").as_string(); }) == "rules/us/x.json: /id: expected a string");
  CHECK(error_of([&] { rule.at("id").as_string(); }) == "rules/us/x.json: /id: expected a string (rule us.test)");
  JsonAt v = rule.at("versions").at(0);
  CHECK(v.pointer() == "/versions/0");
  CHECK(error_of([&] { v.at("n").as_int(); }) == "rules/us/x.json: /versions/0/n: expected an integer (rule us.test)");
  CHECK(v.at("n").as_number() == 1.5);
  CHECK(error_of([&] { v.at("b").as_bool(); }) ==
        "rules/us/x.json: /versions/0/b: expected true or false (rule us.test)");
  CHECK(error_of([&] { v.date("d"); }) ==
        "rules/us/x.json: /versions/0/d: \"2025-02-30\" is not a date (YYYY-MM-DD, a day that exists) (rule us.test)");
  CHECK(error_of([&] { v.at("missing"); }) ==
        "rules/us/x.json: /versions/0: missing required key \"missing\" (rule us.test)");
  // The root is shown as "/".
  CHECK(error_of([&] { at.at("kind"); }) == "rules/us/x.json: /: missing required key \"kind\"");
  CHECK(error_of([&] { at.at("versions").expect_object(); }) == "rules/us/x.json: /versions: expected an object");
  CHECK(error_of([&] { at.at("id").size(); }) == "rules/us/x.json: /id: expected an array");
}

TEST_CASE("strict json: allow_only rejects unknown keys at their pointer", "[strict_json]") {
  nlohmann::json root = parse_strict_json(R"({"kind": "x", "a/b": 1})", "f.json");
  JsonAt at(root, "f.json", "", "rule r.id");
  CHECK(error_of([&] { at.allow_only({"kind"}); }) == "f.json: /a~1b: unknown key \"a/b\" (rule r.id)");
  CHECK_NOTHROW(at.allow_only({"kind", "a/b"}));
}

TEST_CASE("strict json: optional members", "[strict_json]") {
  nlohmann::json root = parse_strict_json(R"({"s": "v", "n": null, "d": "2024-02-29"})", "f.json");
  JsonAt at(root, "f.json");
  CHECK(at.string_or("s", "fallback") == "v");
  CHECK(at.string_or("absent", "fallback") == "fallback");
  CHECK_FALSE(at.find("n").has_value());  // null counts as absent
  CHECK(at.optional_date("d") == support::day("2024-02-29"));
  CHECK_FALSE(at.optional_date("absent").has_value());
  CHECK(error_of([&] { at.as_number(); }) == "f.json: /: expected a number");
}

TEST_CASE("strict json: the loader reports errors as FILE: /pointer: what (rule ID)", "[strict_json][loader]") {
  using support::version;
  SECTION("duplicate key in a rule file") {
    std::string text = R"({"kind": "license", "id": "t.lic", "jurisdiction": "US", "authority": "US-BIS",
      "title": "t", "versions": [{"version": 1, "version": 2}]})";
    CHECK(support::load_error({support::countries(), {"us/t.json", text}}) ==
          "us/t.json: /versions/0/version: duplicate key \"version\" (rule t.lic)");
  }
  SECTION("unknown key in a version") {
    CHECK(support::load_error({support::countries(),
                               support::rule("license", "t.lic", {version(1, "2024-01-01", R"({"valid_too": "2025-01-01"})")})}) ==
          "t.lic.json: /versions/0/valid_too: unknown key \"valid_too\" for a rule of kind license (rule t.lic)");
  }
  SECTION("type error in a version") {
    CHECK(support::load_error({support::countries(),
                               support::rule("license", "t.lic", {version(1, "2024-01-01", R"({"version": "1"})")})}) ==
          "t.lic.json: /versions/0/version: expected an integer (rule t.lic)");
    CHECK(support::load_error({support::countries(),
                               support::rule("license", "t.lic", {version(1, "2024-01-01", R"({"valid_from": "2023-02-29"})")})}) ==
          "t.lic.json: /versions/0/valid_from: \"2023-02-29\" is not a date (YYYY-MM-DD, a day that exists) (rule t.lic)");
  }
  SECTION("unknown key at the top of a rule file") {
    std::string text = R"({"kind": "license", "id": "t.lic", "jurisdiction": "US", "authority": "US-BIS",
      "title": "t", "versions": [], "extra": 1})";
    CHECK(support::load_error({support::countries(), {"t.json", text}}) ==
          "t.json: /extra: unknown key \"extra\" (rule t.lic)");
  }
}

TEST_CASE("strict json: errors carry the file, the pointer, the problem and the context as fields", "[strict_json]") {
  nlohmann::json value = parse_strict_json(R"({"versions": [{"valid_from": "2025-02-30"}]})", "rules/x.json");
  JsonAt root(value, "rules/x.json", "", "rule t.x");
  try {
    root.at("versions").at(0).date("valid_from");
    FAIL("an impossible date was accepted");
  } catch (const LoadError& failure) {
    CHECK(failure.error.code == exportctl::ErrorCode::bad_rules);
    CHECK(failure.error.source == "rules/x.json");
    CHECK(failure.error.pointer == "/versions/0/valid_from");
    CHECK(failure.error.problem == "\"2025-02-30\" is not a date (YYYY-MM-DD, a day that exists)");
    CHECK(failure.error.context == "rule t.x");
  }
  try {
    root.at("id");
    FAIL("a missing key was accepted");
  } catch (const LoadError& failure) {
    CHECK(failure.error.pointer == "/");  // the whole document
    CHECK(failure.error.message() == "rules/x.json: /: missing required key \"id\" (rule t.x)");
  }
  try {
    parse_strict_json(R"({"id": "t.x", "a": {"b": 1, "b": 2}})", "rules/x.json");
    FAIL("a duplicate key was accepted");
  } catch (const LoadError& failure) {
    CHECK(failure.error.pointer == "/a/b");
    CHECK(failure.error.problem == "duplicate key \"b\"");
    CHECK(failure.error.context == "rule t.x");
  }
}

TEST_CASE("strict json: duplicate keys can be collected while the rest of the file is read", "[strict_json]") {
  std::vector<exportctl::Error> duplicates;
  nlohmann::json value =
      parse_strict_json(R"({"id": "t.x", "a": 1, "a": 2, "b": [{"c": 1, "c": 3}]})", "f.json", &duplicates);
  REQUIRE(duplicates.size() == 2);
  CHECK(duplicates[0].message() == "f.json: /a: duplicate key \"a\" (rule t.x)");
  CHECK(duplicates[1].message() == "f.json: /b/0/c: duplicate key \"c\" (rule t.x)");
  CHECK(value["a"] == 2);  // the last value stays
  CHECK(value["b"][0]["c"] == 3);
}
