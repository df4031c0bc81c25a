// Verifying a store: everything it holds checked against itself, and optionally against an
// anchor kept outside it. `exportctl audit verify` and `audit head` are these calls.
//
//   auto store = exportctl::Store::open("audit.db", exportctl::Store::Mode::read_only);
//   auto check = exportctl::verify_store(store.value(), nullptr);
//   if (!check) { std::cerr << check.error().message() << "\n"; return 1; }   // could not read
//   for (const auto& found : check.value().inconsistencies) std::cerr << found.subject << ": " << found.problem;
//   exportctl::Anchor anchor = exportctl::anchor_of(check.value(), exportctl::utc_timestamp());
//   std::string text = exportctl::anchor_text(anchor);                       // keep it elsewhere
//
// What verification can find: any stored rule document, rule version or decision edited, a
// decision deleted or reordered, an import whose documents no longer give its digest, a schema
// object (table, index, trigger) changed, dropped or added, and what SQLite's integrity and
// foreign-key checks find. What it cannot find from the file alone (kCannotDetect): that the last
// records were removed, or that a record was rewritten together with every hash after it, or the
// rule history together with its digests. An anchor written earlier finds those.
//
// Nothing here writes to the store or throws. The Store rules apply: one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/result.hpp"
#include "exportctl/store.hpp"

namespace exportctl {

// One thing found wrong, named so that an auditor can go and look at it.
struct Inconsistency {
  std::string check;    // the CheckedPart that found it: "rule documents"
  std::string subject;  // what: "rule document us/letter-nvidia-h20.json (id 31)", "decision 7", "import 2"
  std::string problem;  // what is wrong with it, one sentence
};

// One check and what it covered, for the report of what was verified.
struct CheckedPart {
  std::string name;      // "sqlite", "migrations", "rule documents", "rule imports", "rule versions",
                         // "decision chain", "decision rules", "anchor", in that order
  int64_t checked = 0;   // how many things it examined (pages are not counted: 1 for "sqlite")
  std::string summary;   // what it examined, one sentence for a person
  int64_t problems = 0;  // the inconsistencies it found
};

// At most this many inconsistencies are listed (StoreCheck::inconsistency_count has them all):
// a store rewritten from its first record would otherwise list every record.
inline constexpr size_t kMaxListedInconsistencies = 100;

// What verification cannot detect in a store without an anchor written before, one sentence each.
extern const std::vector<std::string_view> kCannotDetect;

struct StoreCheck {
  std::string file;
  int schema_version = 0;          // of the file
  int latest_schema_version = 0;   // that this build knows
  std::vector<CheckedPart> parts;  // in the order checked
  std::vector<Inconsistency> inconsistencies;  // in the order found, at most kMaxListedInconsistencies
  int64_t inconsistency_count = 0;             // all of them
  // The decision log as read: records, first and last id (0 when empty), and the hash of the
  // last record (kGenesisHash when empty).
  int64_t records = 0, first_id = 0, last_id = 0;
  std::string head_hash;
  std::vector<StoredImport> imports;  // oldest first; the last is the current rule set
  bool anchored = false;              // an anchor was checked (a CheckedPart "anchor" says how)

  bool intact() const { return inconsistency_count == 0; }
};

// ---- anchors ---------------------------------------------------------------------------------

// What `audit head` writes: the head of the decision log and the rules digests of every import,
// at a time. Kept outside the store (and signed), it lets a later verification see truncation and
// rewrites that a self-consistent file cannot show.
struct AnchoredImport {
  int64_t id = 0;
  std::string rules_digest;
};

struct Anchor {
  int64_t head_id = 0;      // the last record; 0 when the log was empty
  std::string head_hash;    // its hash; kGenesisHash when the log was empty
  std::string written_at;   // UTC, "2025-05-14T09:30:00.123456Z"
  std::string store;        // the store file as named when written (information only)
  std::string engine_version;
  std::vector<AnchoredImport> imports;  // oldest first
};

// The anchor of a verified store (the caller makes sure it is intact).
Anchor anchor_of(const StoreCheck& check, std::string written_at);
// The anchor file's text: one line of JSON with sorted keys, ending in a newline. A signature
// covers exactly these bytes.
std::string anchor_text(const Anchor& anchor);
// Reads an anchor file strictly (unknown or duplicate keys, wrong types, malformed hashes are
// bad_input naming `source` and the JSON pointer).
Result<Anchor> parse_anchor(std::string_view text, const std::string& source);

// The detached Ed25519 signature of an anchor file's bytes: 64 raw bytes, the form OpenSSL's
// command line writes with `pkeyutl -sign -rawin`, so either checks the other's. bad_input naming
// key_source when the PEM is not an unencrypted Ed25519 private key.
Result<std::string> sign_anchor(std::string_view anchor_file_text, std::string_view private_key_pem,
                                const std::string& key_source);

// How an anchor's signature was checked.
struct AnchorSignature {
  bool valid = false;
  std::string key_fingerprint;  // "sha256:" + hex of the public key (DER), to name the key checked
};
// Checks a detached signature of an anchor file's bytes against an Ed25519 public key in PEM
// form; bad_input naming key_source when the PEM holds no Ed25519 key. A signature that does not
// verify (forged, or of other bytes) is valid == false.
Result<AnchorSignature> check_anchor_signature(std::string_view anchor_file_text, std::string_view signature,
                                               std::string_view public_key_pem, const std::string& key_source);

// An anchor to verify a store against.
struct AnchorToCheck {
  Anchor anchor;
  std::string source;                        // the anchor file, for messages
  std::optional<AnchorSignature> signature;  // nullopt: the signature was not checked
};

// ---- verification ------------------------------------------------------------------------------

// Checks, in order: SQLite's integrity_check and foreign_key_check; the schema against the
// migrations up to the file's schema version (every table, index, trigger and view, by its SQL);
// every stored rule document and rule version against its SHA-256, and each rule version's
// columns against its JSON and rule document; every import's digest
// recomputed from its documents; every supersession's digests; the decision chain (sequence,
// links, each record's hash); the imports each decision's rules digest names; and, with `anchor`,
// that its head record and its imports are still in the store with the same hashes and digests,
// and that its signature (if checked) is valid. Fails with io only when the store cannot be read;
// everything found wrong is an Inconsistency.
Result<StoreCheck> verify_store(const Store& store, const AnchorToCheck* anchor = nullptr);

// Appends the check as one line of JSON with sorted keys: "file", "intact", "schema_version",
// "latest_schema_version", "checks" [{"name", "checked", "summary", "problems"}],
// "inconsistencies" [{"check", "subject", "problem"}], "inconsistency_count", "records",
// "first_id", "last_id", "head" ("ID:HASH"), "imports" [{"id", "recorded_at", "source",
// "rules_digest", "documents"}], "anchored" and "cannot_detect" [sentences].
void write_store_check_json(const StoreCheck& check, std::string& out);

}  // namespace exportctl
