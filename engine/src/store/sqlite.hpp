// A thin RAII layer over the SQLite C API for the store: a connection, prepared statements and
// transactions. Failures throw SqliteError (internal only: the Store catches it at its public
// boundary and returns an io error), so the store code reads as a sequence of steps.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace exportctl::sqlite {

struct SqliteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  enum class Access { read_write, create, read_only };

  // Opens the file (Access::create allows a new one). A writable connection is switched to WAL
  // with synchronous=FULL; a read-only one writes nothing (see the constructor). Both get a busy
  // timeout and foreign keys.
  Database(const std::string& file, Access access);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void execute(const std::string& sql);  // one or more statements, no results
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void open_read_only(const std::string& file);
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(const Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind_null(int index);
  Statement& bind_real(int index, double value);
  Statement& bind_optional(int index, const std::optional<std::string>& text);

  bool step();   // true: a row is ready; false: done
  void run();    // step to completion, expecting no rows
  void reset();  // for re-use with new bindings

  int64_t integer(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  double real(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  const Database& db_;
  sqlite3_stmt* statement_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed (an exception left the scope).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = false;
};

// BEGIN ... END around reads, so that every statement inside sees one snapshot of the file
// while other connections append. Works on a read-only connection; takes no write lock.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(const Database& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  const Database& db_;
};

}  // namespace exportctl::sqlite
