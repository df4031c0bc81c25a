// The strict reader of rule files against itself: its fast path (simdjson, converted) must give
// what nlohmann's parser alone gives on any bytes -- the same value with the same number types
// (nlohmann keeps an unsigned integer apart from a signed one), the same duplicate keys with the
// same pointers and rule context, or the same "not valid JSON" message. A difference is a rule
// file that would load differently, or be refused differently, than before the fast path.
// And compact_dump (RuleVersion::json) writes every value read byte for byte as dump() does.
#include <nlohmann/json.hpp>

#include "common/compact_dump.hpp"
#include "common/strict_json.hpp"
#include "fuzz_support.hpp"

namespace {

struct Outcome {
  nlohmann::json value;
  std::vector<exportctl::Error> duplicates;
  std::string failure;  // the message of a LoadError, or empty
};

template <class Parse>
Outcome run(Parse parse, bool collect) {
  Outcome outcome;
  try {
    outcome.value = parse(collect ? &outcome.duplicates : nullptr);
  } catch (const exportctl::LoadError& error) {
    outcome.failure = error.error.message();
  } catch (const std::exception& error) {
    outcome.failure = std::string("exception: ") + error.what();
  }
  return outcome;
}

// Value equality that also tells an unsigned integer from a signed one and 1 from 1.0.
bool same(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto left = a.begin(), right = b.begin(); left != a.end(); ++left, ++right)
      if (left.key() != right.key() || !same(*left, *right)) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

void compare(std::string_view input, bool collect) {
  const std::string source = "fuzz.json";
  Outcome fast = run([&](auto* duplicates) { return exportctl::parse_strict_json(input, source, duplicates); }, collect);
  Outcome exact =
      run([&](auto* duplicates) { return exportctl::parse_strict_json_exact(input, source, duplicates); }, collect);
  if (fast.failure != exact.failure) fuzz::fail("failure \"" + fast.failure + "\" against \"" + exact.failure + "\"");
  if (!same(fast.value, exact.value))
    fuzz::fail("value " + fast.value.dump() + " against " + exact.value.dump() + " (or their number types)");
  if (std::string dumped = exportctl::compact_dump(fast.value); dumped != fast.value.dump())
    fuzz::fail("compact_dump " + dumped + " against dump() " + fast.value.dump());
  if (fast.duplicates.size() != exact.duplicates.size()) fuzz::fail("a different number of duplicate keys");
  for (size_t i = 0; i < fast.duplicates.size(); ++i)
    if (fast.duplicates[i].message() != exact.duplicates[i].message())
      fuzz::fail("duplicate \"" + fast.duplicates[i].message() + "\" against \"" + exact.duplicates[i].message() + "\"");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = fuzz::text(data, size);
  compare(input, true);   // duplicates listed, as the loader reads
  compare(input, false);  // the first duplicate thrown, as a register entry or anchor is read
  return 0;
}
