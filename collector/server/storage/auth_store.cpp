#include "storage/auth_store.hpp"

#include <openssl/evp.h>

#include <stdexcept>

#include "evote/crypto/random.hpp"
#include "evote/protocol/base64url.hpp"

namespace evote::collector {

namespace {

constexpr std::size_t kSessionBytes = 32;

crypto::Bytes sha256(crypto::BytesView data) {
  crypto::Bytes out(32);
  unsigned size = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != 32)
    throw std::runtime_error("SHA-256 failed");
  return out;
}

std::optional<crypto::Bytes> token_bytes(const std::string& token) {
  if (token.size() != 43) return std::nullopt;
  try {
    crypto::Bytes bytes = protocol::base64url_decode(token);
    if (bytes.size() != kSessionBytes) return std::nullopt;
    return bytes;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

void store_nonce(pg::Connection& connection, const std::string& nonce, std::int64_t expires,
                 std::int64_t now) {
  connection.exec_prepared("nonce_expire", "DELETE FROM auth_nonces WHERE expires < $1",
                           {pg::Param(now)});
  connection.exec_prepared("nonce_store",
                           "INSERT INTO auth_nonces (nonce, expires) VALUES ($1, $2)",
                           {pg::Param(nonce), pg::Param(expires)});
}

NonceCheck take_nonce(pg::Connection& connection, const std::string& nonce, std::int64_t now) {
  const pg::Result r = connection.exec_prepared(
      "nonce_take", "DELETE FROM auth_nonces WHERE nonce = $1 RETURNING expires",
      {pg::Param(nonce)});
  if (r.rows() != 1) return NonceCheck::unknown;
  return r.integer(0, 0) > now ? NonceCheck::taken : NonceCheck::expired;
}

std::string create_session(pg::Connection& connection, const std::string& voter_id,
                           std::int64_t expires, std::int64_t now) {
  const crypto::Bytes token = crypto::random_bytes(kSessionBytes);
  connection.exec_prepared("session_expire", "DELETE FROM sessions WHERE expires < $1",
                           {pg::Param(now - 24 * 3600)});
  connection.exec_prepared(
      "session_create",
      "INSERT INTO sessions (token_hash, voter_id, created, expires) VALUES ($1, $2, $3, $4)",
      {pg::Param::bytes(sha256(token)), pg::Param(voter_id), pg::Param(now), pg::Param(expires)});
  return protocol::base64url_encode(token);
}

std::optional<Session> find_session(pg::Connection& connection, const std::string& token) {
  const std::optional<crypto::Bytes> bytes = token_bytes(token);
  if (!bytes) return std::nullopt;
  const pg::Result r = connection.exec_prepared(
      "session_find", "SELECT voter_id, expires FROM sessions WHERE token_hash = $1",
      {pg::Param::bytes(sha256(*bytes))});
  if (r.rows() != 1) return std::nullopt;
  return Session{r.text(0, 0), r.integer(0, 1)};
}

}  // namespace evote::collector
