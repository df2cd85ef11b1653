// Mix stages on files (mix_stage.hpp).
#include "evote/mix/io/mix_stage.hpp"

#include <algorithm>
#include <span>

#include "evote/crypto/groups.hpp"
#include "evote/mix/io/shuffle_proof_file.hpp"
#include "evote/mix/io/stream_shuffle.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "staged_output.hpp"

namespace evote::mix::io {

using protocol::CiphertextFileHeader;
using protocol::FormatError;

namespace {

// Refuses rows that are not this election's: wrong id or group, a contest
// the config does not have, or a width other than its selections.
void check_belongs(const MixElection& election, const CiphertextFileHeader& header,
                   const std::string& name) {
  const protocol::ElectionConfig& config = election.config;
  if (header.election_id != config.election_id)
    throw FormatError(name + ": election \"" + header.election_id + "\", the config's is \"" +
                      config.election_id + "\"");
  if (header.group != config.group)
    throw FormatError(name + ": group " + header.group + ", the election's is " + config.group);
  const protocol::Contest* contest = config.find_contest(header.contest_id);
  if (contest == nullptr)
    throw FormatError(name + ": contest \"" + header.contest_id + "\" is not in the config");
  if (header.width != contest->max_selections)
    throw FormatError(name + ": width " + std::to_string(header.width) + ", contest \"" +
                      contest->id + "\" has " + std::to_string(contest->max_selections) +
                      " selections");
  if (!header.district.empty() && config.find_district(header.district) == nullptr)
    throw FormatError(name + ": district \"" + header.district + "\" is not in the config");
}

// The header of a ciphertext file (magic, header and exact size checked),
// refused unless the rows are this election's.
CiphertextFileHeader read_header(const MixElection& election, const std::filesystem::path& path) {
  const protocol::CiphertextFileReader reader(path);
  check_belongs(election, reader.header(), "ciphertext file " + path.string());
  return reader.header();
}

void refuse_existing(const std::filesystem::path& path) {
  if (std::filesystem::exists(path))
    throw FormatError(path.string() + ": already exists (refusing to replace it)");
}

// The header fields a proof must share with the rows it is about.
std::string header_mismatch(const ShuffleProofHeader& proof, const CiphertextFileHeader& rows) {
  if (proof.election_id != rows.election_id) return "election id";
  if (proof.contest_id != rows.contest_id) return "contest id";
  if (proof.district != rows.district) return "district";
  if (proof.group != rows.group) return "group";
  if (proof.width != rows.width) return "width";
  if (proof.count != rows.count) return "count";
  return {};
}

std::string stage_name(std::uint32_t stage) { return "stage-" + std::to_string(stage); }

// Every check a stage makes before it writes anything (but the folders):
// the stage number, no existing output or proof, an input of this election
// with at least one row. Returns the input's header.
CiphertextFileHeader check_stage(const MixElection& election, const StageFiles& files,
                                 std::uint32_t stage) {
  if (stage == 0) throw FormatError("stage numbers start at 1");
  refuse_existing(files.output);
  refuse_existing(files.proof);
  if (std::filesystem::absolute(files.output).lexically_normal() ==
      std::filesystem::absolute(files.proof).lexically_normal())
    throw FormatError(files.output.string() + ": given as both the output and the proof file");
  CiphertextFileHeader input = read_header(election, files.input);
  if (input.count == 0)
    throw FormatError("ciphertext file " + files.input.string() +
                      ": has no rows; an empty batch is not mixed (specs/mix.md §10)");
  return input;
}

// Shuffles and proves; the output and proof appear together or not at all.
void prove_stage(const MixElection& election, const StageFiles& files, std::uint32_t stage,
                 const CiphertextFileHeader& input) {
  ShuffleProofHeader header{input.election_id, input.contest_id, input.district,
                            input.group,       input.width,      input.count,
                            stage,             election.config_hash, {}, {}};
  prove_stage_streaming(election.public_key, stage_seed(election, input, stage), files.input,
                        files.output, files.proof, std::move(header),
                        StreamSecrets::random(static_cast<std::size_t>(input.count)));
}

}  // namespace

MixElection load_mix_election(const std::filesystem::path& signed_config) {
  protocol::ElectionConfig config = protocol::load_signed_election_config(signed_config.string());
  if (!config.election_public_key)
    throw FormatError(signed_config.string() +
                      ": has no election public key yet (the key ceremony sets it)");
  const crypto::Group& group = crypto::group_by_name(config.group);
  crypto::Element key = group.identity();
  try {
    key = group.decode(*config.election_public_key);
  } catch (const crypto::DecodeError& e) {
    throw FormatError(signed_config.string() + ": election public key: " + e.what());
  }
  crypto::Bytes hash = protocol::config_hash(protocol::read_file(signed_config.string()));
  return MixElection{std::move(config), std::move(hash), std::move(key)};
}

ShuffleSeed stage_seed(const MixElection& election, const CiphertextFileHeader& header,
                       std::uint32_t stage) {
  return {election.config.election_id, header.contest_id + "/" + header.district, stage};
}

void run_stage(const MixElection& election, const StageFiles& files, std::uint32_t stage) {
  const CiphertextFileHeader input = check_stage(election, files, stage);
  require_folder_of(files.output);
  require_folder_of(files.proof);
  prove_stage(election, files, stage, input);
}

crypto::Verdict verify_stage(const MixElection& election, const StageFiles& files,
                             std::optional<std::uint32_t> expected_stage) {
  using crypto::Verdict;
  try {
    const ShuffleProofFileHead proof = read_shuffle_proof_head(files.proof);
    const ShuffleProofHeader& h = proof.header;
    if (expected_stage && h.stage != *expected_stage)
      return Verdict::fail("proof file is for stage " + std::to_string(h.stage) + ", expected " +
                           std::to_string(*expected_stage));
    if (h.config_hash != election.config_hash)
      return Verdict::fail("proof file is for another election config (config hash differs)");

    CiphertextFileHeader input, output;
    try {
      input = read_header(election, files.input);
    } catch (const std::exception& e) {
      return Verdict::fail(std::string("input: ") + e.what());
    }
    try {
      output = read_header(election, files.output);
    } catch (const std::exception& e) {
      return Verdict::fail(std::string("output: ") + e.what());
    }
    if (output != input)
      return Verdict::fail("output header differs from the input header (" +
                           protocol::canonical_string(protocol::to_json(output)) + ")");
    if (const std::string field = header_mismatch(h, input); !field.empty())
      return Verdict::fail("proof file header: " + field + " differs from the input file's");

    const Verdict proof_verdict =
        verify_stage_streaming(election.public_key, stage_seed(election, input, h.stage),
                               files.input, files.output, files.proof, proof.body_offset);
    if (!proof_verdict) return proof_verdict;
    // The proof holds for these rows; the hashes tie the record's files to it.
    if (protocol::hash_file(files.input).hash != h.input_hash)
      return Verdict::fail("input file is not the one the proof names (input hash differs)");
    if (protocol::hash_file(files.output).hash != h.output_hash)
      return Verdict::fail("output file is not the one the proof names (output hash differs)");
    return Verdict::pass();
  } catch (const std::exception& e) {
    return Verdict::fail(e.what());
  }
}

StageFiles cascade_stage_files(const std::filesystem::path& cascade,
                               const std::filesystem::path& input, std::uint32_t stage) {
  return {stage == 1 ? input : cascade / (stage_name(stage - 1) + ".ctxt"),
          cascade / (stage_name(stage) + ".ctxt"), cascade / (stage_name(stage) + ".proof")};
}

namespace {

// The stage numbers of the files named stage-K.ctxt / stage-K.proof, and
// the first name in the folder that does not fit (for the verdict).
struct CascadeListing {
  std::uint32_t complete = 0;  // stages 1..complete have both files
  std::string problem;
};

CascadeListing list_cascade(const std::filesystem::path& cascade) {
  CascadeListing listing;
  if (!std::filesystem::is_directory(cascade)) {
    listing.problem = "cascade folder " + cascade.string() + " does not exist";
    return listing;
  }
  while (std::filesystem::exists(cascade_stage_files(cascade, {}, listing.complete + 1).output) &&
         std::filesystem::exists(cascade_stage_files(cascade, {}, listing.complete + 1).proof))
    ++listing.complete;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(cascade))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (name.rfind("stage-", 0) != 0) continue;
    bool known = false;
    for (std::uint32_t k = 1; k <= listing.complete && !known; ++k)
      known = name == stage_name(k) + ".ctxt" || name == stage_name(k) + ".proof";
    if (!known) {
      listing.problem = "cascade folder " + cascade.string() + ": " + name +
                        " is not part of stages 1.." + std::to_string(listing.complete) +
                        " (a stage needs its .ctxt and its .proof, stages count from 1 without gaps)";
      return listing;
    }
  }
  return listing;
}

}  // namespace

ChainVerdict verify_chain(const MixElection& election, const std::filesystem::path& input,
                          const std::filesystem::path& cascade,
                          std::optional<std::uint32_t> expected_stages,
                          const std::function<void(const std::string&)>& progress) {
  const CascadeListing listing = list_cascade(cascade);
  if (!listing.problem.empty()) return {crypto::Verdict::fail(listing.problem), listing.complete};
  if (expected_stages && listing.complete != *expected_stages)
    return {crypto::Verdict::fail("cascade has " + std::to_string(listing.complete) +
                                  " stages, expected " + std::to_string(*expected_stages)),
            listing.complete};
  for (std::uint32_t stage = 1; stage <= listing.complete; ++stage) {
    const crypto::Verdict v =
        verify_stage(election, cascade_stage_files(cascade, input, stage), stage);
    if (!v) return {crypto::Verdict::fail(stage_name(stage) + ": " + v.reason), listing.complete};
    progress(stage_name(stage) + ": PASS");
  }
  return {crypto::Verdict::pass(), listing.complete};
}

std::uint32_t run_cascade_step(const MixElection& election, const std::filesystem::path& input,
                               const std::filesystem::path& cascade,
                               const std::function<void(const std::string&)>& progress) {
  // A folder that does not exist yet holds no stages; it is made only once
  // every check has passed, and removed again if the stage fails.
  std::uint32_t stage = 1;
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(cascade, error))) {
    const ChainVerdict chain = verify_chain(election, input, cascade, std::nullopt, progress);
    if (!chain.verdict)
      throw crypto::Error("the cascade so far does not verify, not shuffling: " +
                          chain.verdict.reason);
    stage = chain.stages + 1;
  }
  const StageFiles files = cascade_stage_files(cascade, input, stage);
  const CiphertextFileHeader header = check_stage(election, files, stage);
  CreatedFolders folder(cascade);
  prove_stage(election, files, stage, header);
  folder.keep();
  return stage;
}

}  // namespace evote::mix::io
