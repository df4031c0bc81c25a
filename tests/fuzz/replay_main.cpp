// Runs a fuzz target over files, without libFuzzer: every regular file in each directory given
// (and any file given directly), in name order, one LLVMFuzzerTestOneInput call each. Built with
// the project's normal compiler and registered in ctest, so that the seed corpus and every
// committed reproducer (tests/fuzz/regressions/TARGET/) run in the normal suite, with or without
// clang. A missing directory counts as empty (a target may have no reproducers yet); a crash or
// a broken invariant aborts, which fails the test.
//
//   build/tests/fuzz/fuzz_shipment build/tests/fuzz/corpus/shipment tests/fuzz/regressions/shipment
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path given(argv[i]);
    std::error_code error;
    if (std::filesystem::is_directory(given, error)) {
      for (const auto& entry : std::filesystem::directory_iterator(given))
        if (entry.is_regular_file() && entry.path().filename().string()[0] != '.' &&
            entry.path().filename() != "README.md")
          files.push_back(entry.path());
    } else if (std::filesystem::is_regular_file(given, error)) {
      files.push_back(given);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "%s\n", file.string().c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("%zu inputs run\n", files.size());
  if (argc > 1 && files.empty()) {
    std::fprintf(stderr, "no input found: is the seed corpus built (the fuzz_corpus test)?\n");
    return 1;
  }
  return 0;
}
