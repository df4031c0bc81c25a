// What a Store holds, shared by the files that implement it (store.cpp: opening, migrations and
// rules; decision_log.cpp: the decision log).
#pragma once

#include <filesystem>

#include "exportctl/store.hpp"
#include "store/sqlite.hpp"

namespace exportctl {

struct Store::State {
  std::filesystem::path file;
  sqlite::Database db;
  int schema_version = 0;
  int opened_schema_version = 0;  // before open() migrated it

  State(std::filesystem::path path, sqlite::Database::Access access) : file(std::move(path)), db(file.string(), access) {}
  // "FILE: what", the message of every store error.
  Error io_error(const std::string& what) const { return make_error(ErrorCode::io, file.string(), what); }
};

// Appends the decisions to the chain, inside the caller's write transaction (BEGIN IMMEDIATE):
// Store::record and the register's record share it. Throws sqlite::SqliteError.
std::vector<int64_t> append_decisions(sqlite::Database& db, const std::vector<NewDecision>& decisions);

}  // namespace exportctl
