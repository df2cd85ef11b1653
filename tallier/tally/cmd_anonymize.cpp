// evote-tally anonymize (specs/tally.md §6): the counted ballots' rows, per
// contest and district, without identities, as the mix-net's first inputs;
// the public tracker list (ballot hash → district and row) and the private
// list of voters whose e-vote counts.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>

#include "ballot_list.hpp"
#include "commands.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/list_document.hpp"
#include "json_lines.hpp"
#include "step_chain.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;

struct TrackerEntry {
  crypto::Bytes ballot_hash;
  std::string district;
  std::uint64_t row = 0;  // from 1, in every batch of the district
};

// The batch file of one contest in one district, relative to the tally folder.
std::string batch_input_name(std::string_view contest, std::string_view district) {
  return "batches/" + std::string(contest) + "/" + std::string(district) + "/input.ctxt";
}

const StepFile& check_input(const StepStatement& check, std::string_view name) {
  for (const StepFile& f : check.inputs) {
    if (f.name == name) return f;
  }
  throw protocol::FormatError("check.statement.json lists no input " + std::string(name));
}

int write_anonymized(const cli::Args& args);

constexpr std::size_t kChunk = 1024;  // ballot box entries read at a time

// A counted ballot of the chunk being read, and its row in its district.
struct CountedEntry {
  const protocol::LoggedBallot* logged;
  ListedBallot listed;
  std::uint64_t row;
};

// Every ciphertext of the chunk's counted ballots decodes (is a group
// element), on every core: check verified their proofs, and the rows are
// then copied as the ballots hold them, never encoded again.
void check_ciphertexts(const crypto::Group& group, const std::vector<CountedEntry>& entries) {
  crypto::parallel_for(entries.size(), [&](std::size_t i) {
    for (const protocol::BallotContest& contest :
         entries[i].logged->signed_ballot.ballot.contests) {
      for (const crypto::Bytes& c : contest.ciphertexts) {
        try {
          (void)crypto::decode_ciphertext(group, c);
        } catch (const crypto::DecodeError& e) {
          throw protocol::FormatError("ballot box sequence " +
                                      std::to_string(entries[i].listed.sequence) + ", contest " +
                                      contest.contest_id + ": " + e.what());
        }
      }
    }
  });
}

// A failed run leaves no batches folder behind (its files are temporary
// until the end; the folders are removed here), so it can be run again.
int run_anonymize(const cli::Args& args) {
  const fs::path batches = fs::path(args.required("dir")) / "batches";
  const bool existed = fs::exists(batches);
  try {
    return write_anonymized(args);
  } catch (...) {
    std::error_code ignored;
    if (!existed) fs::remove_all(batches, ignored);
    throw;
  }
}

int write_anonymized(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const protocol::ElectionConfig& config = context.config;
  const fs::path tracker_path = context.dir / "tracker.jsonl";
  const fs::path voters_path = context.dir / "counted-voters.txt";
  for (const fs::path& out :
       {tracker_path, voters_path, statement_path(context.dir, "anonymize")}) {
    refuse_existing_output(out);
  }
  if (fs::exists(context.dir / "batches")) {
    throw protocol::FormatError((context.dir / "batches").string() +
                                ": already exists (anonymize writes it)");
  }
  const PreviousStep revoke = read_previous_step(context, "revoke");
  const fs::path counted = checked_output(context, revoke, "counted.jsonl");
  // The ballot box must be the one check authenticated.
  const PreviousStep check = read_previous_step(context, "check");
  const fs::path box = args.required("ballot-box");
  const StepFile& box_checked = check_input(check.statement, "ballot-box.jsonl");
  const auto not_checked = [&] {
    return protocol::FormatError(box.string() + ": is not the ballot box that check read");
  };
  const crypto::Ed25519SigningKey key = open_tally_key(args, config);
  const crypto::Group& group = crypto::group_by_name(config.group);

  // Rows per district, fixed before any batch file is written.
  std::map<std::string, std::uint64_t> rows_of;
  {
    BallotListReader reader(counted, "counted.jsonl");
    while (auto b = reader.next()) ++rows_of[b->district];
  }
  std::map<std::pair<std::string, std::string>, std::unique_ptr<protocol::CiphertextFileWriter>>
      writers;
  for (const auto& [district, rows] : rows_of) {
    for (const protocol::Contest* contest : protocol::contests_for_district(config, district)) {
      const fs::path path = context.dir / batch_input_name(contest->id, district);
      fs::create_directories(path.parent_path());
      writers[{contest->id, district}] = std::make_unique<protocol::CiphertextFileWriter>(
          path, protocol::CiphertextFileHeader{config.election_id, contest->id, district,
                                               config.group, contest->max_selections, rows});
    }
  }

  // Both lists are in ballot box order: walk them together, a chunk of the
  // box at a time (parsed on every core).
  std::vector<TrackerEntry> tracker;
  std::vector<protocol::PersonalCode> voters;
  std::map<std::string, std::uint64_t> next_row;
  BallotListReader list(counted, "counted.jsonl");
  std::optional<ListedBallot> want = list.next();
  // The box is hashed as it is read (no pass of its own over 500 MB): a file
  // that is not the one check read is named so, even when it fails otherwise first.
  protocol::FileDigest box_digest;
  try {
    protocol::BallotBoxReader reader(box, config, context.config_hash);
    for (std::vector<protocol::LoggedBallot> chunk = reader.next_chunk(kChunk); !chunk.empty();
         chunk = reader.next_chunk(kChunk)) {
      std::vector<CountedEntry> counted_here;
      for (protocol::LoggedBallot& entry : chunk) {
        if (!want || entry.entry.sequence != want->sequence) continue;
        if (!(entry.ballot_hash == want->ballot_hash) || entry.entry.voter_id != want->voter_id) {
          throw protocol::FormatError("counted.jsonl: sequence " + std::to_string(want->sequence) +
                                      " is another ballot than the ballot box's");
        }
        counted_here.push_back({&entry, *want, ++next_row[want->district]});
        want = list.next();
      }
      check_ciphertexts(group, counted_here);
      for (const CountedEntry& c : counted_here) {
        for (const protocol::BallotContest& contest : c.logged->signed_ballot.ballot.contests)
          writers.at({contest.contest_id, c.listed.district})->append_encoded(contest.ciphertexts);
        tracker.push_back(TrackerEntry{c.listed.ballot_hash, c.listed.district, c.row});
        voters.push_back(*protocol::PersonalCode::parse(c.listed.voter_id));
      }
    }
    box_digest = reader.file_digest();
    if (!(box_digest.hash == box_checked.hash)) throw not_checked();
    if (want) {
      throw protocol::FormatError("counted.jsonl: sequence " + std::to_string(want->sequence) +
                                  " is not in the ballot box");
    }
  } catch (const protocol::FormatError&) {
    if (!(protocol::hash_file(box).hash == box_checked.hash)) throw not_checked();
    throw;
  }
  const StepFile box_file{"ballot-box.jsonl", box_digest.hash, box_digest.size};

  std::vector<StepFile> outputs;
  for (auto& [batch, writer] : writers) {
    writer->finish();
    const std::string name = batch_input_name(batch.first, batch.second);
    outputs.push_back(describe_step_file(context.dir / name, name));
  }
  // The tracker list in ballot hash order: its order says nothing of when or by whom.
  std::sort(tracker.begin(), tracker.end(), [](const TrackerEntry& a, const TrackerEntry& b) {
    return a.ballot_hash < b.ballot_hash;
  });
  JsonLinesWriter tracker_out(tracker_path);
  for (const TrackerEntry& t : tracker) {
    tracker_out.append({{"ballot_hash", protocol::base64url_encode(t.ballot_hash)},
                        {"district", t.district},
                        {"row", t.row}});
  }
  tracker_out.commit();
  std::sort(voters.begin(), voters.end());
  protocol::AtomicOutput voters_out(voters_path, protocol::WriteMode::new_public());
  for (const protocol::PersonalCode& v : voters) voters_out.write(std::string_view(v.str() + "\n"));
  voters_out.commit();

  outputs.push_back(describe_step_file(tracker_path, "tracker.jsonl"));
  outputs.push_back(describe_step_file(voters_path, "counted-voters.txt"));
  StepStatement statement = next_statement(context, "anonymize", revoke);
  statement.inputs = {describe_step_file(counted, "counted.jsonl"), box_file};
  statement.outputs = std::move(outputs);
  statement.counts = {{"ballots", tracker.size()}, {"batches", writers.size()}};
  write_statement(context.dir, std::move(statement), key);
  std::cout << "anonymized " << tracker.size() << " ballots into " << writers.size()
            << " batches (contest and district):\n";
  for (const auto& [batch, writer] : writers) {
    std::cout << "  " << batch_input_name(batch.first, batch.second) << ": "
              << writer->rows_written() << " rows\n";
  }
  std::cout << "wrote tracker.jsonl, counted-voters.txt, anonymize.statement.json in "
            << context.dir.string() << std::endl;
  return 0;
}

}  // namespace

cli::CommandSpec anonymize_command() {
  std::vector<cli::OptionSpec> options = {
      config_option(), dir_option(),
      cli::required_option("ballot-box", "BOX", "the ballot box export check read",
                           cli::Kind::input_file)};
  for (auto& o : signing_options()) options.push_back(std::move(o));
  return {
      "anonymize",
      "Tally steps (in this order)",
      "write the counted rows per contest and district as the mix input, the tracker list and the "
      "counted voters",
      std::move(options),
      std::nullopt,
      "anonymize --config config.json --dir tally --key tally.key --ballot-box box.jsonl",
      run_anonymize};
}

}  // namespace evote::tally
