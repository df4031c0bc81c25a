// Dependencies point one way. engine/src/README.md lists the modules in order; a file may include
// headers of its own module and of modules listed before it, never of one listed after it.
// Public headers (engine/include/exportctl/) include only public headers and name no internal
// type: not the engine's own (RuleSet, Timeline, ...) and not a library's (nlohmann, sqlite3,
// simdjson). The checks run on the tree, and on small made-up trees to show that they can fail.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

struct SourceFile {
  std::string path;  // relative to its root: "rules/loader.cpp", "exportctl/engine.hpp"
  std::string text;
};

// The modules of the code map, in order: a folder ("rules/") or the top-level files of a row
// ("engine.cpp", "engine_state.hpp") -> the row's position.
struct CodeMap {
  std::map<std::string, size_t> level;
  std::vector<std::string> names;  // per row, for messages: "rules/", "engine.cpp"

  // The module of a file under engine/src, or nullopt when the map does not list it.
  std::optional<size_t> module_of(const std::string& path) const {
    size_t slash = path.find('/');
    auto found = level.find(slash == std::string::npos ? path : path.substr(0, slash + 1));
    if (found == level.end()) return std::nullopt;
    return found->second;
  }
};

// Reads the first column of the README's table: one row per module, its folder or files in
// backticks.
CodeMap read_code_map(const std::string& readme) {
  CodeMap map;
  std::istringstream lines(readme);
  std::string line;
  bool in_table = false;
  while (std::getline(lines, line)) {
    if (line.rfind("| module |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("|---", 0) == 0) continue;
    if (line.rfind("| ", 0) != 0) break;
    std::string first_cell = line.substr(2, line.find(" |", 2) - 2);
    std::regex quoted("`([^`]+)`");
    for (auto it = std::sregex_iterator(first_cell.begin(), first_cell.end(), quoted); it != std::sregex_iterator();
         ++it)
      map.level[(*it)[1]] = map.names.size();
    map.names.push_back(first_cell);
  }
  return map;
}

std::vector<std::string> quoted_includes(const std::string& text) {
  std::vector<std::string> out;
  std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::istringstream lines(text);
  std::string line;
  std::smatch match;
  while (std::getline(lines, line))
    if (std::regex_search(line, match, include)) out.push_back(match[1]);
  return out;
}

std::vector<std::string> angle_includes(const std::string& text) {
  std::vector<std::string> out;
  std::regex include(R"(^\s*#\s*include\s*<([^>]+)>)");
  std::istringstream lines(text);
  std::string line;
  std::smatch match;
  while (std::getline(lines, line))
    if (std::regex_search(line, match, include)) out.push_back(match[1]);
  return out;
}

// Every file under engine/src that includes a header of a module listed after its own, or that
// the map does not place.
std::vector<std::string> internal_violations(const CodeMap& map, const std::vector<SourceFile>& files) {
  std::vector<std::string> out;
  for (const SourceFile& file : files) {
    auto own = map.module_of(file.path);
    if (!own) {
      out.push_back(file.path + ": in no module of the code map (engine/src/README.md)");
      continue;
    }
    for (const std::string& header : quoted_includes(file.text)) {
      if (header.rfind("exportctl/", 0) == 0) continue;  // public headers are for everyone
      auto theirs = map.module_of(header);
      if (!theirs) out.push_back(file.path + ": includes \"" + header + "\", which is in no module of the code map");
      else if (*theirs > *own)
        out.push_back(file.path + ": includes \"" + header + "\": " + map.names[*theirs] + " comes after " +
                      map.names[*own] + " in the code map");
    }
  }
  return out;
}

// The types engine/src declares at namespace level, where a declaration starts its line (the
// style indents nothing inside a namespace). Nested ones (ShipmentParser::State) and those a public
// header declares (`struct Engine::State` defines one) are not counted.
std::set<std::string> internal_type_names(const std::vector<SourceFile>& files) {
  std::set<std::string> out;
  std::regex declaration(R"(^(?:struct|class|enum class|enum)\s+([A-Z]\w*)\s*(?:[{;]|:[^:]|final|$))");
  for (const SourceFile& file : files) {
    std::istringstream lines(file.text);
    std::string line;
    std::smatch match;
    while (std::getline(lines, line))
      if (std::regex_search(line, match, declaration)) out.insert(match[1]);
  }
  return out;
}

bool names_word(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    auto part_of_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    bool starts = at == 0 || !part_of_word(text[at - 1]);
    bool ends = at + word.size() == text.size() || !part_of_word(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

// Public headers that include an internal header or a library's, or name an internal type.
std::vector<std::string> public_violations(const std::vector<SourceFile>& headers,
                                           const std::set<std::string>& internal_types) {
  static const std::vector<std::string> libraries = {"nlohmann", "sqlite3", "simdjson", "boost", "openssl"};
  std::vector<std::string> out;
  for (const SourceFile& header : headers) {
    for (const std::string& include : quoted_includes(header.text))
      if (include.rfind("exportctl/", 0) != 0)
        out.push_back(header.path + ": includes the internal header \"" + include + "\"");
    for (const std::string& include : angle_includes(header.text))
      for (const std::string& library : libraries)
        if (include.rfind(library, 0) == 0) out.push_back(header.path + ": includes <" + include + ">");
    for (const std::string& word : libraries)
      if (names_word(header.text, word)) out.push_back(header.path + ": names " + word);
    for (const std::string& type : internal_types)
      if (names_word(header.text, type)) out.push_back(header.path + ": names the internal type " + type);
  }
  return out;
}

std::vector<SourceFile> files_under(const std::filesystem::path& root) {
  std::vector<SourceFile> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string extension = entry.path().extension().string();
    if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) continue;
    out.push_back(
        {std::filesystem::relative(entry.path(), root).generic_string(), support::read_text(entry.path().string())});
  }
  std::sort(out.begin(), out.end(), [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

const std::string kSource = EXPORTCTL_SOURCE_DIR;

}  // namespace

TEST_CASE("include direction: engine/src follows the order of its code map", "[include_direction]") {
  CodeMap map = read_code_map(support::read_text(kSource + "/engine/src/README.md"));
  REQUIRE(map.names.size() >= 9);
  CHECK(map.module_of("common/date.cpp") == 0u);
  CHECK(map.module_of("rules/loader.cpp") == 1u);
  CHECK(map.module_of("engine.cpp") < map.module_of("store/store.cpp"));
  std::vector<std::string> violations = internal_violations(map, files_under(kSource + "/engine/src"));
  INFO(joined(violations));
  CHECK(violations.empty());
}

TEST_CASE("include direction: public headers include and name nothing internal", "[include_direction]") {
  std::set<std::string> internal_types = internal_type_names(files_under(kSource + "/engine/src"));
  CHECK(internal_types.count("RuleSet") == 1);
  CHECK(internal_types.count("Timeline") == 1);
  CHECK(internal_types.count("LoadedVersion") == 1);
  CHECK(internal_types.count("State") == 0);  // Engine::State and Store::State are declared in public headers
  std::vector<std::string> violations = public_violations(files_under(kSource + "/engine/include"), internal_types);
  INFO(joined(violations));
  CHECK(violations.empty());
}

TEST_CASE("include direction: the checks name the file and the include that break the order", "[include_direction]") {
  CodeMap map = read_code_map(
      "| module | job |\n|---|---|\n| `common/` | a |\n| `rules/` | b |\n| `report/` | c |\n| `engine.cpp`, "
      "`engine_state.hpp` | d |\n"
      "| `store/` | e |\n\nprose\n| `late/` | not a module: after the table |\n");
  REQUIRE(map.names.size() == 5);
  CHECK(map.module_of("late/x.cpp") == std::nullopt);
  CHECK(internal_violations(
            map, {{"rules/loader.cpp", "#include \"rules/loader.hpp\"\n#include \"report/json_writer.hpp\"\n"},
                  {"report/explain.cpp", "#include \"rules/rule_set.hpp\"\n  #  include \"engine_state.hpp\"\n"},
                  {"store/store.cpp", "#include \"engine_state.hpp\"\n#include \"exportctl/engine.hpp\"\n"},
                  {"misc/x.cpp", ""},
                  {"common/y.cpp", "#include \"nowhere/z.hpp\"\n#include <vector>\n"}}) ==
        std::vector<std::string>{
            "rules/loader.cpp: includes \"report/json_writer.hpp\": `report/` comes after `rules/` in the code map",
            "report/explain.cpp: includes \"engine_state.hpp\": `engine.cpp`, `engine_state.hpp` comes after `report/` "
            "in "
            "the code map",
            "misc/x.cpp: in no module of the code map (engine/src/README.md)",
            "common/y.cpp: includes \"nowhere/z.hpp\", which is in no module of the code map",
        });
  std::set<std::string> types = internal_type_names(
      {{"rules/rule_set.hpp", "class RuleSet {\n  struct Nested;\n};\nstruct Country;\nstruct Engine::State {\n};\n"
                              "enum class Fact : uint8_t {};"}});
  CHECK(types == std::set<std::string>{"Country", "Fact", "RuleSet"});
  CHECK(public_violations({{"exportctl/engine.hpp",
                            "#include \"rules/rule_set.hpp\"\n#include <nlohmann/json.hpp>\n"
                            "class RuleSet;  // CountryId is fine: another word\nusing CountryId = int;\n"}},
                          types) ==
        std::vector<std::string>{"exportctl/engine.hpp: includes the internal header \"rules/rule_set.hpp\"",
                                 "exportctl/engine.hpp: includes <nlohmann/json.hpp>",
                                 "exportctl/engine.hpp: names nlohmann",
                                 "exportctl/engine.hpp: names the internal type RuleSet"});
}
