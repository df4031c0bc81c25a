// exportctl audit verify | head: check everything a store holds, and anchor its head outside it.
//
//   audit verify --db FILE [--anchor ANCHOR [--public-key PEM] [--signature SIG]]
//       every check of exportctl/verify.hpp; prints what was checked, every inconsistency found,
//       the head and the rules digests, and what a store cannot show by itself
//   audit head --db FILE [-o ANCHOR [--sign-key PEM]]
//       verifies, then writes the anchor (and ANCHOR.sig, an Ed25519 signature of its bytes)
#include <iostream>
#include <regex>

#include "audit_verbs.hpp"
#include "exportctl/verify.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

constexpr const char* kVerifyNotes =
    "Exit codes: 0 intact; 7 inconsistent (every problem on standard output, the count and the first\n"
    "on standard error); 1 the store or the anchor could not be read; 2 usage.\n"
    "--anchor takes a file written by 'audit head' (or ID:HASH, a head noted by hand). With\n"
    "--public-key, its signature (--signature, default ANCHOR.sig) must verify with that Ed25519 key.";

constexpr const char* kHeadNotes =
    "Verifies the store first: an inconsistent store is not anchored (exit 7, nothing written).\n"
    "The anchor is one line of JSON: the head (last decision id and hash), the rules digest of every\n"
    "import, the time (UTC). With --sign-key (an unencrypted Ed25519 private key in PEM form, as\n"
    "'openssl genpkey -algorithm ed25519' writes it), ANCHOR.sig gets the 64-byte signature of the\n"
    "anchor file's bytes ('openssl pkeyutl -verify -pubin -inkey PUBLIC.pem -rawin -in ANCHOR\n"
    "-sigfile ANCHOR.sig' checks it too). Exit codes: 0 written; 7 inconsistent; 1 error; 2 usage.";

// Every problem is listed; the checks follow, each with what it covered.
std::string check_text(const StoreCheck& check) {
  std::string out = check.file + ": ";
  if (check.intact()) {
    out += "intact\n";
  } else {
    out += "INCONSISTENT: " + std::to_string(check.inconsistency_count) + " problem" +
           (check.inconsistency_count == 1 ? "" : "s") + "\n";
    for (const Inconsistency& found : check.inconsistencies)
      out += "  " + found.check + ": " + found.subject + ": " + found.problem + "\n";
    if (static_cast<int64_t>(check.inconsistencies.size()) < check.inconsistency_count)
      out += "  ... and " + std::to_string(check.inconsistency_count - static_cast<int64_t>(check.inconsistencies.size())) +
             " more (the first " + std::to_string(check.inconsistencies.size()) + " are listed)\n";
  }
  out += "checked:\n";
  for (const CheckedPart& part : check.parts)
    out += "  " + std::string(part.problems == 0 ? "ok" : std::to_string(part.problems) + " problem" + (part.problems == 1 ? "" : "s")) +
           "  " + part.name + ": " + part.summary + "\n";
  out += "head: " + std::to_string(check.last_id) + ":" + check.head_hash + "\n";
  out += "rules digests:";
  if (check.imports.empty()) out += " none (no rules imported)";
  out += "\n";
  for (size_t i = 0; i < check.imports.size(); ++i) {
    const StoredImport& stored = check.imports[i];
    out += "  import " + std::to_string(stored.id) + "  " + stored.recorded_at + "  " + stored.rules_digest + "  " +
           std::to_string(stored.documents) + " documents from " + stored.source +
           (i + 1 == check.imports.size() ? "  (current)" : "") + "\n";
  }
  out += "a store cannot show by itself (an anchor written earlier with 'audit head' shows it up to its head):\n";
  for (std::string_view sentence : kCannotDetect) out += "  - " + std::string(sentence) + "\n";
  return out;
}

std::string read_whole_file(const std::string& path, const char* what) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw RuntimeError{path + ": no such " + std::string(what) + " file"};
  return read_input(path);
}

// "ID:HASH", as a head noted by hand, when no file has that name.
std::optional<Anchor> inline_anchor(const std::string& text) {
  static const std::regex pattern("([0-9]{1,18}):([0-9a-f]{64})");
  std::smatch match;
  std::error_code error;
  if (!std::regex_match(text, match, pattern) || std::filesystem::exists(text, error)) return std::nullopt;
  Anchor anchor;
  anchor.head_id = std::stoll(match[1]);
  anchor.head_hash = match[2];
  anchor.written_at = "(by hand)";
  return anchor;
}

struct VerifyArgs {
  std::string db;
  std::optional<Format> format;
  std::string anchor, public_key, signature;  // empty: not given
};

int verify(const VerifyArgs& args) {
  if (args.anchor.empty() && (!args.public_key.empty() || !args.signature.empty()))
    throw UsageError{"--public-key and --signature check an --anchor file"};
  std::optional<AnchorToCheck> anchor;
  if (!args.anchor.empty()) {
    anchor.emplace();
    anchor->source = args.anchor;
    if (auto by_hand = inline_anchor(args.anchor)) {
      if (!args.public_key.empty()) throw UsageError{"--public-key checks the signature of an anchor file, not of ID:HASH"};
      anchor->anchor = *by_hand;
    } else {
      std::string text = read_whole_file(args.anchor, "anchor");
      auto parsed = parse_anchor(text, args.anchor);
      if (!parsed) throw RuntimeError{parsed.error().message()};
      anchor->anchor = std::move(parsed).value();
      if (!args.public_key.empty()) {
        std::string signature_file = args.signature.empty() ? args.anchor + ".sig" : args.signature;
        std::string signature = read_whole_file(signature_file, "signature");
        std::string key = read_whole_file(args.public_key, "public key");
        auto checked = check_anchor_signature(text, signature, key, args.public_key);
        if (!checked) throw RuntimeError{checked.error().message()};
        anchor->signature = checked.value();
      }
    }
  }
  Store store = open_store(args.db, Store::Mode::read_only);
  auto check = verify_store(store, anchor ? &*anchor : nullptr);
  if (!check) throw RuntimeError{check.error().message()};
  std::string out;
  if (output_format(args.format) == Format::json) {
    write_store_check_json(check.value(), out);
    out += '\n';
  } else {
    out = check_text(check.value());
  }
  std::cout << out;
  if (check.value().intact()) return 0;
  const Inconsistency& first = check.value().inconsistencies.front();
  std::cout.flush();
  std::cerr << "exportctl: " << store.file().string() << ": inconsistent: " << check.value().inconsistency_count
            << " problem" << (check.value().inconsistency_count == 1 ? "" : "s") << "; the first: " << first.check
            << ": " << first.subject << ": " << first.problem << "\n";
  return kExitInconsistent;
}

struct HeadArgs {
  std::string db;
  std::string output;    // empty: standard output
  std::string sign_key;  // empty: unsigned
};

int head(const HeadArgs& args) {
  if (!args.sign_key.empty() && args.output.empty()) throw UsageError{"--sign-key needs -o ANCHOR (the signature goes beside it)"};
  std::string key;
  if (!args.sign_key.empty()) key = read_whole_file(args.sign_key, "private key");
  Store store = open_store(args.db, Store::Mode::read_only);
  auto check = verify_store(store);
  if (!check) throw RuntimeError{check.error().message()};
  if (!check.value().intact()) {
    const Inconsistency& first = check.value().inconsistencies.front();
    std::cerr << "exportctl: " << store.file().string() << ": inconsistent, not anchored: "
              << check.value().inconsistency_count << " problem" << (check.value().inconsistency_count == 1 ? "" : "s")
              << "; the first: " << first.check << ": " << first.subject << ": " << first.problem
              << " (run 'exportctl audit verify' for all)\n";
    return kExitInconsistent;
  }
  Anchor anchor = anchor_of(check.value(), utc_timestamp());
  std::string text = anchor_text(anchor);
  if (args.output.empty()) {
    std::cout << text;
    return 0;
  }
  std::string signed_note;
  if (!args.sign_key.empty()) {
    auto signature = sign_anchor(text, key, args.sign_key);
    if (!signature) throw RuntimeError{signature.error().message()};
    auto fingerprint = check_anchor_signature(text, signature.value(), key, args.sign_key);
    if (!fingerprint || !fingerprint.value().valid) throw RuntimeError{args.sign_key + ": the signature just made does not verify"};
    write_output_file(args.output + ".sig", signature.value());
    signed_note = "; signed: " + args.output + ".sig (Ed25519, key " + fingerprint.value().key_fingerprint + ")";
  }
  write_output_file(args.output, text);
  std::cout << args.output << ": head " << anchor.head_id << ":" << anchor.head_hash << ", "
            << anchor.imports.size() << " rules digest" << (anchor.imports.size() == 1 ? "" : "s") << ", written "
            << anchor.written_at << signed_note << "\n";
  return 0;
}

}  // namespace

Command audit_verify_verb() {
  return make_command(CommandSpec<VerifyArgs>{
      "verify",
      "audit verify --db FILE [--anchor ANCHOR [--public-key PEM]]   check everything the store holds",
      none<VerifyArgs>("audit verify takes no arguments"),
      {db_option<VerifyArgs>("SQLite store to verify (opened read-only)"), format_option<VerifyArgs>(),
       text<VerifyArgs>("--anchor", &VerifyArgs::anchor, "an anchor file written by 'audit head' (or ID:HASH)"),
       text<VerifyArgs>("--public-key", &VerifyArgs::public_key,
                        "Ed25519 public key (PEM): the anchor's signature must verify with it"),
       text<VerifyArgs>("--signature", &VerifyArgs::signature, "the anchor's detached signature (default: ANCHOR.sig)")},
      verify,
      kVerifyNotes});
}

Command audit_head_verb() {
  return make_command(CommandSpec<HeadArgs>{
      "head",
      "audit head --db FILE [-o ANCHOR [--sign-key PEM]]   write an anchor of the verified store",
      none<HeadArgs>("audit head takes no arguments"),
      {db_option<HeadArgs>("SQLite store to anchor (opened read-only)"),
       {"--output", "-o", true, false, "the anchor file (default: standard output)",
        [](HeadArgs& args, const std::string& value) { args.output = value; }},
       text<HeadArgs>("--sign-key", &HeadArgs::sign_key,
                      "Ed25519 private key (PEM): also write ANCHOR.sig, the signature of the anchor")},
      head,
      kHeadNotes});
}

}  // namespace exportctl::cli
