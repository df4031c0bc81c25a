// The SQL migrations of schema/sqlite/, compiled into the library by
// schema/sqlite/embed_migrations.cmake (the generated file defines sqlite_migrations()).
#pragma once

#include <vector>

namespace exportctl {

struct Migration {
  int number;        // the schema version (PRAGMA user_version) after applying it
  const char* name;  // "001_rules.sql"
  const char* sql;
};

// In order, numbered 1, 2, 3... without gaps.
const std::vector<Migration>& sqlite_migrations();

}  // namespace exportctl
