#include "store/sqlite.hpp"

#include <cstdio>
#include <filesystem>

namespace exportctl::sqlite {

namespace {

// A "file:" URI naming `path`, for the URI parameters of a read-only open. Characters a URI
// gives meaning to are percent-encoded.
std::string file_uri(const std::string& path, const char* parameters) {
  std::string uri = "file:";
  // "file://NAME" would make NAME a host: one leading slash means the same path on Linux.
  std::string_view rest = path;
  while (rest.starts_with("//")) rest.remove_prefix(1);
  for (char c : rest) {
    if (c == '%' || c == '?' || c == '#' || static_cast<unsigned char>(c) < 0x21 || c == 0x7f) {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
      uri += escaped;
    } else {
      uri += c;
    }
  }
  return uri + "?" + parameters;
}

sqlite3* open_handle(const std::string& name, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw SqliteError(message);
  }
  sqlite3_extended_result_codes(db, 1);
  // Writers in other processes hold the lock for one transaction; waiting beats failing.
  sqlite3_busy_timeout(db, 30000);
  return db;
}

// Reads the schema once, so that a file SQLite cannot read fails here with its reason.
int probe(sqlite3* db) { return sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr); }

}  // namespace

Database::Database(const std::string& file, Access access) {
  try {
    if (access == Access::read_only) {
      open_read_only(file);
      return;
    }
    db_ = open_handle(file, SQLITE_OPEN_READWRITE | (access == Access::create ? SQLITE_OPEN_CREATE : 0));
    execute("PRAGMA foreign_keys = ON");
    // WAL: readers never block the writer and a killed writer loses only its open transaction.
    // FULL: a commit is on disk when it returns, so an acknowledged decision survives power loss.
    Statement journal(*this, "PRAGMA journal_mode = WAL");
    journal.step();
    execute("PRAGMA synchronous = FULL");
  } catch (const SqliteError&) {
    sqlite3_close_v2(db_);  // no destructor runs for a constructor that throws
    throw;
  }
}

// A reader of a WAL database needs the -shm index beside it, which SQLite creates when it can.
// Where it cannot (a store handed over on read-only media, or in a directory this user may not
// write) and no -wal file holds commits not yet copied into the database, the database file is
// the whole store: it is then read as immutable, which needs no index and writes nothing.
void Database::open_read_only(const std::string& file) {
  db_ = open_handle(file_uri(file, "mode=ro"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  int code = probe(db_);
  if (code == SQLITE_OK) return;
  std::error_code missing;
  bool cannot_index = (code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN;
  if (!cannot_index || std::filesystem::exists(file + "-wal", missing)) fail("reading");
  sqlite3_close_v2(db_);
  db_ = nullptr;
  db_ = open_handle(file_uri(file, "mode=ro&immutable=1"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (probe(db_) != SQLITE_OK) fail("reading");
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::execute(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw SqliteError(message);
  }
}

void Database::fail(const std::string& what) const { throw SqliteError(what + ": " + sqlite3_errmsg(db_)); }

Statement::Statement(const Database& db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK)
    db.fail("preparing \"" + std::string(sql.substr(0, 60)) + "\"");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
    db_.fail("binding");
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) db_.fail("binding");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) db_.fail("binding");
  return *this;
}

Statement& Statement::bind_real(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) db_.fail("binding");
  return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  db_.fail("executing \"" + std::string(sqlite3_sql(statement_)).substr(0, 60) + "\"");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

std::string Statement::text(int column) const {
  const unsigned char* bytes = sqlite3_column_text(statement_, column);
  if (!bytes) return {};
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Transaction::Transaction(Database& db) : db_(db) {
  db_.execute("BEGIN IMMEDIATE");
  open_ = true;
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.execute("COMMIT");
  open_ = false;
}

ReadSnapshot::ReadSnapshot(const Database& db) : db_(db) {
  if (sqlite3_exec(db_.handle(), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) db_.fail("beginning a read");
}

ReadSnapshot::~ReadSnapshot() { sqlite3_exec(db_.handle(), "END", nullptr, nullptr, nullptr); }

}  // namespace exportctl::sqlite
