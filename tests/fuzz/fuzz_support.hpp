// What every fuzz target shares: the bundled rules loaded once, and a private temporary
// directory for the targets that must hand the library a file.
//
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     const exportctl::Engine& engine = fuzz::engine();
//     std::string_view input = fuzz::text(data, size);
//     ...
//     return 0;
//   }
//
// Contract for a target: deterministic (no clock: "today" is fixed, one screening thread
// unless threads are what is tested), no leak, nothing written outside fuzz::temp_dir(), and
// every library call's error is a value that the target reads (an error is never a finding; a
// crash, a sanitizer report or a broken invariant is). A broken invariant calls fuzz::fail(),
// which prints what broke and aborts, so that libFuzzer saves the input.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "exportctl/engine.hpp"

namespace fuzz {

// Printed with a broken invariant: how to reproduce it, when the input is not a file.
inline std::string& failure_context() {
  static std::string context;
  return context;
}

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
  if (!failure_context().empty()) std::fprintf(stderr, "  %s\n", failure_context().c_str());
  std::fflush(stderr);
  std::abort();
}

inline std::string_view text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The rules directory: $EXPORTCTL_RULES, else the source tree's rules/ (EXPORTCTL_SOURCE_DIR).
inline std::filesystem::path rules_directory() {
  if (const char* given = std::getenv("EXPORTCTL_RULES")) return given;
  return std::filesystem::path(EXPORTCTL_SOURCE_DIR) / "rules";
}

// Loaded on first use and kept for the process (libFuzzer runs every input in one process).
inline const exportctl::Engine& engine() {
  static const exportctl::Engine* loaded = [] {
    auto result = exportctl::Engine::load_directory(rules_directory());
    if (!result) fail("the bundled rules do not load: " + result.error().message());
    return new exportctl::Engine(std::move(result).value());
  }();
  return *loaded;
}

// A directory of this process's own, removed at exit; targets write only here.
inline const std::filesystem::path& temp_dir() {
  static const std::filesystem::path dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "exportctl-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) fail("cannot create a temporary directory");
    std::filesystem::path made(pattern);
    static struct Remover {
      std::filesystem::path path;
      ~Remover() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
      }
    } remover{made};
    return made;
  }();
  return dir;
}

// The fixed "today" of the reports for a person (deadlines counted from it).
inline exportctl::Date fixed_today() { return *exportctl::parse_date("2025-07-20"); }

}  // namespace fuzz
