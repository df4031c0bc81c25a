// Verifying a whole store (exportctl/verify.hpp): SQLite's own checks, the schema against the
// migrations, the rule history against its digests, the decision chain, and an anchor.
#include "exportctl/verify.hpp"

#include <map>
#include <set>

#include "common/sha256.hpp"
#include "rules/loader.hpp"
#include "store/migrations.hpp"
#include "store/store_state.hpp"

namespace exportctl {

const std::vector<std::string_view> kCannotDetect = {
    "that the last records of the decision log were removed (the shorter chain is still a whole chain)",
    "that a decision was rewritten together with the hash of every record after it",
    "that the rule history was rewritten together with its digests and the decisions that name them",
};

namespace {

std::string plural(int64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// "3", "1-4", "1-4, 7, 9-12": ids as runs, for a list that may be long.
class IdRuns {
 public:
  void add(int64_t id) {
    if (!runs_.empty() && runs_.back().second + 1 == id) runs_.back().second = id;
    else runs_.push_back({id, id});
    ++count_;
  }
  int64_t count() const { return count_; }
  std::string text() const {
    std::string out;
    for (const auto& [first, last] : runs_) {
      if (!out.empty()) out += ", ";
      out += std::to_string(first);
      if (last != first) out += "-" + std::to_string(last);
    }
    return out;
  }

 private:
  std::vector<std::pair<int64_t, int64_t>> runs_;
  int64_t count_ = 0;
};

// Each rule version row with the names of its columns that disagree with the JSON it was
// imported from ("" when all agree). Text that is not JSON agrees with nothing.
constexpr const char* kColumnsAgainstJson = R"(
SELECT v.id, v.rule_id, v.version, CASE WHEN NOT json_valid(v.json) THEN 'json' ELSE trim(
    CASE WHEN v.version IS json_extract(v.json, '$.version') THEN '' ELSE ', version' END ||
    CASE WHEN v.status IS coalesce(json_extract(v.json, '$.status'), 'in_force') THEN '' ELSE ', status' END ||
    CASE WHEN v.valid_from IS json_extract(v.json, '$.valid_from') THEN '' ELSE ', valid_from' END ||
    CASE WHEN v.valid_to IS json_extract(v.json, '$.valid_to') THEN '' ELSE ', valid_to' END ||
    CASE WHEN v.compliance_from IS json_extract(v.json, '$.compliance_from') THEN '' ELSE ', compliance_from' END ||
    CASE WHEN v.known_from IS coalesce(json_extract(v.json, '$.known_from'), v.valid_from) THEN '' ELSE ', known_from' END ||
    CASE WHEN v.supersedes IS json_extract(v.json, '$.supersedes') THEN '' ELSE ', supersedes' END ||
    CASE WHEN v.citation IS json_extract(v.json, '$.citation') THEN '' ELSE ', citation' END ||
    CASE WHEN EXISTS (
      SELECT 1 FROM rule_import_documents l JOIN rule_documents d ON d.id = l.document_id
      WHERE l.import_id = v.import_id AND d.name = v.file AND
            CASE WHEN json_valid(d.text) THEN
              json_extract(d.text, '$.id') IS v.rule_id AND json_extract(d.text, '$.kind') IS v.kind AND
              json_extract(d.text, '$.jurisdiction') IS v.jurisdiction AND
              json_extract(d.text, '$.authority') IS v.authority AND json_extract(d.text, '$.title') IS v.title
            ELSE 0 END)
      THEN '' ELSE ', rule_id, kind, jurisdiction, authority, title or file' END, ', ') END
FROM rule_versions v ORDER BY v.id)";

class Verifier {
 public:
  Verifier(const Store& store, const AnchorToCheck* anchor) : store_(store), db_(store.state().db), anchor_(anchor) {
    check_.file = store.file().string();
    check_.schema_version = store.schema_version();
    check_.latest_schema_version = Store::latest_schema_version();
    check_.head_hash = kGenesisHash;
  }

  StoreCheck run() {
    sqlite::ReadSnapshot snapshot(db_);
    check_sqlite();
    check_migrations();
    check_rule_documents();
    check_rule_imports();
    check_rule_versions();
    check_decision_chain();
    check_decision_rules();
    if (anchor_) check_anchor();
    return std::move(check_);
  }

 private:
  CheckedPart& begin(std::string name) {
    check_.parts.push_back({std::move(name), 0, "", 0});
    return check_.parts.back();
  }

  void found(std::string subject, std::string problem) {
    CheckedPart& part = check_.parts.back();
    ++part.problems;
    ++check_.inconsistency_count;
    if (check_.inconsistencies.size() < kMaxListedInconsistencies)
      check_.inconsistencies.push_back({part.name, std::move(subject), std::move(problem)});
  }

  void check_sqlite() {
    CheckedPart& part = begin("sqlite");
    sqlite::Statement pages(db_, "PRAGMA page_count");
    pages.step();
    part.checked = pages.integer(0);
    sqlite::Statement integrity(db_, "PRAGMA integrity_check");
    while (integrity.step())
      if (integrity.text(0) != "ok") found("database file", "integrity_check: " + integrity.text(0));
    sqlite::Statement keys(db_, "PRAGMA foreign_key_check");
    while (keys.step())
      found("table " + keys.text(0) + " row " + keys.text(1), "refers to a row of " + keys.text(2) + " that is not there");
    part.summary = "SQLite's integrity_check and foreign_key_check over " + plural(part.checked, "page", "pages");
  }

  // The schema objects (tables, indexes, triggers, views) the migrations create, by name, with
  // their SQL as SQLite keeps it, are compared with the file's. SQLite's own objects are left out.
  void check_migrations() {
    CheckedPart& part = begin("migrations");
    struct Object {
      std::string type, sql, migration;
    };
    auto read_schema = [](const sqlite::Database& db) {
      std::map<std::string, Object> objects;
      sqlite::Statement query(db, "SELECT name, type, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
      while (query.step()) objects[query.text(0)] = {query.text(1), query.text(2), ""};
      return objects;
    };
    sqlite::Database fresh(":memory:", sqlite::Database::Access::create);
    std::map<std::string, Object> expected;
    for (const Migration& migration : sqlite_migrations()) {
      if (migration.number > check_.schema_version) break;
      fresh.execute(migration.sql);
      // Named after the migration that last created or changed it; one a later migration drops
      // is no longer expected.
      std::map<std::string, Object> now = read_schema(fresh);
      for (auto& [name, object] : now) {
        auto before = expected.find(name);
        bool same = before != expected.end() && before->second.sql == object.sql && before->second.type == object.type;
        object.migration = same ? before->second.migration : migration.name;
      }
      expected = std::move(now);
    }
    std::map<std::string, Object> actual = read_schema(db_);
    part.checked = static_cast<int64_t>(expected.size());
    for (const auto& [name, object] : expected) {
      auto there = actual.find(name);
      if (there == actual.end())
        found(object.type + " " + name, "missing (dropped?): migration " + object.migration + " creates it");
      else if (there->second.type != object.type || there->second.sql != object.sql)
        found(object.type + " " + name, "differs from what migration " + object.migration + " creates");
    }
    for (const auto& [name, object] : actual)
      if (!expected.count(name)) found(object.type + " " + name, "not created by any migration");
    part.summary = "schema version " + std::to_string(check_.schema_version) + " of " +
                   std::to_string(check_.latest_schema_version) + ": " +
                   plural(part.checked, "table, index, trigger or view", "tables, indexes, triggers and views") +
                   " as the migrations create them";
  }

  void check_rule_documents() {
    CheckedPart& part = begin("rule documents");
    sqlite::Statement query(db_, "SELECT id, name, sha256, text FROM rule_documents ORDER BY id");
    while (query.step()) {
      ++part.checked;
      if (sha256_hex(query.text(3)) == query.text(2)) continue;
      edited_documents_.insert(query.integer(0));
      found("rule document " + query.text(1) + " (id " + query.text(0) + ")",
            "its text does not match its recorded SHA-256 (edited after import)");
    }
    part.summary = plural(part.checked, "stored content", "stored contents") + " of rule files, each against its SHA-256";
  }

  void check_rule_imports() {
    CheckedPart& part = begin("rule imports");
    auto imports = store_.imports();
    if (!imports) throw sqlite::SqliteError(imports.error().problem);
    check_.imports = imports.value();
    sqlite::Statement documents(db_,
                                "SELECT d.id, d.name, d.text FROM rule_import_documents j JOIN rule_documents d "
                                "ON d.id = j.document_id WHERE j.import_id = ?1");
    for (const StoredImport& stored : check_.imports) {
      ++part.checked;
      documents.reset();
      documents.bind(1, stored.id);
      std::vector<SourceDocument> texts;
      std::string edited;
      while (documents.step()) {
        texts.push_back({documents.text(1), documents.text(2)});
        if (edited_documents_.count(documents.integer(0))) edited += (edited.empty() ? "" : ", ") + documents.text(1);
      }
      std::vector<const SourceDocument*> named;
      for (const SourceDocument& text : texts) named.push_back(&text);
      std::string subject = "import " + std::to_string(stored.id) + " (" + stored.rules_digest + ")";
      if (static_cast<int64_t>(texts.size()) != stored.documents)
        found(subject, "it recorded " + plural(stored.documents, "document", "documents") + " and links " +
                           std::to_string(texts.size()));
      if (rules_digest_of(std::move(named)) != stored.rules_digest) {
        broken_digests_[stored.rules_digest].push_back(stored.id);
        found(subject, "its documents no longer give its rules digest" +
                           (edited.empty() ? std::string() : " (edited: " + edited + ")"));
      }
    }
    part.summary = plural(part.checked, "import", "imports") + ", each digest recomputed from its documents";
  }

  void check_rule_versions() {
    CheckedPart& part = begin("rule versions");
    sqlite::Statement versions(db_, "SELECT id, rule_id, version, sha256, json FROM rule_versions ORDER BY id");
    int64_t rows = 0;
    while (versions.step()) {
      ++rows;
      if (sha256_hex(versions.text(4)) != versions.text(3))
        found("rule version " + versions.text(1) + " v" + versions.text(2) + " (row " + versions.text(0) + ")",
              "its JSON does not match its recorded SHA-256 (edited after import)");
    }
    // The columns that commands read (a report's citation, history, the current view) must say
    // what the digested JSON says: the version's own fields from its JSON, the rule's from the
    // stored document it came from. A column that disagrees was edited after import.
    sqlite::Statement columns(db_, kColumnsAgainstJson);
    while (columns.step()) {
      std::string fields = columns.text(3);
      if (fields == "json")
        found("rule version " + columns.text(1) + " v" + columns.text(2) + " (row " + columns.text(0) + ")",
              "its stored JSON does not parse (edited after import)");
      else if (!fields.empty())
        found("rule version " + columns.text(1) + " v" + columns.text(2) + " (row " + columns.text(0) + ")",
              "its " + fields + " column" + (fields.find(',') == std::string::npos ? " does" : "s do") +
                  " not match its JSON and rule document (edited after import)");
    }
    sqlite::Statement supersessions(
        db_,
        "SELECT s.old_version_id, o.rule_id, o.version, s.old_sha256, o.sha256, s.new_version_id, s.new_sha256, n.sha256 "
        "FROM rule_version_supersessions s LEFT JOIN rule_versions o ON o.id = s.old_version_id "
        "LEFT JOIN rule_versions n ON n.id = s.new_version_id ORDER BY s.old_version_id");
    int64_t replaced = 0;
    while (supersessions.step()) {
      ++replaced;
      std::string subject = "supersession of rule version " + supersessions.text(1) + " v" + supersessions.text(2) +
                            " (row " + supersessions.text(0) + ")";
      if (supersessions.text(3) != supersessions.text(4))
        found(subject, "it records the old content's digest as " + supersessions.text(3) + ", the row has " +
                           supersessions.text(4));
      if (!supersessions.is_null(5) && supersessions.text(6) != supersessions.text(7))
        found(subject, "it records the new content's digest as " + supersessions.text(6) + ", row " +
                           supersessions.text(5) + " has " + supersessions.text(7));
    }
    part.checked = rows + replaced;
    part.summary = plural(rows, "rule version row", "rule version rows") + " and " +
                   plural(replaced, "supersession", "supersessions") + ", each against its SHA-256";
  }

  // Every record is checked on its own: its place in the sequence, its link to the record before
  // it, and its hash. A break is named at the record where it shows, and the walk goes on, so
  // that every damaged place is listed.
  void check_decision_chain() {
    CheckedPart& part = begin("decision chain");
    int64_t previous_id = 0;
    std::string previous_hash = kGenesisHash;
    auto walked = store_.each_decision({}, [&](const DecisionRecord& record) {
      ++part.checked;
      if (check_.first_id == 0) check_.first_id = record.id;
      std::string subject = "decision " + std::to_string(record.id);
      if (record.id != previous_id + 1)
        found(subject, record.id > previous_id + 1
                           ? "follows decision " + std::to_string(previous_id) + ": " +
                                 (record.id == previous_id + 2 ? "decision " + std::to_string(previous_id + 1) + " is"
                                                               : "decisions " + std::to_string(previous_id + 1) + "-" +
                                                                     std::to_string(record.id - 1) + " are") +
                                 " missing (deleted or renumbered)"
                           : "is out of sequence after decision " + std::to_string(previous_id));
      else if (record.previous_hash != previous_hash)
        found(subject, "does not link to decision " + std::to_string(previous_id) +
                           " (records reordered, or a hash rewritten)");
      else if (record_hash(record) != record.hash)
        found(subject, "does not match its hash (edited after recording)");
      if (anchor_ && record.id == anchor_->anchor.head_id) anchored_hash_ = record.hash;
      decisions_by_digest_[record.rules_digest].add(record.id);
      previous_id = record.id;
      previous_hash = record.hash;
      return true;
    });
    if (!walked) throw sqlite::SqliteError(walked.error().problem);
    check_.records = part.checked;
    check_.last_id = previous_id;
    check_.head_hash = previous_hash;
    part.summary = part.checked == 0 ? "no decisions recorded"
                                     : plural(part.checked, "record", "records") + ", ids " +
                                           std::to_string(check_.first_id) + " to " + std::to_string(check_.last_id) +
                                           ", each checked for its place in the sequence, its link to the one before and its hash";
  }

  void check_decision_rules() {
    CheckedPart& part = begin("decision rules");
    std::set<std::string> stored;
    for (const StoredImport& stored_import : check_.imports) stored.insert(stored_import.rules_digest);
    int64_t with_stored = 0, with_files = 0;
    for (const auto& [digest, ids] : decisions_by_digest_) {
      part.checked += ids.count();
      if (!stored.count(digest)) {
        with_files += ids.count();
        continue;
      }
      with_stored += ids.count();
      auto broken = broken_digests_.find(digest);
      if (broken == broken_digests_.end()) continue;
      std::string imports;
      for (int64_t id : broken->second) imports += (imports.empty() ? "" : ", ") + std::to_string(id);
      found((ids.count() == 1 ? "decision " : "decisions ") + ids.text(),
            "made with rules " + digest + " (import " + imports + "), whose stored documents no longer give that digest");
    }
    part.summary = plural(part.checked, "decision", "decisions") + " name " +
                   plural(static_cast<int64_t>(decisions_by_digest_.size()), "rules digest", "rules digests") + ": " +
                   std::to_string(with_stored) + " made with rules stored here, " + std::to_string(with_files) +
                   " with rules not in this store (recorded with --rules; replay --as-recorded cannot load them)";
  }

  void check_anchor() {
    CheckedPart& part = begin("anchor");
    check_.anchored = true;
    const Anchor& anchor = anchor_->anchor;
    std::string source = "anchor " + anchor_->source;
    std::string signature = "signature not checked";
    if (anchor_->signature) {
      signature = "signature " + std::string(anchor_->signature->valid ? "valid" : "INVALID") + " for key " +
                  anchor_->signature->key_fingerprint;
      if (!anchor_->signature->valid)
        found(source, "its signature does not verify with key " + anchor_->signature->key_fingerprint +
                          " (the anchor or the signature was altered, or another key signed it)");
    }
    ++part.checked;
    if (anchor.head_id > 0) {
      std::string subject = "decision " + std::to_string(anchor.head_id);
      if (!anchored_hash_)
        found(subject, "is the head in " + anchor_->source + " but no longer in the log (records removed from the end)");
      else if (*anchored_hash_ != anchor.head_hash)
        found(subject, "its hash differs from the one in " + anchor_->source + " (the log was rewritten from there or before)");
    }
    for (const AnchoredImport& anchored : anchor.imports) {
      ++part.checked;
      std::string subject = "import " + std::to_string(anchored.id);
      const StoredImport* stored = nullptr;
      for (const StoredImport& candidate : check_.imports)
        if (candidate.id == anchored.id) stored = &candidate;
      if (!stored)
        found(subject, "is in " + anchor_->source + " but no longer in the store (rule history removed)");
      else if (stored->rules_digest != anchored.rules_digest)
        found(subject, "its rules digest " + stored->rules_digest + " differs from " + anchored.rules_digest + " in " +
                           anchor_->source);
    }
    part.summary = anchor_->source + " written " + anchor.written_at + ": head " + std::to_string(anchor.head_id) +
                   " and " + plural(static_cast<int64_t>(anchor.imports.size()), "import", "imports") +
                   " checked against the store; " + signature;
  }

  const Store& store_;
  const sqlite::Database& db_;
  const AnchorToCheck* anchor_;
  StoreCheck check_;
  std::set<int64_t> edited_documents_;
  std::map<std::string, std::vector<int64_t>> broken_digests_;  // digest -> imports whose documents fail it
  std::map<std::string, IdRuns> decisions_by_digest_;
  std::optional<std::string> anchored_hash_;                   // the hash of the anchor's head record, if present
};

}  // namespace

Result<StoreCheck> verify_store(const Store& store, const AnchorToCheck* anchor) {
  try {
    return Verifier(store, anchor).run();
  } catch (const sqlite::SqliteError& failure) {
    return store.state().io_error(failure.what());
  }
}

}  // namespace exportctl
