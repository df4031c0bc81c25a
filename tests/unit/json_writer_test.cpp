// The JSON writer: escaping of every byte at every position (the writer skips plain runs a word
// at a time, so position matters), structure, numbers, dates; and the determination written with
// sorted keys at every level.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "exportctl/version.hpp"
#include "report/json_writer.hpp"
#include "support.hpp"

using exportctl::JsonWriter;
using support::rule;
using support::version;

namespace {

// The escaping the contract needs, one byte at a time: the reference the writer must match.
std::string reference_literal(std::string_view value) {
  std::string out = "\"";
  for (char ch : value) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string written(std::string_view value) {
  std::string out;
  JsonWriter(out).string(value);
  return out;
}

// Every object in `value`, at any depth, has its keys in strictly increasing byte order.
void check_sorted(const nlohmann::ordered_json& value, const std::string& where) {
  if (value.is_object()) {
    std::string previous;
    bool first = true;
    for (const auto& [key, member] : value.items()) {
      INFO("object at " << where);
      if (!first) CHECK(previous < key);
      previous = key;
      first = false;
      check_sorted(member, where + "/" + key);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) check_sorted(value[i], where + "/" + std::to_string(i));
  }
}

std::vector<std::string> keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> out;
  for (const auto& [key, member] : object.items()) out.push_back(key);
  return out;
}

}  // namespace

TEST_CASE("json writer: escapes", "[json_writer]") {
  CHECK(written("plain") == "\"plain\"");
  CHECK(written("") == "\"\"");
  CHECK(written("a\"b") == "\"a\\\"b\"");
  CHECK(written("a\\b") == "\"a\\\\b\"");
  CHECK(written("line\nnext\r\ttab") == "\"line\\nnext\\r\\ttab\"");
  CHECK(written(std::string_view("\x00\x01\x1f", 3)) == "\"\\u0000\\u0001\\u001f\"");
  CHECK(written("\x7f") == "\"\x7f\"");                    // DEL is not a control character in JSON
  CHECK(written("Viet Nam \xc3\xa9 \xe4\xb8\xad") == "\"Viet Nam \xc3\xa9 \xe4\xb8\xad\"");  // UTF-8 passes through
  CHECK(written("/") == "\"/\"");
}

TEST_CASE("json writer: every byte at every position of short and long strings", "[json_writer]") {
  int mismatches = 0;
  for (int byte = 0; byte < 256; ++byte)
    for (size_t length = 1; length <= 40; ++length)
      for (size_t at = 0; at < length; ++at) {
        std::string value(length, 'a');
        value[at] = static_cast<char>(byte);
        if (written(value) != reference_literal(value)) {
          if (++mismatches <= 5) UNSCOPED_INFO("byte " << byte << " at " << at << " of " << length);
        }
      }
  CHECK(mismatches == 0);
}

TEST_CASE("json writer: pairs of special bytes and pseudo-random strings", "[json_writer]") {
  const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', ' ', '!', '#', '[', ']', '\x7f', '\x80', '\xff', '\x21', '\x5b', '\x5d'};
  int mismatches = 0;
  for (char a : specials)
    for (char b : specials)
      for (size_t gap = 0; gap < 12; ++gap) {
        std::string value = "abc" + std::string(1, a) + std::string(gap, 'x') + std::string(1, b) + "tail-of-the-word";
        mismatches += written(value) != reference_literal(value);
      }
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return state >> 24;
  };
  for (int n = 0; n < 2000; ++n) {
    std::string value(next() % 64, ' ');
    for (char& c : value) {
      uint32_t pick = next();
      c = pick < 200 ? static_cast<char>('a' + pick % 26) : static_cast<char>(next());
    }
    mismatches += written(value) != reference_literal(value);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("json writer: output parses back to the same strings", "[json_writer]") {
  const std::string value = "q\"uote \\ back\nslash\t\x01\x1f \xc3\xa9\xe4\xb8\xad end";
  std::string out;
  JsonWriter json(out);
  // Keys that are not literals in the code are escaped like values (literal keys are plain names).
  json.begin_object().key(std::string_view("k\"ey")).string(value).key("list").begin_array().string(value).string("").end_array().end_object();
  nlohmann::json parsed = nlohmann::json::parse(out);
  CHECK(parsed["k\"ey"] == value);
  CHECK(parsed["list"][0] == value);
  CHECK(parsed["list"][1] == "");
}

TEST_CASE("json writer: literal and runtime keys write the same bytes", "[json_writer]") {
  std::string literal, runtime;
  JsonWriter(literal).begin_object().key("a").integer(1).key("b_2").begin_object().key("c").null().end_object().end_object();
  JsonWriter(runtime)
      .begin_object()
      .key(std::string_view("a")).integer(1)
      .key(std::string_view("b_2")).begin_object().key(std::string_view("c")).null().end_object()
      .end_object();
  CHECK(literal == "{\"a\":1,\"b_2\":{\"c\":null}}");
  CHECK(runtime == literal);
}

TEST_CASE("json writer: structure, numbers and dates", "[json_writer]") {
  std::string out = "prefix:";  // the writer appends
  JsonWriter json(out);
  json.begin_object()
      .key("a").integer(-12)
      .key("b").number(1.5)
      .key("c").number(15832)
      .key("d").number(std::nan(""))
      .key("e").number(std::numeric_limits<double>::infinity())
      .key("f").boolean(true)
      .key("g").boolean(false)
      .key("h").null()
      .key("i").date(support::day("2024-02-29"))
      .key("j").begin_array().end_array()
      .key("k").begin_object().end_object()
      .key("l").begin_array().integer(1).begin_object().key("x").integer(2).end_object().begin_array().end_array().integer(3).end_array()
      .end_object();
  CHECK(out ==
        "prefix:{\"a\":-12,\"b\":1.5,\"c\":15832,\"d\":null,\"e\":null,\"f\":true,\"g\":false,\"h\":null,"
        "\"i\":\"2024-02-29\",\"j\":[],\"k\":{},\"l\":[1,{\"x\":2},[],3]}");
  std::string numbers;
  JsonWriter(numbers).begin_array().number(0.1).number(2.0 / 3).number(1e21).number(-0.0).number(5.92).end_array();
  nlohmann::json parsed = nlohmann::json::parse(numbers);
  CHECK(parsed[0].get<double>() == 0.1);
  CHECK(parsed[1].get<double>() == 2.0 / 3);  // shortest round-trip form loses nothing
  CHECK(parsed[2].get<double>() == 1e21);
  CHECK(parsed[4].get<double>() == 5.92);
  CHECK(numbers.find("5.92") != std::string::npos);
}

TEST_CASE("json writer: the determination has sorted keys at every level", "[json_writer][report]") {
  auto engine = support::load(
      {support::countries(),
       support::catalog("ACME", {support::model("Big", R"({"tpp": 15832, "datacenter": true})")}),
       rule("classification", "t.classify",
            {version(1, "2020-01-01", R"({"compliance_from": "2020-02-01", "classes": [{"eccn": "3A090.a", "when": {"fact": "tpp", ">=": 4800}}]})")}),
       rule("license", "t.lic", {version(1, "2020-01-01", R"({"notes": "open question", "when": {"fact": "destination",
            "in": ["VN"]}, "items": {"fact": "eccn", "in": ["3A090.a"]}})")}),
       rule("review_policy", "t.rev", {version(1, "2020-01-01", R"({"applies_to": "t.lic", "policies": [{"policy": "case_by_case"}]})")}),
       rule("notification", "t.notice", {version(1, "2020-01-01", R"({"notice_days": 30, "movements": ["transshipment"]})")},
            "MY", "MY-MITI"),
       rule("exception", "t.nac", {version(1, "2020-01-01", R"({"name": "NAC", "covers": ["t.lic"], "notice_days": 40,
            "items": {"fact": "quantity", ">=": 2}})")}),
       rule("permit", "t.draft", {version(1, "2020-01-01", R"({"status": "proposed", "movements": ["transshipment"]})")},
            "MY", "MY-MITI")});
  exportctl::ScreenOptions options;
  options.trace = true;
  options.include_proposed = true;
  auto run = support::screen(engine, R"({"id": "S\"1\n", "ship_date": "2025-08-01", "origin": "US", "destination": "VN",
      "via": [{"country": "MY", "activity": "transshipment", "date": "2025-08-05"}],
      "parties": [{"role": "end_user", "headquarters": "VN"}],
      "items": [{"model": "Big"}, {"model": "Big", "quantity": 4}, {"model": "Mystery", "metrics": {"die_area_mm2": 1}}],
      "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-10", "reference": "R\\1"},
                  {"authority": "US-BIS", "filed_on": "2025-07-01"}],
      "authorizations": [{"authority": "US-BIS", "kind": "license", "number": "L-7", "models": ["Nothing"]}]})",
                             options);
  std::string out = "x";
  engine.write_json(run.shipment, run.answer, {true}, out);
  REQUIRE(out.size() > 1);
  CHECK(out[0] == 'x');
  std::string line = out.substr(1);
  CHECK(line.find('\n') == std::string::npos);  // one line
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(line);
  check_sorted(parsed, "");
  CHECK(keys(parsed) == std::vector<std::string>{"disclaimer", "earliest_ship_date", "engine", "items", "known_on",
                                                  "requirements", "rules", "ship_date", "shipment_id", "trace",
                                                  "verdict", "warnings"});
  CHECK(parsed["engine"].dump() == "{\"contract_version\":\"" + std::string(exportctl::kContractVersion) +
                                       "\",\"version\":\"" + std::string(exportctl::kEngineVersion) + "\"}");
  CHECK(parsed["shipment_id"] == "S\"1\n");
  CHECK(parsed["ship_date"] == "2025-08-01");
  CHECK(parsed["known_on"].is_null());
  CHECK(parsed["verdict"] == "action_required");
  CHECK(parsed["rules"]["digest"] == engine.rules_digest());
  CHECK(parsed["rules"]["versions"] == 6);
  REQUIRE(parsed["items"].size() == 3);
  CHECK(keys(parsed["items"][0]) == std::vector<std::string>{"classification", "index", "model"});
  CHECK(keys(parsed["items"][0]["classification"]["US"]) ==
        std::vector<std::string>{"basis", "eccn", "indeterminate", "rule", "version"});
  CHECK(parsed["items"][0]["classification"]["US"]["eccn"] == "3A090.a");
  CHECK(parsed["items"][2]["classification"]["US"]["eccn"].is_null());
  CHECK(parsed["items"][2]["classification"]["US"]["indeterminate"] == true);
  CHECK(parsed["items"][2]["model"] == "Mystery");

  // Requirements: the license (item 0 missing, item 1 under NAC), the late notice in Malaysia.
  const auto& requirements = parsed["requirements"];
  REQUIRE(requirements.size() == 3);
  CHECK(keys(requirements[0]) == std::vector<std::string>{"authority", "citation", "confidence", "explanation", "items",
                                                           "jurisdiction", "kind", "leg", "notes", "review_policy", "rule",
                                                           "source_url", "status", "version"});
  CHECK(requirements[0]["status"] == "missing");
  CHECK(requirements[0]["items"] == nlohmann::ordered_json::array({0}));
  CHECK(requirements[0]["review_policy"] == "case_by_case");
  CHECK(requirements[0]["leg"] == "US->VN");
  CHECK(requirements[1]["status"] == "late");
  CHECK(requirements[1]["items"] == nlohmann::ordered_json::array({1}));
  CHECK(keys(requirements[1]) == std::vector<std::string>{"authority", "citation", "confidence", "deadline", "explanation",
                                                           "items", "jurisdiction", "kind", "leg", "notes", "notice_days",
                                                           "ready_on", "review_policy", "rule", "source_url", "status",
                                                           "version"});
  CHECK(requirements[2]["rule"] == "t.notice");
  CHECK(requirements[2]["status"] == "late");
  CHECK(requirements[2]["deadline"] == "2025-07-06");
  CHECK(requirements[2]["ready_on"] == "2025-08-09");
  CHECK(requirements[2]["leg"] == "via MY (transshipment)");
  CHECK(requirements[2]["items"] == nlohmann::ordered_json::array({0, 1, 2}));

  // Warnings: the unknown model, the undecidable license for item 2, the proposed permit.
  std::vector<std::string> codes;
  for (const auto& warning : parsed["warnings"]) codes.push_back(warning["code"]);
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<std::string>{"indeterminate", "proposed_rule", "proposed_rule", "proposed_rule", "unknown_model"});
  REQUIRE_FALSE(parsed["trace"].empty());
  bool compliance_seen = false;
  for (const auto& entry : parsed["trace"]) {
    CHECK(entry.contains("facts"));
    CHECK(entry.contains("outcome"));
    compliance_seen |= entry.contains("compliance_from");
  }
  CHECK(compliance_seen);

  // Without the trace option the key is still there, empty.
  std::string plain;
  engine.write_json(run.shipment, run.answer, {}, plain);
  CHECK(nlohmann::json::parse(plain)["trace"] == nlohmann::json::array());
}

TEST_CASE("json writer: the same determination gives the same bytes", "[json_writer][report]") {
  auto engine = exportctl::Engine::load_directory(std::string(EXPORTCTL_SOURCE_DIR) + "/rules");
  REQUIRE(engine);
  const char* text = R"({"id": "D", "ship_date": "2025-08-01", "origin": "US", "destination": "VN",
      "via": [{"country": "MY", "activity": "transshipment", "date": "2025-08-05"}],
      "items": [{"model": "NVIDIA H100 SXM", "quantity": 8}]})";
  exportctl::ScreenOptions options;
  options.trace = true;
  auto first = support::screen(engine.value(), text, options);
  auto second = support::screen(engine.value(), text, options);
  std::string a, b;
  engine.value().write_json(first.shipment, first.answer, {true}, a);
  engine.value().write_json(second.shipment, second.answer, {true}, b);
  CHECK(a == b);
  check_sorted(nlohmann::ordered_json::parse(a), "");
}
