#include "evote/protocol/receipt.hpp"

#include <stdexcept>

#include "binary_fields.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "names_json.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

Json unsigned_json(const Receipt& r) {
  return {{"type", kReceiptType},
          {"version", kReceiptVersion},
          {"election_id", r.election_id},
          {"vote_id", base64url_encode(r.vote_id)},
          {"time", format_utc(r.time)},
          {"sequence", r.sequence},
          {"ballot_hash", base64url_encode(r.ballot_hash)},
          {"log_head", base64url_encode(r.log_head)}};
}

}  // namespace

void sign_receipt(Receipt& r, const crypto::Ed25519SigningKey& collector_key) {
  if (!is_identifier(r.election_id)) throw std::invalid_argument("receipt: election id");
  if (r.vote_id.size() != kVoteIdBytes) throw std::invalid_argument("receipt: vote id size");
  if (r.ballot_hash.size() != 32 || r.log_head.size() != 32) {
    throw std::invalid_argument("receipt: ballot hash and log head must be 32 bytes");
  }
  if (r.time < 0 || r.sequence == 0) throw std::invalid_argument("receipt: time or sequence");
  Json document = unsigned_json(r);
  sign_document(document, collector_key);
  r.signer = collector_key.public_key();
  r.signature = ObjectReader(document, "receipt").object("signature").binary("value");
}

Json to_json(const Receipt& r) {
  Json document = unsigned_json(r);
  if (!r.signature.empty()) {
    document["signature"] = signature_to_json({r.signer, r.signature});
  }
  return document;
}

Receipt receipt_from_json(const Json& document, const std::string& what) {
  const ObjectReader top(document, what);
  top.expect_type_and_version(kReceiptType, kReceiptVersion);
  top.allow_only({"type", "version", "election_id", "vote_id", "time", "sequence", "ballot_hash",
                  "log_head", "signature"});
  Receipt r;
  r.election_id = read_identifier(top, "election_id");
  r.vote_id = read_fixed_binary(top, "vote_id", kVoteIdBytes);
  r.time = parse_utc(top.string("time"), what, "time");
  r.sequence = top.unsigned_integer("sequence");
  if (r.sequence == 0) top.fail("sequence", "sequence numbers start at 1");
  r.ballot_hash = read_fixed_binary(top, "ballot_hash", 32);
  r.log_head = read_fixed_binary(top, "log_head", 32);
  r.signer = document_signer(document, what);
  r.signature = read_fixed_binary(top.object("signature"), "value", crypto::kEd25519SignatureBytes);
  return r;
}

crypto::Bytes encode_receipt(const Receipt& r) {
  if (r.signature.empty()) throw std::invalid_argument("receipt: encoding an unsigned receipt");
  return canonical_bytes(to_json(r));
}

Receipt decode_receipt(crypto::BytesView bytes, const std::string& what) {
  return receipt_from_json(parse_canonical(bytes, what), what);
}

crypto::Verdict verify_receipt(const ElectionConfig& config, const Receipt& r) {
  if (r.election_id != config.election_id) {
    return crypto::Verdict::fail("receipt: for election \"" + r.election_id + "\", expected \"" +
                                 config.election_id + "\"");
  }
  if (!config.collector) return crypto::Verdict::fail("receipt: the config has no collector key");
  if (r.signature.empty()) return crypto::Verdict::fail("receipt: not signed");
  return verify_document_signature(to_json(r), config.collector->signing_key, "receipt");
}

}  // namespace evote::protocol
