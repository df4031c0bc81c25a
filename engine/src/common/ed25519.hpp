// Ed25519 signatures through OpenSSL's libcrypto, with keys in PEM files as `openssl genpkey
// -algorithm ed25519` writes them: the detached signature of an audit anchor. A signature is the
// 64 raw bytes `openssl pkeyutl -sign -rawin` writes, so either tool checks the other's.
#pragma once

#include <string>
#include <string_view>

#include "exportctl/result.hpp"

namespace exportctl {

// Signs `message` with the Ed25519 private key in `private_key_pem`; bad_input naming
// `key_source` when the PEM is not an Ed25519 private key.
Result<std::string> ed25519_sign(std::string_view message, std::string_view private_key_pem,
                                 const std::string& key_source);

struct SignatureCheck {
  bool valid = false;
  std::string key_fingerprint;  // "sha256:" + hex of the public key's DER encoding
};

// Checks a 64-byte signature of `message` against the Ed25519 public key in `public_key_pem` (a
// private key is accepted too: its public half is used). bad_input naming `key_source` when the
// PEM holds no Ed25519 key; a signature that does not verify is valid == false, not an error.
Result<SignatureCheck> ed25519_verify(std::string_view message, std::string_view signature,
                                      std::string_view public_key_pem, const std::string& key_source);

}  // namespace exportctl
