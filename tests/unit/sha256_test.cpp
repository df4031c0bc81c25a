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

// The SHA extensions (when this processor has them) and the portable code give the same digest
// for every length from 0 to 300 bytes and for a long text, so both paths are pinned wherever the
// tests run; the vectors above went through the fastest one.
TEST_CASE("sha256: the SHA extensions and the portable code agree", "[sha256]") {
  INFO("SHA extensions on this processor: " << exportctl::sha256_hardware_available());
  std::string text;
  for (int i = 0; text.size() < 100000; ++i) text += std::to_string(i * 104729) + ";";
  for (size_t length = 0; length <= 300; ++length) {
    Sha256 fastest, portable(Sha256::Code::portable);
    fastest.update(std::string_view(text).substr(0, length));
    portable.update(std::string_view(text).substr(0, length));
    REQUIRE(fastest.hex_digest() == portable.hex_digest());
  }
  Sha256 portable(Sha256::Code::portable);
  portable.update("abc");
  CHECK(portable.hex_digest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 fastest, slow(Sha256::Code::portable);
  fastest.update(text);
  slow.update(text);
  CHECK(fastest.hex_digest() == slow.hex_digest());
}
