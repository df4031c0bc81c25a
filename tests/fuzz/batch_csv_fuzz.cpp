// `exportctl batch` on CSV (docs/batch.md: a header row, one item per row, consecutive rows with
// one id one shipment): the record scanner, the shipment builder and the line limit. See
// batch_harness.hpp for what is checked.
#include "batch_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::run_batch(data, size, exportctl::BatchInput::csv);
  return 0;
}
