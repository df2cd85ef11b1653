// Login state in PostgreSQL, shared by every collector process on the
// database (specs/collector-api.md §2.2-2.4): challenge nonces (single use,
// with an expiry) and sessions (only the SHA-256 of the bearer token is
// stored). Times are UTC seconds given by the caller. pg::Error on failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/pg.hpp"

namespace evote::collector {

// Stores an issued nonce valid until `expires`, and deletes nonces that
// expired before `now`. Also how tests register a nonce a recorded token
// was made for.
void store_nonce(pg::Connection& connection, const std::string& nonce, std::int64_t expires,
                 std::int64_t now);

enum class NonceCheck { taken, unknown, expired };
// Takes the nonce (deletes it: a second take is `unknown`); `expired` when
// it was stored but its time ran out at `now`.
NonceCheck take_nonce(pg::Connection& connection, const std::string& nonce, std::int64_t now);

// A new session for the voter: the bearer token (base64url of 32 random
// bytes, 43 characters) is returned, its SHA-256 stored with the expiry.
std::string create_session(pg::Connection& connection, const std::string& voter_id,
                           std::int64_t expires, std::int64_t now);

struct Session {
  std::string voter_id;
  std::int64_t expires = 0;
};
// The session of this bearer token, if one was created (expired or not:
// the caller compares `expires` with its clock). Text that is not a token
// finds nothing.
std::optional<Session> find_session(pg::Connection& connection, const std::string& token);

}  // namespace evote::collector
