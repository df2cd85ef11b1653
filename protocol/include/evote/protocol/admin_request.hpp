// The collector's admin API documents (specs/collector-admin.md):
//
// - an admin request ("admin-request", version 1): one command to the
//   collector, signed by the organizer key, fresh (its time within
//   kAdminRequestMaxSkewSeconds of the collector's clock) and single-use
//   (a 16-byte random nonce the collector remembers);
// - a votes-order page ("votes-order", version 1): the collector's signed,
//   sequence-numbered feed of "voter X cast an e-vote" for polling stations.
//
// Decoding checks the form of every field (canonical bytes, types, sizes,
// which members each command carries) and throws FormatError naming the
// field; a bad signature, another key, a stale time or another election are
// answers of the verify functions (a Verdict), never exceptions. Replay (a
// nonce seen before) needs the collector's memory and is checked there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

inline constexpr std::string_view kAdminRequestType = "admin-request";
inline constexpr std::uint64_t kAdminRequestVersion = 1;
inline constexpr std::size_t kAdminNonceBytes = 16;
// How far a request's time may be from the collector's clock, either way.
inline constexpr std::int64_t kAdminRequestMaxSkewSeconds = 300;

enum class AdminCommand {
  load_config,
  load_voter_list,
  load_paper_votes,
  open,
  close,
  status,
  export_ballots,  // "export"
  votes_order,
};

// The wire name ("load-config", ..., "export", "votes-order").
std::string_view command_name(AdminCommand command);
// nullopt for any other text.
std::optional<AdminCommand> parse_admin_command(std::string_view name);
// The load-* commands carry "document"; no other command does.
bool command_carries_document(AdminCommand command);

struct AdminRequest {
  std::string election_id;
  AdminCommand command = AdminCommand::status;
  std::int64_t time = 0;  // UTC seconds, the client's clock when it signed
  crypto::Bytes nonce;    // kAdminNonceBytes random bytes
  // The canonical bytes of the signed document loaded: load-* only.
  std::optional<crypto::Bytes> document;
  // votes-order only: the last sequence the caller already has (0: none).
  std::optional<std::uint64_t> after;
  // Filled by sign_admin_request or decode_admin_request.
  crypto::Ed25519PublicKey signer;
  crypto::Bytes signature;  // 64 bytes; empty while unsigned
};

// A request for `command` at `now` with a fresh nonce from the OS CSPRNG;
// document and after are left for the caller to fill.
AdminRequest new_admin_request(std::string election_id, AdminCommand command, std::int64_t now);

// Checks the fields as decode_admin_request does (std::invalid_argument
// naming the field) and signs with the organizer's key.
void sign_admin_request(AdminRequest& request, const crypto::Ed25519SigningKey& organizer_key);

// With the "signature" member when signed.
Json to_json(const AdminRequest& request);
crypto::Bytes encode_admin_request(const AdminRequest& request);  // must be signed
// Throws FormatError "<what>: <field>: <problem>" for anything but a
// canonical, complete, well-formed request; the signature is read, not verified.
AdminRequest decode_admin_request(crypto::BytesView bytes,
                                  const std::string& what = "admin request");

// The request is for `election_id`, signed by `organizer_key`, its signature
// verifies and its time is within kAdminRequestMaxSkewSeconds of `now`. The
// reason names which failed (all are 401 auth_failed on the wire).
crypto::Verdict verify_admin_request(const AdminRequest& request, std::string_view election_id,
                                     const crypto::Ed25519PublicKey& organizer_key,
                                     std::int64_t now);

inline constexpr std::string_view kVotesOrderType = "votes-order";
inline constexpr std::uint64_t kVotesOrderVersion = 1;
inline constexpr std::size_t kVotesOrderMaxEntries = 10000;

// One accepted e-vote: its ballot box sequence, the voter and when.
struct VotesOrderEntry {
  std::uint64_t sequence = 0;
  std::string voter_id;
  std::int64_t time = 0;
  bool operator==(const VotesOrderEntry&) const = default;
};

struct VotesOrder {
  std::string election_id;
  std::uint64_t after = 0;               // the request's "after"
  std::vector<VotesOrderEntry> entries;  // sequences ascending, all > after, at most 10000
  std::uint64_t last = 0;                // entries.back().sequence, or after when none
  std::int64_t time = 0;                 // when the collector made the page
  // Filled by sign_votes_order or decode_votes_order.
  crypto::Ed25519PublicKey signer;
  crypto::Bytes signature;
};

// Sets `last`, checks the fields as decode_votes_order does
// (std::invalid_argument) and signs with the collector's key.
void sign_votes_order(VotesOrder& page, const crypto::Ed25519SigningKey& collector_key);

Json to_json(const VotesOrder& page);
crypto::Bytes encode_votes_order(const VotesOrder& page);  // must be signed
// FormatError as decode_admin_request; also for entries out of order, not
// after `after`, more than kVotesOrderMaxEntries, or a wrong "last".
VotesOrder decode_votes_order(crypto::BytesView bytes, const std::string& what = "votes-order");

// For `election_id` and signed by `collector_key`, the signature verifying.
crypto::Verdict verify_votes_order(const VotesOrder& page, std::string_view election_id,
                                   const crypto::Ed25519PublicKey& collector_key);

}  // namespace evote::protocol
