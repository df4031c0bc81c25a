// Opening the store, applying the migrations, and the rule history.
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>

#include "common/sha256.hpp"
#include "rules/loader.hpp"
#include "store/migrations.hpp"
#include "store/store_state.hpp"

namespace exportctl {
namespace {

int read_user_version(const sqlite::Database& db) {
  sqlite::Statement query(db, "PRAGMA user_version");
  query.step();
  return static_cast<int>(query.integer(0));
}

std::optional<std::string> date_or_null(Date date, Date none) {
  if (date == none) return std::nullopt;
  return to_string(date);
}

Date stored_date(const std::string& text) { return parse_date(text).value_or(Date{}); }

std::optional<Date> stored_optional_date(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_date(*text);
}

}  // namespace

std::string utc_timestamp() {
  auto now = std::chrono::system_clock::now();
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%06lldZ", static_cast<long long>(micros % 1000000));
  return std::string(text) + fraction;
}

Result<std::vector<SourceDocument>> read_rule_documents(const std::filesystem::path& dir) {
  return read_rule_directory(dir);
}

Store::Store(std::unique_ptr<State> state) : state_(std::move(state)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

int Store::schema_version() const { return state_->schema_version; }
int Store::opened_schema_version() const { return state_->opened_schema_version; }
int Store::latest_schema_version() { return static_cast<int>(sqlite_migrations().size()); }
const std::filesystem::path& Store::file() const { return state_->file; }

namespace {

constexpr std::string_view kSqliteHeader("SQLite format 3\0", 16);

// The checks SQLite would not make, or would make by writing: a reader must refuse a missing,
// empty or foreign file in words, and never turn it into a store.
std::optional<std::string> unusable_file(const std::filesystem::path& file, Store::Mode mode) {
  std::error_code error;
  auto status = std::filesystem::status(file, error);
  if (!std::filesystem::exists(status)) {
    if (mode == Store::Mode::create) return std::nullopt;
    return "no such database (create it with 'exportctl store import')";
  }
  if (!std::filesystem::is_regular_file(status)) return "not a file, so not a database";
  auto size = std::filesystem::file_size(file, error);
  if (error) return "cannot read: " + error.message();
  if (size == 0) {
    if (mode == Store::Mode::create) return std::nullopt;  // SQLite writes the first page
    return "an empty file, not an exportctl store";
  }
  std::ifstream in(file, std::ios::binary);
  char header[16] = {};
  if (!in.read(header, sizeof header) && !in.eof()) return "cannot read the file";
  if (std::string_view(header, static_cast<size_t>(in.gcount())) != kSqliteHeader) return "not an SQLite database";
  return std::nullopt;
}

sqlite::Database::Access access_of(Store::Mode mode) {
  switch (mode) {
    case Store::Mode::existing: return sqlite::Database::Access::read_write;
    case Store::Mode::create: return sqlite::Database::Access::create;
    case Store::Mode::read_only: return sqlite::Database::Access::read_only;
  }
  return sqlite::Database::Access::read_only;
}

}  // namespace

Result<Store> Store::open(const std::filesystem::path& file, Mode mode) {
  if (auto problem = unusable_file(file, mode)) return make_error(ErrorCode::io, file.string(), *problem);
  std::unique_ptr<State> state;
  try {
    state = std::make_unique<State>(file, access_of(mode));
    int version = read_user_version(state->db);
    state->opened_schema_version = version;
    if (version > latest_schema_version())
      return state->io_error("schema version " + std::to_string(version) + " is newer than this exportctl knows (" +
                             std::to_string(latest_schema_version()) + ")");
    if (mode == Mode::read_only) {
      // An older schema is read as it is: migrating would write.
      if (version == 0) return state->io_error("not an exportctl store (it has no exportctl schema version)");
      state->schema_version = version;
      return Store(std::move(state));
    }
    if (version < latest_schema_version()) {
      // Re-read inside the write transaction: another process may have migrated meanwhile.
      sqlite::Transaction transaction(state->db);
      version = read_user_version(state->db);
      state->opened_schema_version = version;
      sqlite::Statement tables(state->db, "SELECT count(*) FROM sqlite_master");
      tables.step();
      if (version == 0 && tables.integer(0) > 0)  // someone else's database: leave it alone
        return state->io_error("not an exportctl store (it has tables but no exportctl schema version)");
      for (const Migration& migration : sqlite_migrations()) {
        if (migration.number <= version) continue;
        try {
          state->db.execute(migration.sql);
        } catch (const sqlite::SqliteError& failure) {
          throw sqlite::SqliteError(std::string("migration ") + migration.name + ": " + failure.what());
        }
        state->db.execute("PRAGMA user_version = " + std::to_string(migration.number));
        version = migration.number;
      }
      transaction.commit();
    }
    state->schema_version = version;
  } catch (const sqlite::SqliteError& failure) {
    return make_error(ErrorCode::io, file.string(), failure.what());
  }
  return Store(std::move(state));
}

Result<ImportSummary> Store::import_rules(std::vector<SourceDocument> documents, const std::string& source) {
  // Only rule data the engine accepts enters the store.
  auto engine = Engine::load_documents(documents);
  if (!engine) return engine.error();
  ImportSummary summary;
  summary.rules_digest = engine.value().rules_digest();
  summary.documents = static_cast<int>(documents.size());
  std::vector<const RuleVersion*> versions = engine.value().rule_versions();
  summary.versions = static_cast<int>(versions.size());
  sqlite::Database& db = state_->db;
  try {
    sqlite::Transaction transaction(db);
    sqlite::Statement latest(db, "SELECT id, rules_digest FROM rule_imports ORDER BY id DESC LIMIT 1");
    if (latest.step() && latest.text(1) == summary.rules_digest) {
      // The digest covers every document's name and text: identical data, nothing to write.
      summary.import_id = latest.integer(0);
      return summary;
    }
    std::string now = utc_timestamp();
    sqlite::Statement add_import(db,
                                 "INSERT INTO rule_imports (recorded_at, source, rules_digest, documents, versions) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)");
    add_import.bind(1, now).bind(2, source).bind(3, summary.rules_digest).bind(4, int64_t{summary.documents});
    add_import.bind(5, int64_t{summary.versions}).run();
    summary.import_id = sqlite3_last_insert_rowid(db.handle());
    summary.changed = true;

    sqlite::Statement add_document(
        db, "INSERT OR IGNORE INTO rule_documents (name, sha256, text, recorded_at) VALUES (?1, ?2, ?3, ?4)");
    sqlite::Statement find_document(db, "SELECT id FROM rule_documents WHERE name = ?1 AND sha256 = ?2");
    sqlite::Statement link_document(db, "INSERT INTO rule_import_documents (import_id, document_id) VALUES (?1, ?2)");
    for (const SourceDocument& document : documents) {
      std::string digest = sha256_hex(document.text);
      add_document.reset();
      add_document.bind(1, document.name).bind(2, digest).bind(3, document.text).bind(4, now).run();
      if (sqlite3_changes(db.handle()) == 1) ++summary.documents_added;
      find_document.reset();
      find_document.bind(1, document.name).bind(2, digest);
      if (!find_document.step()) db.fail("document " + document.name + " vanished");
      link_document.reset();
      link_document.bind(1, summary.import_id).bind(2, find_document.integer(0)).run();
    }

    // The versions as they read before this import, by rule id and version number.
    std::map<std::pair<std::string, int>, std::pair<int64_t, std::string>> current;
    sqlite::Statement list_current(db, "SELECT id, rule_id, version, sha256 FROM current_rule_versions");
    while (list_current.step())
      current[{list_current.text(1), static_cast<int>(list_current.integer(2))}] = {list_current.integer(0),
                                                                                      list_current.text(3)};
    sqlite::Statement add_version(
        db,
        "INSERT INTO rule_versions (rule_id, version, kind, jurisdiction, authority, title, file, status, valid_from, "
        "valid_to, compliance_from, known_from, supersedes, citation, sha256, json, import_id, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    sqlite::Statement supersede(db,
                                "INSERT INTO rule_version_supersessions (old_version_id, new_version_id, old_sha256, "
                                "new_sha256, import_id, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const RuleVersion* version : versions) {
      const RuleInfo& rule = *version->rule;
      std::string digest = sha256_hex(version->json);
      auto found = current.find({rule.id, version->number});
      if (found != current.end() && found->second.second == digest) {
        current.erase(found);  // unchanged: the existing row stays current
        continue;
      }
      add_version.reset();
      add_version.bind(1, rule.id).bind(2, int64_t{version->number}).bind(3, name(rule.kind));
      add_version.bind(4, name(rule.jurisdiction)).bind(5, name(rule.authority)).bind(6, rule.title).bind(7, rule.file);
      add_version.bind(8, name(version->status)).bind(9, to_string(version->valid_from));
      add_version.bind_optional(10, date_or_null(version->valid_to, kMaxDate));
      add_version.bind_optional(11, date_or_null(version->compliance_from, kMinDate));
      add_version.bind(12, to_string(version->known_from));
      if (version->supersedes > 0) add_version.bind(13, int64_t{version->supersedes});
      else add_version.bind_null(13);
      add_version.bind(14, version->citation).bind(15, digest).bind(16, version->json);
      add_version.bind(17, summary.import_id).bind(18, now).run();
      int64_t row = sqlite3_last_insert_rowid(db.handle());
      if (found == current.end()) {
        ++summary.versions_added;
        continue;
      }
      supersede.reset();
      supersede.bind(1, found->second.first).bind(2, row).bind(3, found->second.second).bind(4, digest);
      supersede.bind(5, summary.import_id).bind(6, now).run();
      ++summary.versions_superseded;
      current.erase(found);
    }
    // What is left was current and is no longer in the data: withdrawn, kept as history.
    for (const auto& [key, row] : current) {
      supersede.reset();
      supersede.bind(1, row.first).bind_null(2).bind(3, row.second).bind_null(4);
      supersede.bind(5, summary.import_id).bind(6, now).run();
      ++summary.versions_withdrawn;
    }
    transaction.commit();
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
  return summary;
}

namespace {

std::vector<SourceDocument> import_documents(const sqlite::Database& db, int64_t import_id) {
  std::vector<SourceDocument> documents;
  sqlite::Statement query(db,
                          "SELECT d.name, d.text FROM rule_import_documents j JOIN rule_documents d "
                          "ON d.id = j.document_id WHERE j.import_id = ?1 ORDER BY d.name");
  query.bind(1, import_id);
  while (query.step()) documents.push_back({query.text(0), query.text(1)});
  return documents;
}

}  // namespace

Result<std::vector<SourceDocument>> Store::current_documents() const {
  try {
    sqlite::Statement latest(state_->db, "SELECT id FROM rule_imports ORDER BY id DESC LIMIT 1");
    if (!latest.step()) return std::vector<SourceDocument>{};
    return import_documents(state_->db, latest.integer(0));
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
}

Result<std::vector<SourceDocument>> Store::documents_with_digest(const std::string& rules_digest) const {
  try {
    sqlite::Statement latest(state_->db, "SELECT id FROM rule_imports WHERE rules_digest = ?1 ORDER BY id DESC LIMIT 1");
    latest.bind(1, rules_digest);
    if (!latest.step()) return std::vector<SourceDocument>{};
    return import_documents(state_->db, latest.integer(0));
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
}

Result<std::vector<StoredImport>> Store::imports() const {
  std::vector<StoredImport> out;
  try {
    sqlite::Statement query(state_->db,
                            "SELECT id, recorded_at, source, rules_digest, documents FROM rule_imports ORDER BY id");
    while (query.step())
      out.push_back({query.integer(0), query.text(1), query.text(2), query.text(3), query.integer(4)});
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
  return out;
}

Result<std::vector<StoredRuleVersion>> Store::rule_history(const std::string& rule_id) const {
  std::vector<StoredRuleVersion> out;
  try {
    sqlite::Statement query(state_->db,
                            "SELECT v.id, v.rule_id, v.version, v.status, v.valid_from, v.valid_to, v.compliance_from, "
                            "v.known_from, v.sha256, v.json, v.recorded_at, s.recorded_at, s.new_version_id "
                            "FROM rule_versions v LEFT JOIN rule_version_supersessions s ON s.old_version_id = v.id "
                            "WHERE ?1 = '' OR v.rule_id = ?1 ORDER BY v.rule_id, v.version, v.id");
    query.bind(1, rule_id);
    while (query.step()) {
      StoredRuleVersion row;
      row.row = query.integer(0);
      row.rule_id = query.text(1);
      row.version = static_cast<int>(query.integer(2));
      row.status = query.text(3);
      row.valid_from = stored_date(query.text(4));
      row.valid_to = stored_optional_date(query.optional_text(5));
      row.compliance_from = stored_optional_date(query.optional_text(6));
      row.known_from = stored_date(query.text(7));
      row.sha256 = query.text(8);
      row.json = query.text(9);
      row.recorded_at = query.text(10);
      row.superseded_at = query.optional_text(11);
      if (!query.is_null(12)) row.superseded_by = query.integer(12);
      out.push_back(std::move(row));
    }
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
  return out;
}

}  // namespace exportctl
