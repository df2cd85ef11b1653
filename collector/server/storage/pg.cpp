#include "pg.hpp"

#include <algorithm>
#include <charconv>

namespace evote::collector::pg {

namespace {

std::string server_message(PGconn* conn) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

Param Param::bytes(crypto::BytesView bytes) { return Param("\\x" + crypto::to_hex(bytes)); }

std::string Result::text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     PQgetlength(result_.get(), row, column));
}

std::int64_t Result::integer(int row, int column) const {
  const std::string value = text(row, column);
  std::int64_t out = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (error != std::errc() || end != value.data() + value.size())
    throw Error("database: not an integer: \"" + value + "\"", "");
  return out;
}

crypto::Bytes Result::bytes(int row, int column) const {
  std::size_t length = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &length);
  if (!raw) throw Error("database: cannot decode a bytea value", "");
  crypto::Bytes out(raw, raw + length);
  PQfreemem(raw);
  return out;
}

std::uint64_t Result::affected() const {
  const char* text = PQcmdTuples(result_.get());
  return text && *text ? std::stoull(text) : 0;
}

Connection::Connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = server_message(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error("database: cannot connect: " + message, "08001");
  }
  // NOTICEs ("relation already exists, skipping") are not for the log.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

Result Connection::check(PGresult* result, std::string_view context) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(result);
  std::string sqlstate;
  std::string message;
  if (result) {
    if (const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = state;
    message = PQresultErrorMessage(result);
    PQclear(result);
  }
  if (message.empty()) message = server_message(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (PQstatus(conn_) != CONNECTION_OK && sqlstate.empty()) sqlstate = "08006";
  throw Error("database: " + std::string(context) + ": " + message, sqlstate);
}

namespace {

struct ParamArrays {
  std::vector<const char*> values;
  explicit ParamArrays(const std::vector<Param>& params) {
    for (const Param& p : params) values.push_back(p.value() ? p.value()->c_str() : nullptr);
  }
};

}  // namespace

Result Connection::exec(std::string_view sql, const std::vector<Param>& params) {
  const ParamArrays arrays(params);
  const std::string statement(sql);
  return check(PQexecParams(conn_, statement.c_str(), static_cast<int>(params.size()), nullptr,
                            arrays.values.data(), nullptr, nullptr, 0),
               statement.substr(0, 60));
}

void Connection::exec_script(std::string_view sql, const std::string& context) {
  check(PQexec(conn_, std::string(sql).c_str()), context);
}

Result Connection::exec_prepared(const std::string& name, std::string_view sql,
                                 const std::vector<Param>& params) {
  if (std::find(prepared_.begin(), prepared_.end(), name) == prepared_.end()) {
    check(PQprepare(conn_, name.c_str(), std::string(sql).c_str(), static_cast<int>(params.size()),
                    nullptr),
          "prepare " + name);
    prepared_.push_back(name);
  }
  const ParamArrays arrays(params);
  return check(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                              arrays.values.data(), nullptr, nullptr, 0),
               name);
}

Transaction::Transaction(Connection& connection, std::string_view begin) : connection_(connection) {
  connection_.exec(begin);
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    if (connection_.ok()) connection_.exec("ROLLBACK");
  } catch (...) {
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
}

}  // namespace evote::collector::pg
