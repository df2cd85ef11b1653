// POST /v1/ballots (specs/collector-api.md §2.5): the checks in the spec's
// order, the first failure answered with its code and nothing stored; then
// the ballot is appended through the group committer and, once durably
// committed, the signed receipt is answered.
//
// protocol::check_ballot's verdicts are mapped onto the API's codes by the
// part of the ballot they name: a "contests[i].ciphertexts[j]" reason (an
// element that does not decode as a group member) is not_a_group_element, a
// "contests[i].proofs[j]" reason (a proof that does not decode or verify)
// is bad_proof, and every other reason (contest set, order, row widths,
// district, election id) is wrong_contests.
#include <nlohmann/json.hpp>

#include "app/collector_app.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "storage/ballot_committer.hpp"
#include "storage/voter_list.hpp"

namespace evote::collector {

namespace {

// The API code of a protocol::check_ballot failure (see the file comment).
std::string ballot_check_code(const std::string& reason) {
  if (reason.find(".ciphertexts[") != std::string::npos) return "not_a_group_element";
  if (reason.find(".proofs[") != std::string::npos) return "bad_proof";
  return "wrong_contests";
}

// The API code of a verify_voter_certificate failure: path validation
// (chain, validity, intermediates, an unparsable certificate or key) is
// certificate_untrusted; the leaf's CA flag, key usage, extended key usage
// and policies are wrong_certificate_purpose.
std::string certificate_check_code(const std::string& reason) {
  for (const char* purpose : {"is a CA certificate", "key usage", "keyUsage", "extendedKeyUsage",
                              "certificatePolicies", "carries none of"})
    if (reason.find(purpose) != std::string::npos) return "wrong_certificate_purpose";
  return "certificate_untrusted";
}

}  // namespace

HttpResponse CollectorApp::cast_ballot(const HttpRequest& request) {
  // 1. The election is open. Until the organizer's open/close commands
  // exist, open means: now inside the config's voting period.
  const std::int64_t at = now();
  if (at < election_.config.voting_start)
    return error_response(403, "election_not_open", "voting has not started");
  if (at >= election_.config.voting_end)
    return error_response(403, "election_closed", "voting has ended");

  // 2. The session.
  HttpResponse refusal;
  const std::optional<std::string> voter_id = session_voter(request, refusal);
  if (!voter_id) return refusal;

  // 3. Canonical signed ballot (size and completeness: the HTTP layer).
  protocol::SignedBallot signed_ballot;
  try {
    signed_ballot = protocol::decode_signed_ballot(crypto::as_bytes(request.body));
  } catch (const std::exception& e) {
    return error_response(400, "bad_ballot", e.what());
  }

  // 4. The ballot and its certificate are the session's voter's.
  if (signed_ballot.ballot.voter_id != *voter_id)
    return error_response(403, "signer_not_voter",
                          "the ballot's voter_id is not the logged-in voter");
  const std::int64_t check_time = certificate_time();
  const crypto::VoterCertificateResult certificate = crypto::verify_voter_certificate(
      voter_cas_, signed_ballot.certificate, signed_ballot.intermediates,
      static_cast<std::time_t>(check_time), crypto::CertificatePurpose::document_signing,
      election_.config.voter_certificate_policies);
  if (certificate.signer.subject_serial_number !=
      std::string(protocol::kVoterSerialPrefix) + *voter_id)
    return error_response(403, "signer_not_voter",
                          "the signing certificate's serialNumber is not the logged-in voter's");

  // 5. Eligible in the list in force.
  {  // a pooled connection for steps 5-10, given back before waiting for the commit
    auto connection = pool_.acquire();
    const std::optional<ListedVoter> voter = find_voter(*connection, *voter_id);
    if (!voter)
      return error_response(403, "not_eligible",
                            "not on the voter list (version " +
                                std::to_string(voter_list_state(*connection).version) + ")");

    // 6, 7. Contests of the district, group members, proofs.
    const crypto::Verdict content =
        protocol::check_ballot(election_.config, signed_ballot.ballot, *voter_id, voter->district);
    if (!content) return error_response(400, ballot_check_code(content.reason), content.reason);

    // 8. The voter's signature at the certificate-check time.
    if (!certificate.verdict)
      return error_response(403, certificate_check_code(certificate.verdict.reason),
                            certificate.verdict.reason);
    const crypto::Verdict signature = protocol::check_signed_ballot(
        election_.config, signed_ballot, static_cast<std::time_t>(check_time), voter_cas_);
    if (!signature) return error_response(400, "bad_signature", signature.reason);

    // 9. OCSP: not yet wired (no response is stored).

    // 10. Re-vote limits, counted from the ballots table.
    const pg::Result counts = connection->exec_prepared(
        "ballots_rate",
        "SELECT count(*) FILTER (WHERE received > $2::bigint - 60), "
        "count(*) FILTER (WHERE received > $2::bigint - 86400) FROM ballots WHERE voter_id = $1",
        {*voter_id, at});
    if (counts.integer(0, 0) >= election_.config.revotes_per_minute)
      return error_response(
          429, "rate_limited",
          "at most " + std::to_string(election_.config.revotes_per_minute) + " ballots a minute");
    if (counts.integer(0, 1) >= election_.config.revotes_per_day)
      return error_response(
          429, "rate_limited",
          "at most " + std::to_string(election_.config.revotes_per_day) + " ballots a day");
  }

  NewBallot ballot;
  ballot.vote_id = crypto::random_bytes(protocol::kVoteIdBytes);
  ballot.time = at;
  ballot.voter_id = *voter_id;
  ballot.signed_ballot = crypto::Bytes(request.body.begin(), request.body.end());
  const crypto::Bytes vote_id = ballot.vote_id;
  const LoggedEntry entry = committer_->submit(std::move(ballot)).get();

  protocol::Receipt receipt;
  receipt.election_id = election_.config.election_id;
  receipt.vote_id = vote_id;
  receipt.time = at;
  receipt.sequence = entry.sequence;
  receipt.ballot_hash = entry.ballot_hash;
  receipt.log_head = entry.log_head;
  protocol::sign_receipt(receipt, signing_key_);
  const crypto::Bytes body = protocol::encode_receipt(receipt);
  return {200, std::string(body.begin(), body.end())};
}

}  // namespace evote::collector
