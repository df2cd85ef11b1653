#include "evote/voter/vote_check.hpp"

#include <optional>

#include "answer_json.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/voter/verification_code.hpp"
#include "evote/voter/voter_error.hpp"
#include "evote/voter/voting_session.hpp"

namespace evote::voter {
namespace {

[[noreturn]] void refuse(CheckProblem problem, const std::string& message) {
  throw VoteCheckError(problem, message);
}

// A failure of the core's collector steps, as the refusal it is.
[[noreturn]] void refuse_voter_error(const VoterError& e, const protocol::ElectionConfig* config) {
  switch (e.kind()) {
    case ErrorKind::network:
    case ErrorKind::timeout:
    case ErrorKind::tls:
      refuse(CheckProblem::unreachable, std::string("cannot reach the collector: ") + e.what());
    case ErrorKind::certificate_pin:
    case ErrorKind::config_untrusted:
      refuse(CheckProblem::untrusted, std::string("the collector is not trusted: ") + e.what());
    case ErrorKind::malformed_code:
      refuse(CheckProblem::malformed, e.what());
    case ErrorKind::collector_refused:
      if (e.collector_code() == "not_available" && config != nullptr)
        refuse(CheckProblem::not_available,
               "the collector has no ballot to show for this verification code: it is unknown, "
               "expired (older than " +
                   std::to_string(config->verify_minutes) +
                   " minutes, the election's verification.minutes) or used up (already verified " +
                   std::to_string(config->verify_count) +
                   " times, the election's verification.count)");
      refuse(CheckProblem::failed,
             std::string("the collector refused: ") + e.collector_code() + ": " + e.what());
    default:
      refuse(CheckProblem::failed, e.what());
  }
}

void report(const std::function<void(CheckStep)>& progress, CheckStep step) {
  if (progress) progress(step);
}

// The config of the code's collector, checked by the voting session's own
// connect() (organizer signature, collector certificate as presented).
protocol::ElectionConfig trusted_config(const AppSettings& settings, const VerificationCode& code,
                                        std::chrono::milliseconds timeout) {
  AppSettings at_code = settings;
  at_code.collector_url = code.collector_url;
  try {
    VotingSession session(std::move(at_code), timeout);
    session.connect();
    return session.config();
  } catch (const VoterError& e) {
    refuse_voter_error(e, nullptr);
  }
}

struct FetchedBallot {
  protocol::Receipt receipt;
  crypto::Bytes signed_ballot_bytes;
  protocol::SignedBallot signed_ballot;
};

FetchedBallot fetch_ballot(const protocol::ElectionConfig& config, const VerificationCode& code,
                           std::chrono::milliseconds timeout) {
  const std::string what = "GET /v1/ballots/<vote id>";
  crypto::Bytes body;
  try {
    CollectorClient client(code.collector_url, timeout);
    client.pin(config.collector->tls_certificate);
    body = client.get("/v1/ballots/" + protocol::base64url_encode(code.vote_id));
  } catch (const VoterError& e) {
    refuse_voter_error(e, &config);
  }
  FetchedBallot fetched;
  try {
    const protocol::Json answer = parse_answer(body, what);
    read_answer([&] {
      const protocol::ObjectReader reader(answer, what);
      reader.allow_only({"receipt", "signed_ballot"});
      fetched.receipt = protocol::receipt_from_json(reader.raw("receipt"), what + ": receipt");
      fetched.signed_ballot_bytes = reader.binary("signed_ballot");
      fetched.signed_ballot =
          protocol::decode_signed_ballot(fetched.signed_ballot_bytes, what + ": signed_ballot");
    });
  } catch (const VoterError& e) {
    refuse(CheckProblem::failed, std::string("the collector's answer cannot be read: ") + e.what());
  }
  return fetched;
}

// Step 5: the receipt and the voter's signature; the signer's subject.
crypto::SignerInfo check_signatures(const protocol::ElectionConfig& config,
                                    const VerificationCode& code, const FetchedBallot& fetched) {
  const protocol::Receipt& receipt = fetched.receipt;
  if (const crypto::Verdict v = protocol::verify_receipt(config, receipt); !v)
    refuse(CheckProblem::bad_signature,
           "the receipt is not signed by the election's collector key: " + v.reason);
  if (receipt.ballot_hash != protocol::ballot_hash(fetched.signed_ballot_bytes))
    refuse(CheckProblem::bad_signature,
           "the receipt's ballot_hash is not the hash of the signed ballot the collector sent");
  if (receipt.vote_id != code.vote_id)
    refuse(CheckProblem::bad_signature,
           "the collector answered with the receipt of another vote id than the code's");
  std::optional<crypto::TrustedCas> cas;
  try {
    cas.emplace(config.voter_ca_certificates);
  } catch (const std::exception& e) {
    refuse(CheckProblem::untrusted, std::string("the election's voter CAs: ") + e.what());
  }
  const std::time_t at = static_cast<std::time_t>(receipt.time);
  if (const crypto::Verdict v =
          protocol::check_signed_ballot(config, fetched.signed_ballot, at, *cas);
      !v)
    refuse(CheckProblem::bad_signature, "the voter's signature does not check: " + v.reason);
  const protocol::SignedBallot& s = fetched.signed_ballot;
  return crypto::verify_voter_certificate(*cas, s.certificate, s.intermediates, at,
                                          crypto::CertificatePurpose::document_signing,
                                          config.voter_certificate_policies)
      .signer;
}

// Step 6: the codes the randomness reads from each ciphertext.
std::vector<std::vector<std::uint64_t>> read_choices(const protocol::ElectionConfig& config,
                                                     const VerificationCode& code,
                                                     const protocol::Ballot& ballot) {
  std::vector<std::size_t> widths;
  for (const protocol::BallotContest& row : ballot.contests)
    widths.push_back(row.ciphertexts.size());
  try {
    const crypto::ScalarField& field = crypto::group_by_name(config.group).scalars();
    return recover_choices(config, ballot, split_randomness(code.randomness, field, widths));
  } catch (const VoterError& e) {
    if (e.kind() == ErrorKind::malformed_code)
      refuse(CheckProblem::does_not_match,
             std::string("the verification code does not match the ballot the collector holds "
                         "for its vote id (") +
                 e.what() + ")");
    refuse_voter_error(e, &config);
  }
}

std::vector<CheckedContest> named_contests(const protocol::ElectionConfig& config,
                                           const protocol::Ballot& ballot,
                                           const std::vector<std::vector<std::uint64_t>>& codes) {
  std::vector<CheckedContest> contests;
  for (std::size_t i = 0; i < ballot.contests.size(); ++i) {
    const protocol::Contest& contest = *config.find_contest(ballot.contests[i].contest_id);
    CheckedContest checked{contest.id, contest.type, contest.names, codes[i], {}};
    for (std::uint64_t slot : codes[i]) {
      if (slot == protocol::kBlankCode) continue;
      for (const protocol::Choice& choice : contest.choices)
        if (choice.code == slot) checked.chosen.push_back({slot, choice.names});
    }
    contests.push_back(std::move(checked));
  }
  return contests;
}

}  // namespace

std::string_view to_string(CheckProblem problem) {
  switch (problem) {
    case CheckProblem::malformed:
      return "malformed";
    case CheckProblem::wrong_election:
      return "wrong_election";
    case CheckProblem::not_available:
      return "not_available";
    case CheckProblem::bad_signature:
      return "bad_signature";
    case CheckProblem::does_not_match:
      return "does_not_match";
    case CheckProblem::untrusted:
      return "untrusted";
    case CheckProblem::unreachable:
      return "unreachable";
    case CheckProblem::failed:
      return "failed";
  }
  return "unknown";
}

std::string signer_name_of(std::string_view common_name) {
  std::vector<std::string_view> parts;
  std::string_view rest = common_name;
  for (std::size_t comma = rest.find(','); comma != std::string_view::npos;
       comma = rest.find(',')) {
    parts.push_back(rest.substr(0, comma));
    rest.remove_prefix(comma + 1);
  }
  parts.push_back(rest);
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty()) return std::string(common_name);
  return std::string(parts[1]) + " " + std::string(parts[0]);
}

VoteCheck check_vote(const AppSettings& settings, std::string_view code_text,
                     const std::function<void(CheckStep)>& progress,
                     std::chrono::milliseconds request_timeout) {
  report(progress, CheckStep::parsing);
  VerificationCode code;
  try {
    code = parse_verification_code(code_text);
  } catch (const VoterError& e) {
    refuse(CheckProblem::malformed, e.what());
  }

  report(progress, CheckStep::connecting);
  const protocol::ElectionConfig config = trusted_config(settings, code, request_timeout);
  if (code.election_id != config.election_id)
    refuse(CheckProblem::wrong_election,
           "the verification code is for election \"" + code.election_id +
               "\", but its collector serves election \"" + config.election_id + "\"");

  report(progress, CheckStep::fetching);
  const FetchedBallot fetched = fetch_ballot(config, code, request_timeout);

  report(progress, CheckStep::checking_signatures);
  const crypto::SignerInfo signer = check_signatures(config, code, fetched);

  report(progress, CheckStep::reading_choices);
  const protocol::Ballot& ballot = fetched.signed_ballot.ballot;
  const std::vector<std::vector<std::uint64_t>> codes = read_choices(config, code, ballot);

  VoteCheck result;
  result.election_id = config.election_id;
  result.election_names = config.names;
  result.collector_url = code.collector_url;
  result.vote_id = code.vote_id;
  result.signer_common_name = signer.common_name;
  result.signer_name = signer_name_of(signer.common_name);
  result.signer_personal_code = ballot.voter_id;
  result.receipt_time = fetched.receipt.time;
  result.receipt_sequence = fetched.receipt.sequence;
  result.verify_count = config.verify_count;
  result.verify_minutes = config.verify_minutes;
  result.contests = named_contests(config, ballot, codes);
  return result;
}

}  // namespace evote::voter
