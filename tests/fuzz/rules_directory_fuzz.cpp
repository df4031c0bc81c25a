// The rule loader on a whole directory: the input is several documents, each starting with a
// line "=== NAME" (its file name; text before the first such line is a document "0.json"), the
// shape tests/fuzz/make_corpus.py writes the bundled rules/ in. They are loaded from memory, as
// the store does, and written under the temporary directory and loaded from there, as
// `exportctl check --rules` does. Checks: both loads agree (success, digest, first problem).
#include <algorithm>
#include <fstream>

#include "exportctl/engine.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view kMarker = "=== ";

// Names the fuzzer makes up are kept to a safe subset, so that every file lands inside the
// temporary directory (no "..", no absolute path), and end in .json so the directory load reads them.
std::string safe_name(std::string_view given, size_t position) {
  std::string name;
  for (char c : given.substr(0, 60))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') name += c;
  return std::to_string(position) + "-" + name + ".json";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = fuzz::text(data, size);
  std::vector<exportctl::SourceDocument> documents;
  size_t pos = 0;
  std::string name = "0.json";
  if (input.substr(0, kMarker.size()) != kMarker) {
    size_t next = input.find("\n=== ");
    documents.push_back({name, std::string(input.substr(0, next == std::string_view::npos ? input.size() : next + 1))});
    pos = next == std::string_view::npos ? input.size() : next + 1;
  }
  while (pos < input.size() && documents.size() < 200) {
    size_t line_end = input.find('\n', pos);
    if (line_end == std::string_view::npos) line_end = input.size();
    std::string_view header = input.substr(pos + kMarker.size(), line_end - pos - std::min(line_end - pos, kMarker.size()));
    size_t body = std::min(line_end + 1, input.size());
    size_t next = input.find("\n=== ", body);
    size_t end = next == std::string_view::npos ? input.size() : next + 1;
    documents.push_back({safe_name(header, documents.size()), std::string(input.substr(body, end - body))});
    pos = end;
  }
  // The directory load sorts by name; sort the in-memory documents the same way.
  std::sort(documents.begin(), documents.end(), [](const auto& a, const auto& b) { return a.name < b.name; });

  std::filesystem::path dir = fuzz::temp_dir() / "rules";
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  std::filesystem::create_directories(dir);
  for (const auto& document : documents) std::ofstream(dir / document.name, std::ios::binary) << document.text;

  auto from_memory = exportctl::Engine::load_documents(documents);
  auto from_files = exportctl::Engine::load_directory(dir);
  if (bool(from_memory) != bool(from_files)) fuzz::fail("the directory and memory loads disagree");
  if (from_memory && from_memory.value().rules_digest() != from_files.value().rules_digest())
    fuzz::fail("the directory and memory loads give different digests");
  // The directory load names files with the directory in front; the rest of the problem is the same.
  if (!from_memory && (from_memory.error().pointer != from_files.error().pointer ||
                       from_memory.error().problem != from_files.error().problem))
    fuzz::fail("different first problems: " + from_memory.error().message() + " | " + from_files.error().message());
  return 0;
}
