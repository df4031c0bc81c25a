// Anchors (exportctl/verify.hpp): the head of a verified store written to a file kept elsewhere,
// read back strictly, and signed with Ed25519.
#include <nlohmann/json.hpp>

#include "common/ed25519.hpp"
#include "common/strict_json.hpp"
#include "exportctl/verify.hpp"
#include "exportctl/version.hpp"

namespace exportctl {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "exportctl-anchor-1";

bool is_hex64(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

int64_t id_at(const JsonAt& value, int64_t minimum) {
  if (!value.json().is_number_integer() || value.json().get<int64_t>() < minimum)
    value.fail(minimum == 0 ? "expected a whole number, 0 or more" : "expected a positive whole number");
  return value.json().get<int64_t>();
}

}  // namespace

Anchor anchor_of(const StoreCheck& check, std::string written_at) {
  Anchor anchor;
  anchor.head_id = check.last_id;
  anchor.head_hash = check.head_hash;
  anchor.written_at = std::move(written_at);
  anchor.store = check.file;
  anchor.engine_version = kEngineVersion;
  for (const StoredImport& stored : check.imports) anchor.imports.push_back({stored.id, stored.rules_digest});
  return anchor;
}

std::string anchor_text(const Anchor& anchor) {
  json imports = json::array();
  for (const AnchoredImport& anchored : anchor.imports)
    imports.push_back({{"id", anchored.id}, {"rules_digest", anchored.rules_digest}});
  json document = {{"format", kFormat},
                   {"written_at", anchor.written_at},
                   {"store", anchor.store},
                   {"engine_version", anchor.engine_version},
                   {"head", {{"id", anchor.head_id}, {"hash", anchor.head_hash}}},
                   {"imports", std::move(imports)}};
  // A file name need not be UTF-8; `replace` keeps it from throwing (the name is information only).
  return document.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<Anchor> parse_anchor(std::string_view text, const std::string& source) {
  try {
    json document = parse_strict_json(text, source);
    JsonAt root(document, source);
    root.expect_object();
    root.allow_only({"format", "written_at", "store", "engine_version", "head", "imports"});
    if (root.string("format") != kFormat) root.at("format").fail("expected \"" + std::string(kFormat) + "\"");
    Anchor anchor;
    anchor.written_at = root.string("written_at");
    anchor.store = root.string("store");
    anchor.engine_version = root.string("engine_version");
    JsonAt head = root.at("head");
    head.expect_object();
    head.allow_only({"id", "hash"});
    anchor.head_id = id_at(head.at("id"), 0);
    anchor.head_hash = head.string("hash");
    if (!is_hex64(anchor.head_hash)) head.at("hash").fail("expected 64 lower-case hex digits");
    JsonAt imports = root.at("imports");
    for (size_t i = 0; i < imports.size(); ++i) {
      JsonAt entry = imports.at(i);
      entry.expect_object();
      entry.allow_only({"id", "rules_digest"});
      AnchoredImport anchored{id_at(entry.at("id"), 1), entry.string("rules_digest")};
      if (!anchored.rules_digest.starts_with("sha256:") || !is_hex64(anchored.rules_digest.substr(7)))
        entry.at("rules_digest").fail("expected \"sha256:\" and 64 lower-case hex digits");
      anchor.imports.push_back(std::move(anchored));
    }
    return anchor;
  } catch (const LoadError& failure) {
    Error error = failure.error;
    error.code = ErrorCode::bad_input;
    return error;
  }
}

Result<std::string> sign_anchor(std::string_view anchor_file_text, std::string_view private_key_pem,
                                const std::string& key_source) {
  return ed25519_sign(anchor_file_text, private_key_pem, key_source);
}

Result<AnchorSignature> check_anchor_signature(std::string_view anchor_file_text, std::string_view signature,
                                               std::string_view public_key_pem, const std::string& key_source) {
  auto checked = ed25519_verify(anchor_file_text, signature, public_key_pem, key_source);
  if (!checked) return checked.error();
  return AnchorSignature{checked.value().valid, checked.value().key_fingerprint};
}

}  // namespace exportctl
