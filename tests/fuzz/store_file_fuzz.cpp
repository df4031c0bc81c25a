// The SQLite store opening a file it did not write (`exportctl audit verify FILE`, `store
// history`, `serve --db`): the input is written to a file in the temporary directory, opened
// read-only and verified, its rules, decisions and imports listed, then opened as an existing
// store (which migrates it) and verified again. Checks: a read-only open never changes the file.
#include <fstream>
#include <iterator>

#include "exportctl/store.hpp"
#include "exportctl/verify.hpp"
#include "fuzz_support.hpp"

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void use(const exportctl::Store& store) {
  auto check = exportctl::verify_store(store);
  if (check) exportctl::anchor_of(check.value(), "2025-07-20T00:00:00.000000Z");
  auto documents = store.current_documents();
  if (documents && !documents.value().empty()) (void)exportctl::Engine::load_documents(std::move(documents).value());
  (void)store.rule_history("");
  (void)store.imports();
  int64_t seen = 0;
  (void)store.each_decision({}, [&](const exportctl::DecisionRecord&) { return ++seen < 50; });
  (void)store.decision(1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::filesystem::path file = fuzz::temp_dir() / "store.db";
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(file.string() + suffix, ignored);
  std::string input(fuzz::text(data, size));
  std::ofstream(file, std::ios::binary) << input;

  if (auto store = exportctl::Store::open(file, exportctl::Store::Mode::read_only)) use(store.value());
  if (read_file(file) != input) fuzz::fail("a read-only open changed the file");
  if (auto store = exportctl::Store::open(file, exportctl::Store::Mode::existing)) use(store.value());
  return 0;
}
