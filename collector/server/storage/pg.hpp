// A thin RAII layer over libpq: one connection, parameterised statements
// (text parameters, binary-safe bytea through hex), prepared statements by
// name, and errors that carry the SQLSTATE and the server's message.
// A Connection is used by one thread at a time (libpq's rule).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::collector::pg {

// A failed statement or connection: what() is "<context>: <server message>".
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // The connection itself is gone (server restarted, network): retry on a new one.
  bool connection_lost() const {
    return sqlstate_.rfind("08", 0) == 0 || sqlstate_ == "57P01" || sqlstate_.empty();
  }
  // A serialization failure or deadlock: the transaction may be retried.
  bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

 private:
  std::string sqlstate_;
};

// One parameter: text, bytea, integer or NULL.
class Param {
 public:
  Param(std::nullopt_t) {}
  Param(std::string text) : value_(std::move(text)) {}
  Param(const char* text) : value_(std::string(text)) {}
  Param(std::int64_t number) : value_(std::to_string(number)) {}
  Param(std::uint64_t number) : value_(std::to_string(number)) {}
  Param(int number) : value_(std::to_string(number)) {}
  static Param bytes(crypto::BytesView bytes);  // "\x<hex>" for a bytea parameter
  const std::optional<std::string>& value() const { return value_; }

 private:
  std::optional<std::string> value_;
};

class Result {
 public:
  explicit Result(PGresult* result) : result_(result, PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  crypto::Bytes bytes(int row, int column) const;  // a bytea column
  std::uint64_t affected() const;                  // rows changed by INSERT/UPDATE/DELETE

 private:
  std::shared_ptr<PGresult> result_;
};

class Connection {
 public:
  // Connects (Error naming the connection string's host/port on failure).
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result exec(std::string_view sql, const std::vector<Param>& params = {});
  // Several statements, no parameters (migrations).
  void exec_script(std::string_view sql, const std::string& context);
  // Prepares once per connection, then executes.
  Result exec_prepared(const std::string& name, std::string_view sql,
                       const std::vector<Param>& params);
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  Result check(PGresult* result, std::string_view context);
  PGconn* conn_ = nullptr;
  std::vector<std::string> prepared_;
};

// BEGIN ... COMMIT; rolls back when destroyed uncommitted.
class Transaction {
 public:
  explicit Transaction(Connection& connection, std::string_view begin = "BEGIN");
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace evote::collector::pg
