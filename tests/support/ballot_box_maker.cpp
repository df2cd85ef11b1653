// A generated election folder for the tally; see ballot_box_maker.hpp.
#include "support/ballot_box_maker.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>

#include "evote/crypto/groups.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/voter_list.hpp"
#include "support/ocsp_maker.hpp"
#include "support/test_pki.hpp"

namespace evote::testing {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::int64_t kDay = 24 * 60 * 60;
// A voter's re-votes come at most this long after their first ballot, so
// that the OCSP response of the first is fresh for all (at most 15 minutes).
constexpr std::uint32_t kRevoteWindowSeconds = 14 * 60;
constexpr std::size_t kMaxDistricts = 500;  // codes 1000·j + 1xx, 2xx stay below 999999
constexpr std::uint64_t kCouncilCandidates = 6;
constexpr std::uint64_t kMayorCandidates = 4;
constexpr std::size_t kChunkEntries = 4096;  // ballots made in parallel, then appended in order

constexpr const char* kFirstNames[] = {"Mari", "Jüri", "Tiit", "Õie",  "Mart",   "Kadri", "Oleg",
                                       "Ülle", "Anna", "Jaan", "Liis", "Ksenia", "Toomas"};
constexpr const char* kLastNames[] = {"Tamm",   "Saar",   "Sepp",  "Mägi", "Kask",
                                      "Kukk",   "Rebane", "Ilves", "Pärn", "Koppel",
                                      "Ivanov", "Lepik",  "Männik"};

std::uint32_t uniform(std::size_t bound) {
  return randombytes_uniform(static_cast<std::uint32_t>(bound));
}

// The (index)-th personal code: a birth date from 1935 on and a serial
// number, unique for the first 28,000,000 indices, with its check digit.
std::string personal_code(std::size_t index) {
  using namespace std::chrono;
  const std::size_t day = index % 28000, serial = index / 28000 % 1000;
  const year_month_day date{sys_days{year{1935} / January / 1} + days{day}};
  const int y = static_cast<int>(date.year());
  const int first = (y >= 2000 ? 5 : 3) + static_cast<int>(index % 2);
  char digits[12];
  std::snprintf(digits, sizeof digits, "%d%02d%02u%02u%03zu", first, y % 100,
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), serial);
  auto weighted = [&](int start) {
    int sum = 0;
    for (int k = 0; k < 10; ++k) sum += (digits[k] - '0') * ((start + k - 1) % 9 + 1);
    return sum % 11;
  };
  int check = weighted(1);
  if (check == 10) check = weighted(3) % 10;
  digits[10] = static_cast<char>('0' + check);
  digits[11] = '\0';
  return digits;
}

std::string district_id(std::size_t j) { return "d" + std::to_string(j + 1); }
std::uint64_t council_code(std::size_t j, std::uint64_t c) { return 1000 * (j + 1) + 100 + c; }
std::uint64_t mayor_code(std::size_t j, std::uint64_t c) { return 1000 * (j + 1) + 200 + c; }

std::string voter_name(std::size_t index) {
  constexpr std::size_t n_first = std::size(kFirstNames), n_last = std::size(kLastNames);
  return std::string(kFirstNames[index % n_first]) + " " + kLastNames[index / n_first % n_last];
}

protocol::Names names(const std::string& et) { return {{"et", et}}; }

std::vector<protocol::Contest> bench_contests(std::size_t districts) {
  protocol::Contest council{
      "council", protocol::ContestType::single_choice, 1, names("Volikogu"), {}};
  protocol::Contest mayor{"mayor", protocol::ContestType::ranked, 2, names("Linnapea"), {}};
  for (std::size_t j = 0; j < districts; ++j) {
    for (std::uint64_t c = 1; c <= kCouncilCandidates; ++c) {
      const std::uint64_t code = council_code(j, c);
      council.choices.push_back(
          {code, district_id(j), names(voter_name(code)), names("Nimekiri " + std::to_string(c))});
    }
    for (std::uint64_t c = 1; c <= kMayorCandidates; ++c) {
      const std::uint64_t code = mayor_code(j, c);
      mayor.choices.push_back({code, district_id(j), names(voter_name(code)), {}});
    }
  }
  return {council, mayor};
}

// A random ballot of district j: about 1 in 50 contests left blank.
protocol::Selections random_selections(std::size_t j) {
  protocol::Selections s;
  if (uniform(50) != 0) s["council"] = {council_code(j, 1 + uniform(kCouncilCandidates))};
  if (uniform(50) != 0) {
    const std::uint64_t first = 1 + uniform(kMayorCandidates);
    std::vector<std::uint64_t> ranks = {mayor_code(j, first)};
    if (uniform(2) == 0) ranks.push_back(mayor_code(j, 1 + (first + uniform(3)) % 4));
    s["mayor"] = ranks;
  }
  return s;
}

CertOptions with_validity(CertOptions options, std::int64_t from, std::int64_t to) {
  options.not_before = static_cast<std::time_t>(from);
  options.not_after = static_cast<std::time_t>(to);
  return options;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error(path.string() + ": cannot write");
}

// Times each phase for the PhaseTimer.
class PhaseClock {
 public:
  explicit PhaseClock(const PhaseTimer& timer) : timer_(timer) {}
  void done(const std::string& phase) {
    const auto now = Clock::now();
    if (timer_) timer_(phase, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  const PhaseTimer& timer_;
  Clock::time_point last_ = Clock::now();
};

struct VoterPlan {
  std::string code;
  std::uint32_t district = 0;  // index: district_id(district)
  std::uint32_t ballots = 1;   // 1 + re-votes
  std::int64_t first_time = 0;
  bool late = false;  // added by change set 2
};

struct EntryPlan {
  std::int64_t time = 0;
  std::uint32_t voter = 0;
  std::uint32_t nth = 0;  // the voter's nth ballot, from 0
};

// A voter's card: key, certificate, and the OCSP response the collector stored.
struct Card {
  std::optional<TestKey> key;
  crypto::Bytes certificate;
  crypto::Bytes ocsp;
};

}  // namespace

struct ElectionMaker::Plan {
  std::int64_t start = 0, end = 0;
  std::int64_t list_1_applied = 0, list_2_applied = 0;
  TestCertificate root, issuing;
  OcspMaker ocsp;
  std::vector<VoterPlan> voters;
  std::vector<EntryPlan> entries;              // in time order
  std::vector<std::uint32_t> paper_e_voters;   // voter indices
  std::vector<std::string> listed_non_voters;  // codes (paper voters who did not e-vote first)
  std::size_t paper_non_voters = 0;

  Plan(std::int64_t start_, std::int64_t end_, TestCertificate root_, TestCertificate issuing_)
      : start(start_),
        end(end_),
        list_1_applied(start_ - kDay),
        list_2_applied(start_ + (end_ - start_) / 2),
        root(std::move(root_)),
        issuing(std::move(issuing_)),
        ocsp(issuing, static_cast<std::time_t>(start_ - 30 * kDay),
             static_cast<std::time_t>(start_ + 2 * 365 * kDay)) {}
};

fs::path ElectionFolder::expected_rows(std::string_view contest, std::string_view district) const {
  return dir / "expected" / std::string(contest) / (std::string(district) + ".txt");
}

ElectionMaker::ElectionMaker(BallotBoxSpec spec)
    : spec_(std::move(spec)),
      organizer_(crypto::Ed25519SigningKey::generate()),
      collector_(crypto::Ed25519SigningKey::generate()),
      tally_(crypto::Ed25519SigningKey::generate()) {
  for (int k = 0; k < 2; ++k) mix_.push_back(crypto::Ed25519SigningKey::generate());
  const std::size_t voters = spec_.ballots - std::min(spec_.revotes, spec_.ballots);
  if (spec_.ballots == 0 || voters == 0)
    throw std::invalid_argument("BallotBoxSpec: no voters (ballots must exceed re-votes)");
  if (spec_.districts == 0 || spec_.districts > kMaxDistricts)
    throw std::invalid_argument("BallotBoxSpec: districts must be 1 to 500");
  if (spec_.late_voters >= voters)
    throw std::invalid_argument("BallotBoxSpec: late voters must be fewer than the voters");
  if ((spec_.paper_voters + 1) / 2 > voters)
    throw std::invalid_argument("BallotBoxSpec: more e-voting paper voters than voters");
  crypto::group_by_name(spec_.group);  // throws for an unknown group

  const std::int64_t now = std::time(nullptr);
  const std::int64_t end = now / 3600 * 3600 - kDay;
  const std::int64_t start = end - 6 * kDay;
  TestCertificate root =
      make_self_signed(TestKey::generate(KeyType::ec_p384),
                       with_validity(ca_options("Bench voters Root CA"), start - 2 * 365 * kDay,
                                     start + 10 * 365 * kDay));
  TestCertificate issuing =
      issue_certificate(root, TestKey::generate(KeyType::ec_p384),
                        with_validity(ca_options("Bench voters Issuing CA"), start - 365 * kDay,
                                      start + 5 * 365 * kDay));
  plan_ = std::make_unique<Plan>(start, end, std::move(root), std::move(issuing));
  Plan& plan = *plan_;

  // Voters, their re-votes, and when they vote.
  plan.voters.resize(voters);
  for (std::size_t i = 0; i < voters; ++i) {
    VoterPlan& v = plan.voters[i];
    v.code = personal_code(i);
    v.district = static_cast<std::uint32_t>(i % spec_.districts);
    v.late = i >= voters - spec_.late_voters;
  }
  for (std::size_t r = 0; r < spec_.revotes; ++r) ++plan.voters[uniform(voters)].ballots;
  plan.entries.reserve(spec_.ballots);
  for (std::size_t i = 0; i < voters; ++i) {
    VoterPlan& v = plan.voters[i];
    const std::int64_t from = v.late ? plan.list_2_applied : start;
    v.first_time = from + uniform(static_cast<std::size_t>(end - from - kRevoteWindowSeconds - 1));
    std::vector<std::int64_t> times = {v.first_time};
    for (std::uint32_t k = 1; k < v.ballots; ++k)
      times.push_back(v.first_time + 1 + uniform(kRevoteWindowSeconds));
    std::sort(times.begin(), times.end());
    for (std::uint32_t k = 0; k < v.ballots; ++k)
      plan.entries.push_back({times[k], static_cast<std::uint32_t>(i), k});
  }
  std::sort(plan.entries.begin(), plan.entries.end(), [](const EntryPlan& a, const EntryPlan& b) {
    return std::tie(a.time, a.voter, a.nth) < std::tie(b.time, b.voter, b.nth);
  });

  // Paper voters: ceil(P/2) e-voters spread over the voters, the rest non-voters.
  const std::size_t paper_e = (spec_.paper_voters + 1) / 2;
  for (std::size_t k = 0; k < paper_e; ++k)
    plan.paper_e_voters.push_back(static_cast<std::uint32_t>(k * (voters / paper_e)));
  plan.paper_non_voters = spec_.paper_voters - paper_e;
  for (std::size_t k = 0; k < plan.paper_non_voters + spec_.non_voters; ++k)
    plan.listed_non_voters.push_back(personal_code(voters + k));

  // The config draft.
  config_.election_id = "BENCH_2027";
  config_.names = {{"et", "Koormustest 2027"}, {"en", "Load test 2027"}};
  config_.voting_start = start;
  config_.voting_end = end;
  config_.group = spec_.group;
  for (std::size_t j = 0; j < spec_.districts; ++j)
    config_.districts.push_back({district_id(j), names("Ringkond " + std::to_string(j + 1))});
  config_.contests = bench_contests(spec_.districts);
  config_.voter_ca_certificates = {plan.root.der(), plan.issuing.der()};
  const TestCertificate tls = make_self_signed(TestKey::generate(KeyType::ec_p256), CertOptions{});
  config_.collector = protocol::CollectorKeys{tls.der(), collector_.public_key()};
  config_.organizer_key = organizer_.public_key();
  config_.mix_servers = {{"Mix A", mix_[0].public_key()}, {"Mix B", mix_[1].public_key()}};
  config_.tally_key = tally_.public_key();
}

ElectionMaker::~ElectionMaker() = default;

crypto::Bytes ElectionMaker::signed_config() const {
  protocol::validate(config_);
  protocol::Json document = protocol::to_json(config_);
  protocol::sign_document(document, organizer_);
  return protocol::canonical_bytes(document);
}

namespace {

void seal(const fs::path& path, const crypto::Ed25519SigningKey& key, const std::string& role,
          const BallotBoxSpec& spec) {
  protocol::save_canonical(
      path,
      protocol::to_json(protocol::seal_signing_key(key, role, spec.passphrase, spec.key_cost)),
      protocol::WriteMode::new_secret());
}

crypto::Bytes hash_bytes(const protocol::ChangeSetHash& h) {
  return crypto::Bytes(h.begin(), h.end());
}

}  // namespace

ElectionFolder ElectionMaker::write(const fs::path& dir, const PhaseTimer& timer) {
  Plan& plan = *plan_;
  PhaseClock clock(timer);
  fs::create_directories(dir);
  ElectionFolder f;
  f.dir = dir;
  f.config = dir / "config.json";
  f.passphrase_file = dir / "passphrase.txt";
  f.tally_key = dir / "tally.key";
  f.mix_keys = {dir / "mix-1.key", dir / "mix-2.key"};
  f.paper_votes = dir / "paper-votes.json";
  f.ballot_box = dir / "ballot-box.jsonl";

  if (!config_.election_public_key) {
    election_key_ = crypto::generate_keypair(crypto::group_by_name(spec_.group));
    config_.election_public_key = election_key_->public_key.encode();
  }
  const crypto::Bytes config_bytes = signed_config();
  protocol::write_file_atomic(f.config, config_bytes, protocol::WriteMode::new_public());
  write_text(f.passphrase_file, spec_.passphrase + "\n");
  seal(f.tally_key, tally_, "tally", spec_);
  for (std::size_t k = 0; k < mix_.size(); ++k)
    seal(f.mix_keys[k], mix_[k], "mix-" + std::to_string(k + 1), spec_);
  clock.done("config and sealed keys");

  // Voter lists: change set 1 before voting, change set 2 (late voters) in the middle.
  auto change_set = [&](std::uint64_t sequence, const protocol::ChangeSetHash& previous,
                        bool late) {
    protocol::VoterListChanges set;
    set.election_id = config_.election_id;
    set.sequence = sequence;
    set.previous = previous;
    for (std::size_t i = 0; i < plan.voters.size(); ++i) {
      const VoterPlan& v = plan.voters[i];
      if (v.late == late)
        set.changes.add(*protocol::PersonalCode::parse(v.code), voter_name(i),
                        district_id(v.district));
    }
    if (!late) {
      for (std::size_t k = 0; k < plan.listed_non_voters.size(); ++k)
        set.changes.add(*protocol::PersonalCode::parse(plan.listed_non_voters[k]),
                        voter_name(plan.voters.size() + k), district_id(k % spec_.districts));
    }
    protocol::sign(set, organizer_);
    const fs::path path = dir / ("voters-" + std::to_string(sequence) + ".json");
    protocol::save_voter_list_changes(set, path, protocol::WriteMode::new_public());
    f.voter_lists.push_back(path);
    return protocol::change_set_hash(set);
  };
  std::vector<protocol::VoterListVersion> history;
  const protocol::ChangeSetHash hash_1 = change_set(1, protocol::kNoPreviousChangeSet, false);
  history.push_back({1, hash_bytes(hash_1), plan.list_1_applied});
  if (spec_.late_voters > 0)
    history.push_back({2, hash_bytes(change_set(2, hash_1, true)), plan.list_2_applied});

  protocol::PaperVotes paper;
  paper.election_id = config_.election_id;
  for (std::uint32_t v : plan.paper_e_voters)
    paper.voters.push_back(*protocol::PersonalCode::parse(plan.voters[v].code));
  for (std::size_t k = 0; k < plan.paper_non_voters; ++k)
    paper.voters.push_back(*protocol::PersonalCode::parse(plan.listed_non_voters[k]));
  std::sort(paper.voters.begin(), paper.voters.end());
  protocol::sign(paper, organizer_);
  protocol::save_paper_votes(paper, f.paper_votes, protocol::WriteMode::new_public());
  clock.done("voter lists and paper votes");

  // Cards: a key (own or from the pool), a certificate, the OCSP response.
  std::vector<TestKey> pool;
  for (std::size_t k = 0; k < spec_.card_keys; ++k)
    pool.push_back(TestKey::generate(KeyType::ec_p384));
  std::vector<Card> cards(plan.voters.size());
  const std::int64_t cert_from = plan.start - 200 * kDay, cert_to = plan.start + 3 * 365 * kDay;
  crypto::parallel_for(
      cards.size(),
      [&](std::size_t i) {
        const VoterPlan& v = plan.voters[i];
        const TestKey key =
            pool.empty() ? TestKey::generate(KeyType::ec_p384) : pool[i % pool.size()];
        const TestCertificate certificate = issue_certificate(
            plan.issuing, key,
            with_validity(
                leaf_options("PNOEE-" + v.code, voter_name(i) + "," + v.code, ku_non_repudiation),
                cert_from, cert_to));
        cards[i] = Card{key, certificate.der(),
                        plan.ocsp.good(certificate, static_cast<std::time_t>(v.first_time))};
      },
      spec_.threads);
  clock.done("cards and OCSP responses");

  // Ballots, a chunk at a time: made in parallel, appended in time order.
  const std::vector<crypto::Bytes> intermediates = {plan.issuing.der()};
  std::vector<protocol::Selections> last(plan.voters.size());
  protocol::BallotBoxWriter writer(
      f.ballot_box,
      protocol::BallotBoxHeader{config_.election_id, protocol::config_hash(config_bytes)});
  std::vector<protocol::BallotBoxEntry> chunk;
  for (std::size_t begin = 0; begin < plan.entries.size(); begin += kChunkEntries) {
    const std::size_t n = std::min(kChunkEntries, plan.entries.size() - begin);
    chunk.assign(n, {});
    crypto::parallel_for(
        n,
        [&](std::size_t k) {
          const EntryPlan& e = plan.entries[begin + k];
          const VoterPlan& v = plan.voters[e.voter];
          const Card& card = cards[e.voter];
          protocol::Selections selections = random_selections(v.district);
          const protocol::MadeBallot made =
              protocol::make_ballot(config_, v.code, district_id(v.district), selections);
          crypto::Bytes bytes = protocol::encode_ballot(made.ballot);
          crypto::Bytes signature = card.key->sign_like_card(bytes);
          const protocol::SignedBallot signed_ballot = protocol::make_signed_ballot(
              std::move(bytes), std::move(signature), card.certificate, intermediates);
          protocol::BallotBoxEntry& out = chunk[k];
          out.sequence = begin + k + 1;
          out.vote_id = crypto::random_bytes(16);
          out.time = e.time;
          out.voter_id = v.code;
          out.signed_ballot = protocol::encode_signed_ballot(signed_ballot);
          out.ocsp_response = card.ocsp;
          if (e.nth + 1 == v.ballots) last[e.voter] = std::move(selections);
        },
        spec_.threads);
    for (const protocol::BallotBoxEntry& entry : chunk) writer.append(entry);
  }
  writer.finish(collector_, history);
  clock.done("ballot box");

  // What the tally must find: per batch, the counted voters' last rows.
  std::vector<bool> on_paper(plan.voters.size(), false);
  for (std::uint32_t v : plan.paper_e_voters) on_paper[v] = true;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> rows;
  for (std::size_t i = 0; i < plan.voters.size(); ++i) {
    if (on_paper[i]) continue;
    const std::string district = district_id(plan.voters[i].district);
    for (const protocol::Contest* contest : protocol::contests_for_district(config_, district)) {
      const auto it = last[i].find(contest->id);
      const std::vector<std::uint64_t> codes = protocol::ballot_row_codes(
          config_, *contest, district,
          it == last[i].end() ? std::vector<std::uint64_t>{} : it->second);
      std::string line;
      for (std::uint64_t code : codes) line += (line.empty() ? "" : " ") + std::to_string(code);
      rows[{contest->id, district}].push_back(line + "\n");
    }
  }
  f.ballots = plan.entries.size();
  f.voters = plan.voters.size();
  f.revoked = plan.paper_e_voters.size();
  f.counted = f.voters - f.revoked;
  for (auto& [batch, lines] : rows) {
    std::sort(lines.begin(), lines.end());
    const fs::path path = f.expected_rows(batch.first, batch.second);
    fs::create_directories(path.parent_path());
    std::string text;
    for (const std::string& line : lines) text += line;
    write_text(path, text);
  }
  const protocol::Json facts = {{"ballots", f.ballots},
                                {"voters", f.voters},
                                {"revoked", f.revoked},
                                {"counted", f.counted},
                                {"voter_lists", f.voter_lists.size()}};
  write_text(dir / "facts.json", facts.dump() + "\n");
  clock.done("expected results");
  return f;
}

ElectionFolder read_election_folder(const fs::path& dir) {
  std::ifstream in(dir / "facts.json");
  if (!in) throw std::runtime_error((dir / "facts.json").string() + ": cannot read");
  const protocol::Json facts = protocol::Json::parse(in);
  ElectionFolder f;
  f.dir = dir;
  f.config = dir / "config.json";
  f.passphrase_file = dir / "passphrase.txt";
  f.tally_key = dir / "tally.key";
  f.mix_keys = {dir / "mix-1.key", dir / "mix-2.key"};
  f.paper_votes = dir / "paper-votes.json";
  f.ballot_box = dir / "ballot-box.jsonl";
  for (std::size_t k = 1; k <= facts.at("voter_lists").get<std::size_t>(); ++k)
    f.voter_lists.push_back(dir / ("voters-" + std::to_string(k) + ".json"));
  f.ballots = facts.at("ballots").get<std::size_t>();
  f.voters = facts.at("voters").get<std::size_t>();
  f.revoked = facts.at("revoked").get<std::size_t>();
  f.counted = facts.at("counted").get<std::size_t>();
  return f;
}

}  // namespace evote::testing
