#include "common/ed25519.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "common/sha256.hpp"

namespace exportctl {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct ContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Context = std::unique_ptr<EVP_MD_CTX, ContextFree>;

enum class KeyKind { private_key, public_key };

// OpenSSL would otherwise ask for the passphrase of an encrypted key on the terminal.
int no_passphrase(char*, int, int, void*) { return 0; }

// The Ed25519 key in `pem`, or nullptr. A public-key reader also takes a private key.
Key read_key(std::string_view pem, KeyKind kind) {
  if (pem.size() > (1 << 20)) return nullptr;
  std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (!in) return nullptr;
  Key key(kind == KeyKind::private_key ? PEM_read_bio_PrivateKey(in.get(), nullptr, no_passphrase, nullptr)
                                       : PEM_read_bio_PUBKEY(in.get(), nullptr, no_passphrase, nullptr));
  if (!key && kind == KeyKind::public_key) {
    BIO_reset(in.get());
    key.reset(PEM_read_bio_PrivateKey(in.get(), nullptr, no_passphrase, nullptr));
  }
  ERR_clear_error();  // a failed read leaves its reasons queued for this thread's next call
  if (key && EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) key.reset();
  return key;
}

std::string fingerprint(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(key, &der);
  if (length <= 0) return "";
  std::string digest = "sha256:" + sha256_hex(std::string_view(reinterpret_cast<const char*>(der), static_cast<size_t>(length)));
  OPENSSL_free(der);
  return digest;
}

}  // namespace

Result<std::string> ed25519_sign(std::string_view message, std::string_view private_key_pem,
                                 const std::string& key_source) {
  Key key = read_key(private_key_pem, KeyKind::private_key);
  if (!key) return make_error(ErrorCode::bad_input, key_source, "not an Ed25519 private key in PEM form (unencrypted)");
  Context context(EVP_MD_CTX_new());
  std::string signature(64, '\0');
  size_t length = signature.size();
  // Ed25519 signs the message itself (no separate digest): one-shot calls with no digest type.
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      length != 64)
    return make_error(ErrorCode::io, key_source, "signing failed in libcrypto");
  return signature;
}

Result<SignatureCheck> ed25519_verify(std::string_view message, std::string_view signature,
                                      std::string_view public_key_pem, const std::string& key_source) {
  Key key = read_key(public_key_pem, KeyKind::public_key);
  if (!key) return make_error(ErrorCode::bad_input, key_source, "not an Ed25519 public key in PEM form");
  SignatureCheck check;
  check.key_fingerprint = fingerprint(key.get());
  Context context(EVP_MD_CTX_new());
  if (!context || EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1)
    return make_error(ErrorCode::io, key_source, "verifying failed in libcrypto");
  check.valid = signature.size() == 64 &&
                EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                 reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  return check;
}

}  // namespace exportctl
