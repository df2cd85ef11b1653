#include "entry_check.hpp"

#include "evote/protocol/ballot.hpp"
#include "evote/protocol/list_document.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/utc_time.hpp"

namespace evote::tally {

namespace {

EntryVerdict reject(std::string reason, std::string detail) {
  return EntryVerdict{std::move(reason), std::move(detail), {}};
}

}  // namespace

EntryVerdict check_entry(const EntryCheckContext& context, const protocol::LoggedBallot& logged) {
  const protocol::ElectionConfig& config = context.config;
  const protocol::BallotBoxEntry& entry = logged.entry;

  // 3. Inside the voting period, as the collector's own rule: start <= time < end.
  if (entry.time < config.voting_start || entry.time >= config.voting_end) {
    return reject("outside_voting_period", "accepted at " + protocol::format_utc(entry.time) +
                                               ", outside the voting period " +
                                               protocol::format_utc(config.voting_start) + " to " +
                                               protocol::format_utc(config.voting_end));
  }

  // 4. Eligible in the voter list version in force at that time.
  const std::uint64_t version = protocol::voter_list_version_at(context.voter_lists, entry.time);
  const auto code = protocol::PersonalCode::parse(entry.voter_id);
  const auto district = code ? context.history.district_at(*code, version) : std::nullopt;
  if (!district) {
    return reject("not_eligible", "not on voter list version " + std::to_string(version) +
                                      " (in force at " + protocol::format_utc(entry.time) + ")");
  }

  // 5. Content: the district's contests, group members, ballot proofs.
  const crypto::Verdict content =
      protocol::check_ballot(config, logged.signed_ballot.ballot, entry.voter_id, *district);
  if (!content) return reject("bad_ballot", content.reason);

  // 6. The voter's signature and certificate (chain, purpose, policies, serialNumber).
  const std::time_t chain_time =
      context.certificate_time.value_or(static_cast<std::time_t>(entry.time));
  const crypto::Verdict signature =
      protocol::check_signed_ballot(config, logged.signed_ballot, chain_time, context.cas);
  if (!signature) return reject("bad_signature", signature.reason);

  // 7. The OCSP response the collector stored: good at the entry's time.
  if (entry.ocsp_response.empty()) {
    return reject("no_certificate_status",
                  "the collector stored no OCSP response with this ballot");
  }
  const collector::auth::OcspResult status = collector::auth::check_stored_ocsp_response(
      entry.ocsp_response, logged.signed_ballot.certificate, context.ocsp_trust,
      static_cast<std::time_t>(entry.time));
  if (!status) {
    return reject("bad_certificate_status",
                  std::string(collector::auth::to_string(status.failure)) + ": " + status.message);
  }
  if (status.status == collector::auth::CertStatus::revoked) {
    return reject("certificate_revoked", "the stored OCSP response says revoked at " +
                                             protocol::format_utc(status.revocation_time));
  }
  if (status.status != collector::auth::CertStatus::good) {
    return reject("certificate_unknown",
                  "the stored OCSP response says the certificate is unknown");
  }
  return EntryVerdict{{}, {}, std::string(*district)};
}

}  // namespace evote::tally
