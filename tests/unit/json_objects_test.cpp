// Finding shipments in a text of JSON objects, one per line or pretty-printed over several, and
// rewriting pretty-printed objects as JSON Lines while every line keeps its number.
#include <catch2/catch.hpp>

#include "exportctl/batch.hpp"
#include "io/json_objects.hpp"

using exportctl::ShipmentText;

namespace {

std::vector<std::pair<uint64_t, std::string>> split(std::string_view text) {
  std::vector<std::pair<uint64_t, std::string>> out;
  for (const ShipmentText& found : exportctl::split_shipments(text)) out.emplace_back(found.line, std::string(found.text));
  return out;
}

using Found = std::vector<std::pair<uint64_t, std::string>>;

}  // namespace

TEST_CASE("json objects: JSON Lines and pretty-printed objects are found where they begin") {
  CHECK(split("{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n") == Found{{1, "{\"id\":\"a\"}"}, {3, "{\"id\":\"b\"}"}});
  CHECK(split("\xEF\xBB\xBF{\n  \"id\": \"a\"\n}\n{\n  \"id\": \"b\",\n  \"items\": [{\"m\": 1}]\n}") ==
        Found{{1, "{\n  \"id\": \"a\"\n}"}, {4, "{\n  \"id\": \"b\",\n  \"items\": [{\"m\": 1}]\n}"}});
  // Braces inside strings, escaped quotes included, do not count.
  CHECK(split("{\"id\": \"}{\\\"}\"}\n{}") == Found{{1, "{\"id\": \"}{\\\"}\"}"}, {2, "{}"}});
  CHECK(split("").empty());
  CHECK(split(" \n\t\r\n").empty());
}

TEST_CASE("json objects: text that is not an object is handed on a line at a time, for the parser to name") {
  CHECK(split("[1, 2]\n{\"id\":\"a\"}") == Found{{1, "[1, 2]"}, {2, "{\"id\":\"a\"}"}});
  CHECK(split("{\"id\":\"a\"} trailing\n") == Found{{1, "{\"id\":\"a\"}"}, {1, "trailing"}});
  // An object never closed runs to the end; a string broken by a line end does not swallow it.
  CHECK(split("{\"id\": \"a\n}\n{\"id\":\"b\"}") == Found{{1, "{\"id\": \"a\n}"}, {3, "{\"id\":\"b\"}"}});
  CHECK(split("{\"id\": {\n") == Found{{1, "{\"id\": {\n"}});
}

TEST_CASE("json objects: pretty-printed input is recognised by its first object") {
  CHECK(exportctl::starts_pretty_printed("\n  {\n \"id\": 1\n}"));
  CHECK_FALSE(exportctl::starts_pretty_printed("{\"id\": 1}\n{\n}"));
  CHECK_FALSE(exportctl::starts_pretty_printed("{\"id\": 1"));  // the first line is not complete yet
  CHECK_FALSE(exportctl::starts_pretty_printed("id,model\n"));
  CHECK_FALSE(exportctl::starts_pretty_printed(""));
}

TEST_CASE("json objects: the joiner writes each object on the line where it began, in pieces as read") {
  std::string whole = "{\n  \"id\": \"a\",\n  \"x\": \"{\"\n}\n\n{\n\"id\": \"b\"}\n";
  std::string expected = "{   \"id\": \"a\",   \"x\": \"{\" }\n\n\n\n\n{ \"id\": \"b\"}\n\n";
  for (size_t piece : {size_t{1}, size_t{3}, whole.size()}) {
    exportctl::ObjectLineJoiner joiner;
    std::string buffer;
    for (size_t at = 0; at < whole.size(); at += piece) {
      size_t from = buffer.size();
      buffer += whole.substr(at, piece);
      joiner.rewrite(buffer, from);
    }
    INFO("pieces of " << piece);
    CHECK(buffer == expected);
    CHECK(joiner.inserted() == 4);
    CHECK(std::count(buffer.begin(), buffer.end(), '\n') == std::count(whole.begin(), whole.end(), '\n'));
  }
}
