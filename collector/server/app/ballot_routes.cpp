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
//
// Step 5 reads the voter list version in force with the voter (one
// snapshot); the append re-checks the voter if another version came into
// force before the ballot was logged (NotEligible: 403 not_eligible), and
// may log it a little later than `at` (formats-ballots.md §6.2): the
// receipt carries the time logged.
//
// The OCSP answer (step 9) is mapped so: good goes on; revoked is
// certificate_revoked, unknown certificate_unknown (403: asking again will
// not help); no verified answer at all (responder down or slow, a bad or
// untrusted response, no responder or issuer configured) is 503
// certificate_status_unavailable, "<OcspFailure>: <the check's message>".
#include <chrono>
#include <nlohmann/json.hpp>

#include "app/collector_app.hpp"
#include "app/json_log.hpp"
#include "auth/openssl_helpers.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/utc_time.hpp"
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

// Asks the responder about the signing certificate at `at`; the call's
// outcome and time go to the metrics, and a failure (no verified answer) to
// the log, for the operators: the messages name the responder and what
// failed, never the certificate's subject.
auth::OcspResult check_status(const crypto::Bytes& certificate, const auth::OcspTrust& trust,
                              const auth::OcspOptions& options, std::int64_t at, Metrics& metrics) {
  const auto started = std::chrono::steady_clock::now();
  auth::OcspResult r =
      auth::check_certificate_status(certificate, trust, static_cast<std::time_t>(at), options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics.ocsp_checked(std::string(r ? auth::to_string(r.status) : auth::to_string(r.failure)),
                       seconds);
  if (!r)
    log_event("warning", "ocsp_unavailable",
              {{"failure", std::string(auth::to_string(r.failure))}, {"message", r.message}});
  return r;
}

}  // namespace

HttpResponse CollectorApp::cast_ballot(const HttpRequest& request) {
  // 1. The election is open: the organizer opened it and has not closed it
  // (the state is re-read at once when the cached one says otherwise, and
  // the append re-checks it in its transaction), and now is inside the
  // voting period.
  const std::int64_t at = now();
  const std::shared_ptr<const ServedConfig> election = served();
  const protocol::ElectionConfig& config = election->config;
  VotingState state = voting_state();
  if (state != VotingState::open) state = voting_state(true);
  if (state == VotingState::closed)
    return error_response(403, "election_closed", "voting has closed");
  if (at >= config.voting_end) return error_response(403, "election_closed", "voting has ended");
  if (state != VotingState::open)
    return error_response(403, "election_not_open", "voting has not been opened");
  if (at < config.voting_start)
    return error_response(403, "election_not_open", "voting has not started");

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
  // The serialNumber is read without checking the certificate (step 8 does,
  // with the signature, in one pass: each P-384 verification counts).
  const auth::detail::X509Ptr signer = auth::detail::parse_certificate(signed_ballot.certificate);
  const std::string signer_serial =
      signer ? auth::detail::name_entry(X509_get_subject_name(signer.get()), NID_serialNumber) : "";
  if (signer_serial != std::string(protocol::kVoterSerialPrefix) + *voter_id)
    return error_response(403, "signer_not_voter",
                          "the signing certificate's serialNumber is not the logged-in voter's");

  // 5. Eligible in the list in force. The pooled connection is given back
  // before the checks that need none, above all before the OCSP call: a slow
  // responder must not hold the database's connections.
  VoterInForce checked;
  {
    auto connection = pool_.acquire();
    checked = find_voter_in_force(*connection, *voter_id);
    if (!checked.voter)
      return error_response(
          403, "not_eligible",
          "not on the voter list (version " + std::to_string(checked.version) + ")");
    // 5a. Not a replay: a signed ballot already in the log (say an older
    // ballot sent again after a re-vote, to make it count) is refused.
    const pg::Result earlier = connection->exec_prepared(
        "ballots_by_hash", "SELECT sequence FROM ballots WHERE ballot_hash = $1 LIMIT 1",
        {pg::Param::bytes(protocol::ballot_hash(crypto::as_bytes(request.body)))});
    if (earlier.rows() == 1)
      return error_response(409, "replayed_ballot",
                            "this signed ballot is already in the log (sequence " +
                                std::to_string(earlier.integer(0, 0)) +
                                "); a new vote needs a new ballot");
  }

  // 6, 7. Contests of the district, group members, proofs.
  const crypto::Verdict content =
      protocol::check_ballot(config, signed_ballot.ballot, *voter_id, checked.voter->district);
  if (!content) return error_response(400, ballot_check_code(content.reason), content.reason);

  // 8. The certificate (chain, purpose, policies) and the voter's signature
  // at the certificate-check time: the checks of protocol::check_signed_ballot
  // (the election id and the serialNumber were checked above), in one pass.
  const crypto::VoterSignatureResult signature = crypto::verify_voter_signature(
      election->voter_cas, signed_ballot.certificate, signed_ballot.intermediates,
      signed_ballot.ballot_bytes, signed_ballot.signature,
      static_cast<std::time_t>(certificate_time()), crypto::CertificatePurpose::document_signing,
      config.voter_certificate_policies);
  if (!signature.verdict) {
    const std::string& reason = signature.verdict.reason;
    if (reason.rfind("voter signature", 0) == 0)
      return error_response(400, "bad_signature", "signed ballot: " + reason);
    return error_response(403, certificate_check_code(reason), reason);
  }

  // 9. The signing certificate's status by OCSP, at the ballot's time `at`
  // (the real clock, even when the settings' clock is fixed: the responder
  // answers with its own now, and the stored response must pass the tally's
  // re-check at the ballot's time, collector-auth.md §4.7). Before the limits
  // of step 10, as the spec orders them, so that the count is taken as close
  // to the commit as it can be; a voter over the limit costs a responder call.
  const auth::OcspResult status =
      check_status(signed_ballot.certificate, election->ocsp_trust, ocsp_options_, at, metrics_);
  if (!status)
    return error_response(503, "certificate_status_unavailable",
                          std::string(auth::to_string(status.failure)) + ": " + status.message);
  if (status.status == auth::CertStatus::revoked)
    return error_response(403, "certificate_revoked",
                          "the signing certificate was revoked at " +
                              protocol::format_utc(status.revocation_time) + " (OCSP responder " +
                              status.responder_url + ")");
  if (status.status != auth::CertStatus::good)
    return error_response(
        403, "certificate_unknown",
        "the OCSP responder " + status.responder_url + " does not know the signing certificate");

  // 10. Re-vote limits, counted from the ballots table.
  {
    auto connection = pool_.acquire();
    const pg::Result counts = connection->exec_prepared(
        "ballots_rate",
        "SELECT count(*) FILTER (WHERE received > $2::bigint - 60), "
        "count(*) FILTER (WHERE received > $2::bigint - 86400) FROM ballots WHERE voter_id = $1",
        {*voter_id, at});
    if (counts.integer(0, 0) >= config.revotes_per_minute)
      return error_response(
          429, "rate_limited",
          "at most " + std::to_string(config.revotes_per_minute) + " ballots a minute");
    if (counts.integer(0, 1) >= config.revotes_per_day)
      return error_response(429, "rate_limited",
                            "at most " + std::to_string(config.revotes_per_day) + " ballots a day");
  }

  NewBallot ballot;
  ballot.vote_id = crypto::random_bytes(protocol::kVoteIdBytes);
  ballot.time = at;
  ballot.voter_id = *voter_id;
  ballot.signed_ballot = crypto::Bytes(request.body.begin(), request.body.end());
  ballot.ocsp_response = status.response;  // the DER exactly as the responder sent it
  ballot.voter_list_version = checked.version;
  ballot.district = checked.voter->district;
  const crypto::Bytes vote_id = ballot.vote_id;
  LoggedEntry entry;
  try {
    entry = committer_->submit(std::move(ballot)).get();
  } catch (const VotingNotOpen& e) {  // closed while this ballot was being checked
    return error_response(403, e.closed() ? "election_closed" : "election_not_open", e.what());
  } catch (const NotEligible& e) {  // the voter list changed while it was being checked
    return error_response(403, "not_eligible", e.what());
  }

  protocol::Receipt receipt;
  receipt.election_id = config.election_id;
  receipt.vote_id = vote_id;
  receipt.time = entry.time;
  receipt.sequence = entry.sequence;
  receipt.ballot_hash = entry.ballot_hash;
  receipt.log_head = entry.log_head;
  protocol::sign_receipt(receipt, signing_key_);
  const crypto::Bytes body = protocol::encode_receipt(receipt);
  return {200, std::string(body.begin(), body.end())};
}

}  // namespace evote::collector
