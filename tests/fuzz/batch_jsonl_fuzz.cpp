// `exportctl batch` on JSON Lines (one object per line, or pretty-printed objects): see
// batch_harness.hpp for what is checked.
#include "batch_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::run_batch(data, size, exportctl::BatchInput::jsonl);
  return 0;
}
