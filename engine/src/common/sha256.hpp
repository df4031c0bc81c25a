// SHA-256 (FIPS 180-4): the rules digest, the audit hash chain and the stored rule documents.
//
//   Sha256 hash;
//   hash.update("ab");
//   hash.update("c");
//   hash.hex_digest();  // "ba7816bf...": the digest of "abc"
//
// Written here rather than taken from libcrypto: every `check` hashes the rule files, and
// loading and initialising libcrypto for that cost more than the hashing itself (docs/performance.md).
// On an x86-64 processor with the SHA extensions the blocks go through them (chosen at run time,
// so a portable build uses them too); elsewhere through portable C++. Both are pinned by the
// FIPS 180-4 vectors in tests/unit/sha256_test.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace exportctl {

class Sha256 {
 public:
  enum class Code { fastest, portable };  // portable: never the SHA extensions (for the tests)
  explicit Sha256(Code code = Code::fastest);
  void update(std::string_view bytes);
  std::string hex_digest();  // 64 lower-case hex digits; the object is spent afterwards

 private:
  void compress(const unsigned char* blocks, size_t count);

  std::array<uint32_t, 8> state_;
  std::array<unsigned char, 64> pending_{};  // a block not yet full
  size_t pending_size_ = 0;
  uint64_t total_bytes_ = 0;
  bool hardware_ = false;
};

// Whether this processor has the SHA extensions that Code::fastest uses.
bool sha256_hardware_available();

std::string sha256_hex(std::string_view bytes);

}  // namespace exportctl
