// SHA-256: the FIPS 180-4 test vectors, whole and fed in pieces (the rules digest hashes file
// by file), so that a change of implementation cannot change a digest.
#include <catch2/catch.hpp>

#include <string>

#include "common/sha256.hpp"

using exportctl::Sha256;
using exportctl::sha256_hex;

TEST_CASE("sha256: FIPS 180-4 vectors", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: fed in pieces gives the digest of the whole", "[sha256]") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += std::to_string(i * 7919) + ",";
  for (size_t piece : {1u, 3u, 63u, 64u, 65u, 1000u}) {
    Sha256 hash;
    for (size_t at = 0; at < text.size(); at += piece) hash.update(std::string_view(text).substr(at, piece));
    CHECK(hash.hex_digest() == sha256_hex(text));
  }
}
