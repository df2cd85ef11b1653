#include "storage/migrations.hpp"

namespace evote::collector {

namespace {

// pg_advisory_xact_lock key: "evote" in ASCII, shared by every collector.
constexpr const char* kLockKey = "491496162405";

void ensure_version_table(pg::Connection& connection) {
  connection.exec("CREATE TABLE IF NOT EXISTS evote_schema (version integer NOT NULL)");
  connection.exec(
      "INSERT INTO evote_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM evote_schema)");
}

std::uint32_t read_version(pg::Connection& connection) {
  const pg::Result r = connection.exec("SELECT version FROM evote_schema");
  if (r.rows() != 1)
    throw std::runtime_error("database: evote_schema must hold one row, it holds " +
                             std::to_string(r.rows()));
  return static_cast<std::uint32_t>(r.integer(0, 0));
}

}  // namespace

std::uint32_t schema_version(pg::Connection& connection) {
  const pg::Result exists = connection.exec("SELECT to_regclass('evote_schema') IS NOT NULL");
  if (exists.text(0, 0) != "t") return 0;
  return read_version(connection);
}

std::uint32_t migrate(pg::Connection& connection) {
  const std::vector<Migration>& migrations = built_in_migrations();
  const std::uint32_t newest = migrations.empty() ? 0 : migrations.back().version;
  pg::Transaction transaction(connection);
  connection.exec(std::string("SELECT pg_advisory_xact_lock(") + kLockKey + ")");
  ensure_version_table(connection);
  const std::uint32_t before = read_version(connection);
  if (before > newest) {
    throw std::runtime_error("database schema version " + std::to_string(before) +
                             " is newer than this collector knows (" + std::to_string(newest) +
                             "): run the collector of that version, or a newer one");
  }
  for (const Migration& m : migrations) {
    if (m.version <= before) continue;
    connection.exec_script(m.sql, "migration " + m.name);
    connection.exec("UPDATE evote_schema SET version = $1",
                    {pg::Param(static_cast<std::int64_t>(m.version))});
  }
  transaction.commit();
  return before;
}

}  // namespace evote::collector
