#include "collector_load/voters.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "auth/base64.hpp"
#include "auth/personal_code.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/signed_ballot.hpp"

namespace evote::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs job(i) for i in [0, count) on `threads` threads; the first exception is rethrown.
template <typename Job>
void parallel_for(std::size_t count, unsigned threads, const Job& job) {
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(threads);
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      try {
        for (std::size_t i = t; i < count; i += threads) job(i);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (auto& thread : pool) thread.join();
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace

std::string personal_code(std::size_t i) {
  const std::size_t serial = i % 1000;
  const std::size_t day = i / 1000;  // 28 birth dates a month, 336 a year
  const std::size_t year = 60 + day / 336, month = 1 + (day / 28) % 12, dom = 1 + day % 28;
  if (year > 99) throw std::invalid_argument("personal_code: at most 13,440,000 voters");
  char first_ten[11];
  std::snprintf(first_ten, sizeof first_ten, "3%02zu%02zu%02zu%03zu", year, month, dom, serial);
  const auto check = collector::auth::personal_code_check_digit(first_ten);
  return std::string(first_ten) + static_cast<char>('0' + *check);
}

VoterMaterial make_voter_material(const testing::TestElection& election,
                                  const protocol::ElectionConfig& config, std::size_t voters,
                                  std::size_t ballots, std::size_t ballots_per_login,
                                  unsigned threads) {
  using testing::KeyType;
  VoterMaterial m;
  auto started = Clock::now();
  // Keys are shared by several voters' certificates: the collector's work
  // per certificate does not depend on it, and it halves the preparation.
  std::vector<testing::TestKey> auth_keys, signing_keys;
  for (int k = 0; k < 16; ++k) {
    auth_keys.push_back(testing::TestKey::generate(KeyType::ec_p384));
    signing_keys.push_back(testing::TestKey::generate(KeyType::ec_p384));
  }
  const testing::TestCertificate none(nullptr, auth_keys[0]);
  m.voters.resize(voters, Voter{"", "", none, "", none});
  parallel_for(voters, threads, [&](std::size_t i) {
    Voter& v = m.voters[i];
    v.code = personal_code(i);
    v.district = i % 2 == 0 ? "d1" : "d2";
    const std::string name = "TEST,VOTER," + v.code;
    v.auth = testing::issue_certificate(election.voter_pki.intermediate, auth_keys[i % 16],
                                        testing::leaf_options("PNOEE-" + v.code, name));
    v.auth_certificate_base64 = collector::auth::encode_base64(v.auth.der());
    v.signing = testing::issue_certificate(
        election.voter_pki.intermediate, signing_keys[i % 16],
        testing::leaf_options("PNOEE-" + v.code, name, testing::ku_non_repudiation));
  });
  m.certificate_seconds = seconds_since(started);

  started = Clock::now();
  m.ballots.resize(ballots);
  parallel_for(ballots, threads, [&](std::size_t i) {
    PreparedBallot& b = m.ballots[i];
    b.voter = (i / ballots_per_login) % voters;
    const Voter& v = m.voters[b.voter];
    const protocol::Ballot ballot = protocol::make_ballot(config, v.code, v.district, {}).ballot;
    const crypto::Bytes bytes =
        protocol::encode_signed_ballot(election.sign_like_card(v.signing, ballot));
    b.body.assign(bytes.begin(), bytes.end());
    b.hash = protocol::ballot_hash(bytes);
  });
  m.ballot_seconds = seconds_since(started);
  return m;
}

std::string voter_list_tsv(const std::vector<Voter>& voters) {
  std::string tsv;
  for (const Voter& v : voters)
    tsv += "add\t" + v.code + "\tTest Voter " + v.code + "\t" + v.district + "\n";
  return tsv;
}

}  // namespace evote::bench
