#include "evote/voter/receipt_check.hpp"

#include "answer_json.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/voter/voter_error.hpp"

namespace evote::voter {

LogHead parse_log_head(const protocol::ElectionConfig& config, crypto::BytesView body) {
  const std::string what = "GET /v1/log/head";
  const protocol::Json document = parse_answer(body, what);
  LogHead head;
  read_answer([&] {
    const protocol::ObjectReader reader(document, what);
    reader.expect_type_and_version("log-head", 1);
    head.election_id = reader.string("election_id");
    head.sequence = reader.unsigned_integer("sequence");
    head.head = reader.binary("head");
    if (head.head.size() != 32)
      reader.fail("head", std::to_string(head.head.size()) + " bytes, expected 32");
    head.time = protocol::parse_utc(reader.string("time"), what, reader.path_of("time"));
  });
  if (!config.collector)
    throw VoterError(ErrorKind::config_untrusted, "the election config names no collector key");
  const crypto::Verdict signed_by_collector =
      protocol::verify_document_signature(document, config.collector->signing_key, "log head");
  if (!signed_by_collector)
    throw VoterError(ErrorKind::receipt_invalid, what + ": " + signed_by_collector.reason);
  if (head.election_id != config.election_id)
    throw VoterError(ErrorKind::receipt_invalid, what + ": the head is of election \"" +
                                                     head.election_id + "\", not \"" +
                                                     config.election_id + "\"");
  return head;
}

crypto::Verdict check_receipt(const protocol::ElectionConfig& config,
                              const protocol::Receipt& receipt,
                              crypto::BytesView signed_ballot_bytes, std::uint64_t sequence_before,
                              const LogHead& head_after) {
  using crypto::Verdict;
  if (const Verdict signature = protocol::verify_receipt(config, receipt); !signature)
    return signature;
  if (receipt.ballot_hash != protocol::ballot_hash(signed_ballot_bytes))
    return Verdict::fail("receipt: its ballot hash is not the hash of the ballot sent");
  if (receipt.vote_id.size() != protocol::kVoteIdBytes)
    return Verdict::fail("receipt: the vote id is not 16 bytes");
  if (receipt.log_head.size() != 32) return Verdict::fail("receipt: the log head is not 32 bytes");
  if (receipt.sequence <= sequence_before)
    return Verdict::fail("receipt: sequence " + std::to_string(receipt.sequence) +
                         " is not after the log head read before sending (sequence " +
                         std::to_string(sequence_before) + ")");
  if (head_after.election_id != config.election_id)
    return Verdict::fail("log head: of another election");
  if (head_after.sequence < receipt.sequence)
    return Verdict::fail("log head: sequence " + std::to_string(head_after.sequence) +
                         " is before the receipt's " + std::to_string(receipt.sequence) +
                         " (the collector's log lost the ballot)");
  if (head_after.sequence == receipt.sequence && head_after.head != receipt.log_head)
    return Verdict::fail("log head: at the receipt's sequence " + std::to_string(receipt.sequence) +
                         " the signed head differs from the receipt's");
  return Verdict::pass();
}

}  // namespace evote::voter
