// A generated election for the tally tests: a signed config with a tally
// key and two mix servers, voters with card-style certificates from a test
// PKI, signed ballots with real OCSP responses from `openssl ocsp`, voter
// list change sets and a ballot box export; and running evote-tally on it.
// Header-only: included by the tests of this folder.
#pragma once

#include <array>
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "auth/ocsp.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/voter_list.hpp"
#include "support/ocsp_responder.hpp"
#include "support/run_program.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"

namespace evote::tally_test {

namespace fs = std::filesystem;

inline const std::string kTally = EVOTE_TALLY_BIN;

struct Run {
  int status = -1;
  std::string output;
  bool has(const std::string& text) const { return output.find(text) != std::string::npos; }
};

inline Run run(const std::string& command) {
  const testing::ProgramRun r = testing::run_program(command);
  return {r.status, r.output};
}

inline std::string q(const fs::path& p) { return testing::shell_quote(p); }

// A voter: personal code and card.
struct Voter {
  std::string id;
  testing::TestCertificate card;
};

// One ballot cast: who, when, what (for the expected results), and how the
// entry is spoiled, if it is.
struct Cast {
  std::string voter;
  std::int64_t time;
  protocol::SignedBallot signed_ballot;
  crypto::Bytes ocsp;
  std::string district;
  protocol::Selections selections;
};

class Election {
 public:
  // `adjust` may change the config before it is signed (say, another
  // election key and trustees from a real key ceremony).
  explicit Election(std::string_view group,
                    const std::function<void(protocol::ElectionConfig&)>& adjust = {})
      : base_(testing::make_test_election(group)), responder_(base_.voter_pki) {
    now_ = std::time(nullptr);
    config_ = base_.config;
    config_.voting_start = now_ - 3600;
    config_.voting_end = now_ + 3600;
    config_.mix_servers = {{"Mix A", mix_keys_[0].public_key()},
                           {"Mix B", mix_keys_[1].public_key()}};
    config_.tally_key = tally_key_.public_key();
    if (adjust) adjust(config_);
    // The issuing CA too: OCSP responses are checked against it (as the collector does).
    for (const auto& ca : base_.voter_pki.intermediates())
      config_.voter_ca_certificates.push_back(ca);
    protocol::Json doc = protocol::to_json(config_);
    protocol::sign_document(doc, base_.organizer_key);
    config_bytes_ = protocol::canonical_bytes(doc);
    config_hash_ = protocol::config_hash(config_bytes_);
    testing::write_whole_file(config_path(), config_bytes_);
    testing::write_whole_file(dir_ / "passphrase.txt", crypto::as_bytes("tally passphrase\n"));
    protocol::save_canonical(
        key_path(),
        protocol::to_json(protocol::seal_signing_key(tally_key_, "tally", "tally passphrase",
                                                     crypto::Argon2Cost::interactive())),
        protocol::WriteMode::new_public());
    for (std::size_t k = 0; k < mix_keys_.size(); ++k) {
      protocol::save_canonical(mix_key_path(k + 1),
                               protocol::to_json(protocol::seal_signing_key(
                                   mix_keys_[k], "mix-" + std::to_string(k + 1), "tally passphrase",
                                   crypto::Argon2Cost::interactive())),
                               protocol::WriteMode::new_public());
    }
  }

  const protocol::ElectionConfig& config() const { return config_; }
  const crypto::Bytes& config_hash() const { return config_hash_; }
  // Mix server k's sealed key (k = 1, 2); the passphrase is passphrase_path()'s.
  fs::path mix_key_path(std::size_t k) const {
    return dir_ / ("mix-" + std::to_string(k) + ".key");
  }
  fs::path passphrase_path() const { return dir_ / "passphrase.txt"; }
  const crypto::Ed25519SigningKey& tally_signing_key() const { return tally_key_; }
  const testing::TestElection& base() const { return base_; }
  fs::path config_path() const { return dir_ / "config.json"; }
  fs::path key_path() const { return dir_ / "tally.key"; }
  fs::path tally_dir() const { return dir_ / "tally"; }
  fs::path path(const std::string& name) const { return dir_ / name; }
  std::int64_t now() const { return now_; }
  testing::OcspResponder& responder() { return responder_; }

  Voter voter(const std::string& id) {
    Voter v{id, base_.issue_voter_certificate(id)};
    responder_.add_good(v.card);
    return v;
  }

  // The signed ballot of `v` for `district`, with an OCSP response got now.
  Cast cast(const Voter& v, std::int64_t time, const std::string& district,
            protocol::Selections selections) {
    const protocol::MadeBallot made = protocol::make_ballot(config_, v.id, district, selections);
    return finish_cast(v, time, district, std::move(selections), made.ballot, v.card);
  }

  Cast finish_cast(const Voter& v, std::int64_t time, const std::string& district,
                   protocol::Selections selections, const protocol::Ballot& ballot,
                   const testing::TestCertificate& signer) {
    Cast c{v.id, time, base_.sign_like_card(signer, ballot), {}, district, std::move(selections)};
    const collector::auth::OcspTrust trust(config_.voter_ca_certificates);
    collector::auth::OcspOptions options;
    options.responder_url = responder_.url();
    const collector::auth::OcspResult status =
        collector::auth::check_certificate_status(signer.der(), trust, std::time(nullptr), options);
    BOOST_REQUIRE_MESSAGE(static_cast<bool>(status), status.message);
    c.ocsp = status.response;
    return c;
  }

  protocol::VoterListChanges change_set(
      std::uint64_t sequence, const protocol::ChangeSetHash& previous,
      const std::function<void(protocol::VoterChangeList&)>& fill) const {
    protocol::VoterListChanges set;
    set.election_id = config_.election_id;
    set.sequence = sequence;
    set.previous = previous;
    fill(set.changes);
    protocol::sign(set, base_.organizer_key);
    return set;
  }

  void write_box(const fs::path& path, const std::vector<Cast>& casts,
                 const std::vector<protocol::VoterListVersion>& voter_lists) const {
    protocol::BallotBoxWriter writer(path,
                                     protocol::BallotBoxHeader{config_.election_id, config_hash_});
    std::uint64_t sequence = 0;
    for (const Cast& c : casts) {
      protocol::BallotBoxEntry e;
      e.sequence = ++sequence;
      e.vote_id = crypto::random_bytes(16);
      e.time = c.time;
      e.voter_id = c.signed_ballot.ballot.voter_id;
      e.signed_ballot = protocol::encode_signed_ballot(c.signed_ballot);
      e.ocsp_response = c.ocsp;
      writer.append(e);
    }
    writer.finish(base_.collector_key, voter_lists);
  }

  std::string tally(const std::string& step, const std::string& extra = "") const {
    return kTally + " " + step + " --config " + q(config_path()) + " --dir " + q(tally_dir()) +
           " --key " + q(key_path()) + " --passphrase-file " + q(dir_ / "passphrase.txt") + " " +
           extra;
  }

 private:
  testing::TestElection base_;
  testing::OcspResponder responder_;
  testing::TempFolder dir_;
  crypto::Ed25519SigningKey tally_key_ = crypto::Ed25519SigningKey::generate();
  std::array<crypto::Ed25519SigningKey, 2> mix_keys_ = {crypto::Ed25519SigningKey::generate(),
                                                        crypto::Ed25519SigningKey::generate()};
  protocol::ElectionConfig config_;
  crypto::Bytes config_bytes_, config_hash_;
  std::int64_t now_ = 0;
};

inline crypto::Bytes hash_bytes(const protocol::VoterListChanges& set) {
  const protocol::ChangeSetHash h = protocol::change_set_hash(set);
  return crypto::Bytes(h.begin(), h.end());
}

inline std::vector<std::string> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// reason of each rejected sequence, from rejected.jsonl
inline std::map<std::uint64_t, std::string> rejected_reasons(const fs::path& path) {
  std::map<std::uint64_t, std::string> out;
  for (const std::string& line : read_lines(path)) {
    const protocol::Json j = protocol::Json::parse(line);
    out[j.at("sequence").get<std::uint64_t>()] = j.at("reason").get<std::string>();
  }
  return out;
}

// The decrypted rows of a batch file, as sorted code lists.
inline std::multiset<std::vector<std::uint64_t>> decrypt_batch(
    const Election& e, const fs::path& file,
    std::vector<std::vector<std::uint64_t>>* in_order = nullptr) {
  protocol::CiphertextFileReader reader(file);
  const crypto::Group& group = reader.group();
  const protocol::Contest* contest = e.config().find_contest(reader.header().contest_id);
  std::vector<std::uint64_t> codes = {protocol::kBlankCode};
  for (const auto& c : contest->choices) codes.push_back(c.code);
  const crypto::CodeTable table(group, codes);
  std::multiset<std::vector<std::uint64_t>> rows;
  while (true) {
    const auto chunk = reader.read_rows(64);
    if (chunk.empty()) break;
    for (const auto& row : chunk) {
      std::vector<std::uint64_t> values;
      for (const auto& c : row)
        values.push_back(crypto::decrypt_code(e.base().election_key.secret, c, table).value_or(0));
      if (in_order) in_order->push_back(values);
      rows.insert(values);
    }
  }
  return rows;
}

inline std::vector<std::uint64_t> row_of(const Election& e, const std::string& contest,
                                         const std::string& district,
                                         const std::vector<std::uint64_t>& selected) {
  return protocol::ballot_row_codes(e.config(), *e.config().find_contest(contest), district,
                                    selected);
}

}  // namespace evote::tally_test
