// SHA-256 through OpenSSL's libcrypto: the rules digest and the audit hash chain.
#pragma once

#include <string>
#include <string_view>

namespace exportctl {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex_digest();  // 64 lower-case hex digits; the object is spent afterwards

 private:
  void* context_;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace exportctl
