// The second device's check of a vote (specs/voter-app.md, "Checking a
// vote"): given the verification code the voting app showed, fetch the
// ballot from the collector named in the code and show what it holds.
//
//   VoteCheck check = check_vote(settings, code_text);   // blocks; throws VoteCheckError
//
// In this order (each failure is a VoteCheckError whose problem() says
// which refusal it is and whose message names what is wrong):
//   1. the code parses (malformed);
//   2. the code's collector serves an election config signed by the
//      settings' organizer key, whose collector TLS certificate is the one
//      presented; it is pinned (untrusted; unreachable for network, TLS,
//      timeout);
//   3. the code's election id is the config's (wrong_election);
//   4. GET /v1/ballots/<vote id> answers (not_available: unknown, expired
//      or used up, the message naming the config's verification limits);
//   5. the receipt is signed by the config's collector key for this
//      election, its ballot_hash is the hash of the signed ballot, its vote
//      id is the code's; the voter's signature and certificate chain check
//      against the config's voter CAs at the receipt's time and the
//      certificate's serialNumber is the ballot's voter (bad_signature);
//   6. the code's randomness re-encrypts every ciphertext of the ballot
//      to one of its contest's codes (does_not_match).
//
// The code text is a secret (the randomness reads the vote): check_vote
// never puts it in a message or a log; the caller wipes its own copy
// (wipe_text). Blocking (network): run it on a worker thread in a GUI. A
// QCoreApplication must exist.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/voter/app_settings.hpp"
#include "evote/voter/collector_client.hpp"

namespace evote::voter {

enum class CheckProblem {
  malformed,       // the code does not parse (which part is named)
  wrong_election,  // the code's election id is not the one its collector serves
  not_available,   // the collector has no ballot for the vote id: unknown, expired, used up
  bad_signature,   // the receipt, ballot hash, vote id or voter signature does not check
  does_not_match,  // the randomness does not re-encrypt the ballot's ciphertexts
  untrusted,       // the collector's config is not the organizer's, or its TLS certificate
  unreachable,     // network, TLS or timeout talking to the collector
  failed,          // anything else (a collector answer that cannot be read, ...)
};

// "malformed", "not_available", ... (for the CLI and logs).
std::string_view to_string(CheckProblem problem);

class VoteCheckError : public std::runtime_error {
 public:
  VoteCheckError(CheckProblem problem, const std::string& message)
      : std::runtime_error(message), problem_(problem) {}
  CheckProblem problem() const { return problem_; }

 private:
  CheckProblem problem_;
};

// The steps check_vote reports as it goes (for a progress display).
enum class CheckStep { parsing, connecting, fetching, checking_signatures, reading_choices };
inline constexpr int kCheckSteps = 5;

struct CheckedChoice {
  std::uint64_t code = 0;  // >= 2
  protocol::Names names;
};

struct CheckedContest {
  std::string id;
  protocol::ContestType type = protocol::ContestType::single_choice;
  protocol::Names names;
  // The ballot row's codes in slot order (ranked: rank order), blank slots
  // as protocol::kBlankCode.
  std::vector<std::uint64_t> slot_codes;
  // The non-blank slots with their names, in slot order. Empty: voted blank.
  std::vector<CheckedChoice> chosen;
  bool blank() const { return chosen.empty(); }
};

struct VoteCheck {
  std::string election_id;
  protocol::Names election_names;
  std::string collector_url;
  crypto::Bytes vote_id;  // 16 bytes
  // From the signing certificate's subject (trusted: its chain checked).
  std::string signer_name;           // "MARI-LIIS MÄNNIK" from CN "MÄNNIK,MARI-LIIS,3800..."
  std::string signer_personal_code;  // serialNumber without "PNOEE-" (= the ballot's voter id)
  std::string signer_common_name;    // the CN as it is
  std::int64_t receipt_time = 0;     // UTC seconds the collector accepted the ballot
  std::uint64_t receipt_sequence = 0;
  std::uint32_t verify_count = 0;  // the config's verification limits
  std::uint32_t verify_minutes = 0;
  std::vector<CheckedContest> contests;  // ballot order
};

// The name to show for a certificate's CN: "GIVEN SURNAME" when it has the
// Estonian form "SURNAME,GIVEN,PERSONAL CODE", otherwise the CN itself.
std::string signer_name_of(std::string_view common_name);

// Checks the code as the header comment says. `settings` gives the
// organizer key (its collector_url is not used: the code names the
// collector). `progress`, when set, is called before each step, on the
// calling thread.
VoteCheck check_vote(const AppSettings& settings, std::string_view code_text,
                     const std::function<void(CheckStep)>& progress = {},
                     std::chrono::milliseconds request_timeout = kDefaultRequestTimeout);

}  // namespace evote::voter
