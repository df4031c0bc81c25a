#include "shared_options.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace exportctl::cli {

Format format_value(const std::string& text) {
  if (text == "json") return Format::json;
  if (text == "text") return Format::text;
  throw UsageError{"--format is json or text, not \"" + text + "\""};
}

// $EXPORTCTL_RULES; else the rules installed with this binary (EXPORTCTL_RULES_FROM_BINARY,
// relative to the directory of the running executable, so a moved install prefix keeps
// working); else, for the binary of a build tree only, the source tree's. An installed binary
// whose rules are gone fails rather than read some other copy.
std::string default_rules_dir() {
  if (const char* env = std::getenv("EXPORTCTL_RULES"); env && *env) return env;
  std::error_code error;
  std::filesystem::path binary_dir = std::filesystem::read_symlink("/proc/self/exe", error).parent_path();
  if (error) throw RuntimeError{"cannot find the installed rules (/proc/self/exe: " + error.message() + "); pass --rules DIR"};
  std::filesystem::path installed = (binary_dir / EXPORTCTL_RULES_FROM_BINARY).lexically_normal();
  if (std::filesystem::is_directory(installed, error)) return installed.string();
  if (std::filesystem::equivalent(binary_dir, EXPORTCTL_BUILD_BINARY_DIR, error)) return EXPORTCTL_SOURCE_RULES_DIR;
  throw RuntimeError{installed.string() + ": no rules installed here; pass --rules DIR or --db FILE, or set EXPORTCTL_RULES"};
}

Engine load_engine(const RuleSourceArgs& source) {
  if (!source.rules_dir.empty()) return load_engine_from_directory(source.rules_dir);
  if (!source.db.empty()) return load_engine_from_store(open_store(source.db, Store::Mode::read_only));
  return load_engine_from_directory(default_rules_dir());
}

Engine load_engine_from_directory(const std::string& dir) {
  auto engine = Engine::load_directory(dir);
  if (!engine) throw RuntimeError{engine.error().message()};
  return std::move(engine).value();
}

Engine load_engine_from_store(const Store& store) {
  auto documents = store.current_documents();
  if (!documents) throw RuntimeError{documents.error().message()};
  if (documents.value().empty())
    throw RuntimeError{store.file().string() + ": no rules imported (run 'exportctl store import RULES_DIR --db " +
                       store.file().string() + "', or pass --rules DIR)"};
  auto engine = Engine::load_documents(std::move(documents).value());
  if (!engine) throw RuntimeError{store.file().string() + ": " + engine.error().message()};
  return std::move(engine).value();
}

Store open_store(const std::string& db, Store::Mode mode) {
  if (db.empty()) throw UsageError{"--db FILE is required"};
  auto store = Store::open(db, mode);
  if (!store) throw RuntimeError{store.error().message()};
  return std::move(store).value();
}

Format output_format(std::optional<Format> given) {
  if (given) return *given;
  return isatty(STDOUT_FILENO) ? Format::text : Format::json;
}

Date today() {
  std::time_t now = std::time(nullptr);
  return Date{static_cast<int32_t>(now / 86400)};
}

size_t byte_limit_value(const std::string& option, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  unsigned long long n = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno == ERANGE || n < 1 || n > (1ULL << 40))
    throw UsageError{option + " is a number of bytes from 1 to 2^40, not \"" + text + "\""};
  return static_cast<size_t>(n);
}

// Reads in blocks and stops one byte past the limit, so that an endless input costs at most
// the limit in memory.
std::string read_input(const std::string& path, size_t max_bytes) {
  std::string source = path == "-" ? "<stdin>" : path;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) throw RuntimeError{path + ": is a directory, not a file"};
    file.open(path, std::ios::binary);
    if (!file) throw RuntimeError{path + ": cannot open for reading"};
    in = &file;
  }
  std::string text;
  char block[1 << 16];
  while (*in) {
    in->read(block, sizeof block);
    text.append(block, static_cast<size_t>(in->gcount()));
    if (text.size() > max_bytes)
      throw RuntimeError{source + ": /: over the limit of " + std::to_string(max_bytes) +
                         " bytes for one shipment (--max-document-bytes)"};
  }
  if (in->bad()) throw RuntimeError{source + ": read error"};
  return text;
}

void write_output_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush())
    throw RuntimeError{path + ": cannot write"};
}

}  // namespace exportctl::cli
