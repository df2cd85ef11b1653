#include "evote/protocol/admin_request.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include "binary_fields.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "names_json.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

constexpr std::array<std::pair<AdminCommand, std::string_view>, 8> kCommandNames{{
    {AdminCommand::load_config, "load-config"},
    {AdminCommand::load_voter_list, "load-voter-list"},
    {AdminCommand::load_paper_votes, "load-paper-votes"},
    {AdminCommand::open, "open"},
    {AdminCommand::close, "close"},
    {AdminCommand::status, "status"},
    {AdminCommand::export_ballots, "export"},
    {AdminCommand::votes_order, "votes-order"},
}};

// The command-specific members: present exactly when the command carries
// them. Returns the problem, or an empty string.
std::string member_problem(AdminCommand command, bool has_document, bool has_after,
                           std::string& field) {
  const std::string name(command_name(command));
  if (command_carries_document(command) && !has_document) {
    field = "document";
    return "missing (command " + name + " carries the document it loads)";
  }
  if (!command_carries_document(command) && has_document) {
    field = "document";
    return "not allowed with command " + name;
  }
  const bool wants_after = command == AdminCommand::votes_order;
  if (wants_after && !has_after) {
    field = "after";
    return "missing (command votes-order asks for the entries after a sequence)";
  }
  if (!wants_after && has_after) {
    field = "after";
    return "not allowed with command " + name;
  }
  return {};
}

Json unsigned_json(const AdminRequest& r) {
  Json document = {{"type", kAdminRequestType},    {"version", kAdminRequestVersion},
                   {"election_id", r.election_id}, {"command", command_name(r.command)},
                   {"time", format_utc(r.time)},   {"nonce", base64url_encode(r.nonce)}};
  if (r.document) document["document"] = base64url_encode(*r.document);
  if (r.after) document["after"] = *r.after;
  return document;
}

}  // namespace

std::string_view command_name(AdminCommand command) {
  for (const auto& [c, name] : kCommandNames) {
    if (c == command) return name;
  }
  throw std::invalid_argument("admin request: unknown command value");
}

std::optional<AdminCommand> parse_admin_command(std::string_view name) {
  for (const auto& [c, n] : kCommandNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

bool command_carries_document(AdminCommand command) {
  return command == AdminCommand::load_config || command == AdminCommand::load_voter_list ||
         command == AdminCommand::load_paper_votes;
}

AdminRequest new_admin_request(std::string election_id, AdminCommand command, std::int64_t now) {
  AdminRequest r;
  r.election_id = std::move(election_id);
  r.command = command;
  r.time = now;
  r.nonce = crypto::random_bytes(kAdminNonceBytes);
  return r;
}

void sign_admin_request(AdminRequest& r, const crypto::Ed25519SigningKey& organizer_key) {
  if (!is_identifier(r.election_id)) {
    throw std::invalid_argument("admin request: election_id: not an identifier");
  }
  if (r.nonce.size() != kAdminNonceBytes) {
    throw std::invalid_argument("admin request: nonce: " + std::to_string(r.nonce.size()) +
                                " bytes, expected 16");
  }
  if (r.time < 0) throw std::invalid_argument("admin request: time: before 1970");
  std::string field;
  const std::string problem =
      member_problem(r.command, r.document.has_value(), r.after.has_value(), field);
  if (!problem.empty()) throw std::invalid_argument("admin request: " + field + ": " + problem);
  if (r.document && r.document->empty()) {
    throw std::invalid_argument("admin request: document: empty");
  }
  Json document = unsigned_json(r);
  sign_document(document, organizer_key);
  r.signer = organizer_key.public_key();
  r.signature = ObjectReader(document, "admin request").object("signature").binary("value");
}

Json to_json(const AdminRequest& r) {
  Json document = unsigned_json(r);
  if (!r.signature.empty()) document["signature"] = signature_to_json({r.signer, r.signature});
  return document;
}

crypto::Bytes encode_admin_request(const AdminRequest& r) {
  if (r.signature.empty()) {
    throw std::invalid_argument("admin request: encoding an unsigned request");
  }
  return canonical_bytes(to_json(r));
}

AdminRequest decode_admin_request(crypto::BytesView bytes, const std::string& what) {
  const Json json = parse_canonical(bytes, what);
  const ObjectReader top(json, what);
  top.expect_type_and_version(kAdminRequestType, kAdminRequestVersion);
  top.allow_only({"type", "version", "election_id", "command", "time", "nonce", "document", "after",
                  "signature"});
  AdminRequest r;
  r.election_id = read_identifier(top, "election_id");
  const std::string command = top.string("command");
  const std::optional<AdminCommand> parsed = parse_admin_command(command);
  if (!parsed) top.fail("command", "unknown command \"" + command + "\"");
  r.command = *parsed;
  r.time = parse_utc(top.string("time"), what, "time");
  r.nonce = read_fixed_binary(top, "nonce", kAdminNonceBytes);
  std::string field;
  const std::string problem =
      member_problem(r.command, top.has("document"), top.has("after"), field);
  if (!problem.empty()) top.fail(field, problem);
  if (top.has("document")) {
    r.document = top.binary("document");
    if (r.document->empty()) top.fail("document", "empty");
  }
  if (top.has("after")) r.after = top.unsigned_integer("after");
  r.signer = document_signer(json, what);
  r.signature = read_fixed_binary(top.object("signature"), "value", crypto::kEd25519SignatureBytes);
  return r;
}

crypto::Verdict verify_admin_request(const AdminRequest& r, std::string_view election_id,
                                     const crypto::Ed25519PublicKey& organizer_key,
                                     std::int64_t now) {
  if (r.election_id != election_id) {
    return crypto::Verdict::fail("admin request: for election \"" + r.election_id +
                                 "\", expected \"" + std::string(election_id) + "\"");
  }
  if (r.signature.empty()) return crypto::Verdict::fail("admin request: not signed");
  crypto::Verdict v = verify_document_signature(to_json(r), organizer_key, "admin request");
  if (!v) return v;
  const std::int64_t skew = r.time > now ? r.time - now : now - r.time;
  if (skew > kAdminRequestMaxSkewSeconds) {
    return crypto::Verdict::fail("admin request: time " + format_utc(r.time) + " is " +
                                 std::to_string(skew) + " s from the collector's clock " +
                                 format_utc(now) + " (at most " +
                                 std::to_string(kAdminRequestMaxSkewSeconds) + " s)");
  }
  return v;
}

}  // namespace evote::protocol
