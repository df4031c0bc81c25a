// A fresh SQLite database path for one test, removed (with its WAL files) when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace support {

struct TempDb {
  std::filesystem::path path;
  TempDb() {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("exportctl-unit-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
    remove();
  }
  ~TempDb() { remove(); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

}  // namespace support
