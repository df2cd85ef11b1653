// The collector's database schema: numbered SQL files (collector/server/sql/
// NNN_name.sql) compiled into the program and applied in order at start, in
// one transaction under an advisory lock, so that several collectors
// starting together apply each migration once. A database whose schema is
// newer than this program knows is refused.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/pg.hpp"

namespace evote::collector {

struct Migration {
  std::uint32_t version;  // NNN of the file name, from 1, no gaps
  std::string name;       // the file name
  std::string sql;
};

// The migrations built into this program, in order.
const std::vector<Migration>& built_in_migrations();

// Brings the database to the newest built-in version; returns the version
// it had before. Throws pg::Error, or std::runtime_error("database schema
// version N is newer than this collector knows (M): ...") without changing
// anything.
std::uint32_t migrate(pg::Connection& connection);

// The version recorded in the database (0 for an empty database).
std::uint32_t schema_version(pg::Connection& connection);

}  // namespace evote::collector
