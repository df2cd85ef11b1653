// evote-tally check (specs/tally.md §3): the ballot box export authenticated
// (format, log chain, collector signature), then every entry checked; the
// accepted ballots and the rejected ones, each with its reason, written.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <future>
#include <iostream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "ballot_list.hpp"
#include "commands.hpp"
#include "entry_check.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/protocol/voter_list.hpp"
#include "json_lines.hpp"
#include "step_statement.hpp"
#include "tally_context.hpp"
#include "voter_list_history.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kChunk = 1024;  // entries checked in parallel at a time

// The collector's signed trailer, before any entry is judged: eligibility
// needs its voter list history. Read from the file's end; when that fails,
// the whole export is read so that the error names the line at fault.
// Entries are judged in one pass after this, and nothing is written or
// printed unless that pass authenticates every entry against this trailer.
protocol::BallotBoxTrailer signed_trailer(const fs::path& box, const TallyContext& context) {
  try {
    return protocol::read_signed_trailer(box, context.config, context.config_hash);
  } catch (const protocol::FormatError&) {
    protocol::BallotBoxReader reader(box, context.config, context.config_hash);
    while (reader.next()) {
    }
    return reader.trailer();
  }
}

// Up to kChunk entries more.
std::vector<protocol::LoggedBallot> read_chunk(protocol::BallotBoxReader& reader) {
  std::vector<protocol::LoggedBallot> chunk;
  chunk.reserve(kChunk);
  while (chunk.size() < kChunk) {
    std::optional<protocol::LoggedBallot> entry = reader.next();
    if (!entry) break;
    chunk.push_back(std::move(*entry));
  }
  return chunk;
}

void check_voter_lists(const protocol::BallotBoxTrailer& trailer, const VoterListHistory& history,
                       const fs::path& box) {
  const std::string where = "ballot box " + box.string();
  if (trailer.voter_lists.size() != history.version()) {
    throw protocol::FormatError(where + ": the collector applied " +
                                std::to_string(trailer.voter_lists.size()) +
                                " voter list change sets, " + std::to_string(history.version()) +
                                " were given (give every change set, in order)");
  }
  for (std::size_t k = 0; k < trailer.voter_lists.size(); ++k) {
    const auto& applied = trailer.voter_lists[k];
    const auto& given = history.hashes()[k];
    if (!std::equal(given.begin(), given.end(), applied.change_set_hash.begin(),
                    applied.change_set_hash.end())) {
      throw protocol::FormatError(where + ": voter list change set " + std::to_string(k + 1) +
                                  " is not the one the collector applied (its hash differs)");
    }
  }
}

// A fixed-size key (vote id: 16 bytes, ballot hash: 32) for the uniqueness
// maps: a million entries each stay near 100 MB.
template <std::size_t N>
struct ByteKey {
  std::array<std::uint8_t, N> bytes{};
  bool operator==(const ByteKey&) const = default;
};

template <std::size_t N>
ByteKey<N> byte_key(const crypto::Bytes& b) {
  ByteKey<N> key;
  std::copy_n(b.begin(), std::min(N, b.size()), key.bytes.begin());
  return key;
}

template <std::size_t N>
struct ByteKeyHash {
  std::size_t operator()(const ByteKey<N>& k) const {
    std::size_t h;  // the keys are random or hashes: their first bytes are a good hash
    std::memcpy(&h, k.bytes.data(), sizeof h);
    return h;
  }
};

struct Tallies {
  std::uint64_t entries = 0, accepted = 0;
  std::map<std::string, std::uint64_t> rejected;  // by reason
};

int run_check(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const fs::path accepted_path = context.dir / "accepted.jsonl";
  const fs::path rejected_path = context.dir / "rejected.jsonl";
  for (const fs::path& out : {accepted_path, rejected_path, statement_path(context.dir, "check")}) {
    refuse_existing_output(out);
  }
  std::optional<std::time_t> certificate_time;
  if (auto at = args.optional("certificate-time")) {
    certificate_time = protocol::parse_utc(*at, "--certificate-time", "");
  }
  const crypto::Ed25519SigningKey key = open_tally_key(args, context.config);

  std::vector<StepFile> inputs;
  VoterListHistory history(context.config);
  for (const std::string& file : args.files()) {
    const protocol::VoterListChanges set = protocol::load_voter_list_changes(file);
    history.apply(set);
    inputs.push_back(
        describe_step_file(file, "voter-list-" + std::to_string(set.sequence) + ".json"));
  }

  const fs::path box = args.required("ballot-box");
  const protocol::BallotBoxTrailer trailer = signed_trailer(box, context);
  check_voter_lists(trailer, history, box);
  std::cout << "voter lists: versions 1-" << history.version()
            << " as the collector applied them: PASS" << std::endl;

  const crypto::TrustedCas cas(context.config.voter_ca_certificates);
  const collector::auth::OcspTrust ocsp_trust(context.config.voter_ca_certificates);
  const EntryCheckContext entry_context{
      context.config, cas, ocsp_trust, history, trailer.voter_lists, certificate_time};

  JsonLinesWriter accepted_out(accepted_path);
  JsonLinesWriter rejected_out(rejected_path);
  std::unordered_map<ByteKey<16>, std::uint64_t, ByteKeyHash<16>> vote_ids;  // -> first sequence
  std::unordered_map<ByteKey<32>, std::uint64_t, ByteKeyHash<32>> ballots;
  Tallies tallies;
  protocol::BallotBoxReader reader(box, context.config, context.config_hash);
  std::vector<protocol::LoggedBallot> chunk;
  std::vector<EntryVerdict> verdicts;
  std::ostringstream rejections;  // printed once every entry is authenticated
  auto flush = [&] {
    verdicts.assign(chunk.size(), EntryVerdict{});
    crypto::parallel_for(
        chunk.size(), [&](std::size_t i) { verdicts[i] = check_entry(entry_context, chunk[i]); });
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      const protocol::LoggedBallot& b = chunk[i];
      EntryVerdict& verdict = verdicts[i];
      ++tallies.entries;
      // 8. Unique vote ids and ballots: a second copy of a ballot (a replay)
      // must not count as a re-vote.
      const auto [id_at, new_id] =
          vote_ids.emplace(byte_key<16>(b.entry.vote_id), b.entry.sequence);
      const auto [ballot_at, new_ballot] =
          ballots.emplace(byte_key<32>(b.ballot_hash), b.entry.sequence);
      if (verdict && !new_id) {
        verdict = EntryVerdict{
            "duplicate_vote_id", "the vote id of sequence " + std::to_string(id_at->second), {}};
      } else if (verdict && !new_ballot) {
        verdict =
            EntryVerdict{"duplicate_ballot",
                         "the same signed ballot as sequence " + std::to_string(ballot_at->second),
                         {}};
      }
      if (verdict) {
        ++tallies.accepted;
        accepted_out.append(to_json(ListedBallot{b.entry.sequence, b.entry.time, b.entry.voter_id,
                                                 verdict.district, b.ballot_hash}));
      } else {
        ++tallies.rejected[verdict.reason];
        rejected_out.append({{"detail", verdict.detail},
                             {"reason", verdict.reason},
                             {"sequence", b.entry.sequence},
                             {"voter_id", b.entry.voter_id}});
        rejections << "rejected sequence " << b.entry.sequence << " (voter " << b.entry.voter_id
                   << "): " << verdict.reason << ": " << verdict.detail << "\n";
      }
    }
    chunk.clear();
  };
  // The next chunk is read (parsed, its log chain followed) while this one
  // is checked: reading is sequential, checking uses every core.
  chunk = read_chunk(reader);
  while (!chunk.empty()) {
    std::future<std::vector<protocol::LoggedBallot>> next =
        std::async(std::launch::async, read_chunk, std::ref(reader));
    flush();
    chunk = next.get();
  }
  // The reader has now checked every entry against the trailer's count and
  // log head and the collector's signature; the trailer judged by must be
  // that one. The box's hash is of the bytes the reader parsed, hashed as it
  // read them: the file judged, whatever happens to it on disk.
  if (!(reader.trailer().log_head == trailer.log_head) ||
      !(reader.trailer().voter_lists == trailer.voter_lists)) {
    throw protocol::FormatError("ballot box " + box.string() +
                                ": changed while it was being checked");
  }
  inputs.push_back(
      StepFile{"ballot-box.jsonl", reader.file_digest().hash, reader.file_digest().size});
  std::cout << "ballot box " << box.string() << ": " << trailer.count
            << " entries, log chain and collector signature: PASS" << std::endl;
  std::cout << rejections.str();

  accepted_out.commit();
  rejected_out.commit();
  StepStatement statement;
  statement.step = "check";
  statement.election_id = context.config.election_id;
  statement.config_hash = context.config_hash;
  statement.inputs = std::move(inputs);
  statement.outputs = {describe_step_file(accepted_path, "accepted.jsonl"),
                       describe_step_file(rejected_path, "rejected.jsonl")};
  std::uint64_t rejected = 0;
  for (const auto& [reason, n] : tallies.rejected) {
    statement.counts["rejected_" + reason] = n;
    rejected += n;
  }
  statement.counts["ballots"] = tallies.entries;
  statement.counts["accepted"] = tallies.accepted;
  statement.counts["rejected"] = rejected;
  write_statement(context.dir, std::move(statement), key);
  std::cout << "checked " << tallies.entries << " ballots: " << tallies.accepted << " accepted, "
            << rejected << " rejected";
  for (const auto& [reason, n] : tallies.rejected) std::cout << ", " << reason << " " << n;
  std::cout << "\nwrote accepted.jsonl, rejected.jsonl, check.statement.json in "
            << context.dir.string() << std::endl;
  return 0;
}

}  // namespace

cli::CommandSpec check_command() {
  std::vector<cli::OptionSpec> options = {
      config_option(), dir_option(),
      cli::required_option("ballot-box", "BOX", "the collector's signed ballot box export",
                           cli::Kind::input_file),
      cli::optional_option(
          "certificate-time", "UTC",
          "check voters' certificate chains at this time instead of each ballot's "
          "(test ID cards whose certificates have expired; never in an election)")};
  for (auto& o : signing_options()) options.push_back(std::move(o));
  return {
      "check",
      "Tally steps (in this order)",
      "authenticate the ballot box and check every ballot; write accepted.jsonl, rejected.jsonl",
      std::move(options),
      cli::FilesSpec{"VOTERLIST", "the voter list change sets 1, 2, … in order",
                     cli::Kind::input_file, 1},
      "check --config config.json --dir tally --key tally.key --ballot-box box.jsonl voters-1.json "
      "voters-2.json",
      run_check};
}

}  // namespace evote::tally
