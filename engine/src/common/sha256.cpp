#include "common/sha256.hpp"

// The low-level SHA-256 calls are deprecated in OpenSSL 3 in favour of EVP, but EVP's first use
// loads the provider machinery and reads openssl.cnf: more than a millisecond of every process
// start for a digest of a few hundred kilobytes. The direct implementation gives the same bytes.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace exportctl {

Sha256::Sha256() : context_(new SHA256_CTX) { SHA256_Init(static_cast<SHA256_CTX*>(context_)); }

Sha256::~Sha256() { delete static_cast<SHA256_CTX*>(context_); }

void Sha256::update(std::string_view bytes) {
  SHA256_Update(static_cast<SHA256_CTX*>(context_), bytes.data(), bytes.size());
}

std::string Sha256::hex_digest() {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, static_cast<SHA256_CTX*>(context_));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

}  // namespace exportctl
