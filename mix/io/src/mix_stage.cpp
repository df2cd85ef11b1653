// Mix stages on files (mix_stage.hpp).
#include "evote/mix/io/mix_stage.hpp"

#include <algorithm>
#include <span>

#include "evote/crypto/groups.hpp"
#include "evote/mix/io/shuffle_proof_file.hpp"
#include "evote/mix/io/stage_signature.hpp"
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

// Shuffles and proves (and signs, with an attachment); the files appear
// together or not at all.
void prove_stage(const MixElection& election, const StageFiles& files, std::uint32_t stage,
                 const CiphertextFileHeader& input, const StageAttachment* signature = nullptr) {
  ShuffleProofHeader header{input.election_id,
                            input.contest_id,
                            input.district,
                            input.group,
                            input.width,
                            input.count,
                            stage,
                            election.config_hash,
                            {},
                            {}};
  prove_stage_streaming(election.public_key, stage_seed(election, input, stage), files.input,
                        files.output, files.proof, std::move(header),
                        StreamSecrets::random(static_cast<std::size_t>(input.count)), signature);
}

bool signed_stages(const MixElection& election) { return !election.config.mix_servers.empty(); }

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
  if (signed_stages(election))
    throw FormatError(
        "the election config names the mix servers: each stage is signed by the server that makes "
        "it; make stages with `evote-mix cascade --key` (specs/mix.md §10)");
  const CiphertextFileHeader input = check_stage(election, files, stage);
  require_folder_of(files.output);
  require_folder_of(files.proof);
  prove_stage(election, files, stage, input);
}

crypto::Verdict verify_stage(const MixElection& election, const StageFiles& files,
                             std::optional<std::uint32_t> expected_stage,
                             const std::optional<std::filesystem::path>& signature) {
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
    // Who made the stage, before the (long) proof check.
    if (signed_stages(election)) {
      if (!signature)
        return Verdict::fail(
            "no stage signature given (the election config names the mix servers: each stage is "
            "signed by the server that made it)");
      const Verdict signed_by =
          verify_stage_signature(election.config, *signature, h.stage, h, files.proof);
      if (!signed_by) return Verdict::fail("signature: " + signed_by.reason);
    } else if (signature) {
      return Verdict::fail(
          "a stage signature was given, but the election config names no mix servers (its stages "
          "are not signed)");
    }

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

std::filesystem::path cascade_signature_file(const std::filesystem::path& cascade,
                                             std::uint32_t stage) {
  return cascade / (stage_name(stage) + ".sig");
}

std::uint32_t cascade_stages_present(const std::filesystem::path& cascade) {
  std::uint32_t complete = 0;
  std::error_code error;
  while (std::filesystem::exists(cascade_stage_files(cascade, {}, complete + 1).output, error) &&
         std::filesystem::exists(cascade_stage_files(cascade, {}, complete + 1).proof, error))
    ++complete;
  return complete;
}

namespace {

// The complete stages of a cascade folder (stage-K.ctxt and stage-K.proof
// for K = 1..complete), and the first name in the folder that does not fit
// (for the verdict). With signed stages, stage-K.sig is part of stage K;
// without, a stage-K.sig is a stray file.
struct CascadeListing {
  std::uint32_t complete = 0;
  std::string problem;
};

CascadeListing list_cascade(const std::filesystem::path& cascade, bool signed_stages) {
  CascadeListing listing;
  if (!std::filesystem::is_directory(cascade)) {
    listing.problem = "cascade folder " + cascade.string() + " does not exist";
    return listing;
  }
  listing.complete = cascade_stages_present(cascade);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(cascade))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  const std::string folder = "cascade folder " + cascade.string() + ": ";
  for (const std::string& name : names) {
    if (name.rfind("stage-", 0) != 0) continue;
    bool known = false;
    for (std::uint32_t k = 1; k <= listing.complete && !known; ++k)
      known = name == stage_name(k) + ".ctxt" || name == stage_name(k) + ".proof" ||
              (signed_stages && name == stage_name(k) + ".sig");
    if (known) continue;
    const bool signature = name.size() > 4 && name.compare(name.size() - 4, 4, ".sig") == 0;
    if (signature && !signed_stages) {
      listing.problem = folder + name +
                        " is a stage signature, but the election config names no mix servers "
                        "(its stages are not signed)";
    } else {
      listing.problem = folder + name + " is not part of stages 1.." +
                        std::to_string(listing.complete) + " (a stage needs its .ctxt and its " +
                        (signed_stages ? ".proof, and is signed in its .sig" : ".proof") +
                        "; stages count from 1 without gaps)";
    }
    return listing;
  }
  return listing;
}

// The checks of verify_chain; `exact`: the number of stages required (none:
// any number, but never more than the mix servers the config names).
ChainVerdict check_chain(const MixElection& election, const std::filesystem::path& input,
                         const std::filesystem::path& cascade, std::optional<std::uint32_t> exact,
                         const std::function<void(const std::string&)>& progress) {
  const bool signed_chain = signed_stages(election);
  const auto servers = static_cast<std::uint32_t>(election.config.mix_servers.size());
  const CascadeListing listing = list_cascade(cascade, signed_chain);
  const std::uint32_t k = listing.complete;
  const auto fail = [&](const std::string& reason) {
    return ChainVerdict{crypto::Verdict::fail(reason), k};
  };
  if (!listing.problem.empty()) return fail(listing.problem);
  const std::string has = "cascade has " + std::to_string(k) + (k == 1 ? " stage" : " stages");
  if (signed_chain && k > servers)
    return fail(has + ", the election config names " + std::to_string(servers) +
                " mix servers (one stage each): " + stage_name(servers + 1) + " is made by none");
  if (exact && k != *exact) {
    if (signed_chain && k < servers)
      return fail(has + ", the election config names " + std::to_string(servers) +
                  " mix servers (one stage each): " + stage_name(k + 1) + " (" +
                  describe_mix_server(election.config, k + 1) + ") is missing");
    return fail(has + ", expected " + std::to_string(*exact));
  }
  for (std::uint32_t stage = 1; stage <= k; ++stage) {
    std::optional<std::filesystem::path> signature;
    if (signed_chain) signature = cascade_signature_file(cascade, stage);
    const crypto::Verdict v =
        verify_stage(election, cascade_stage_files(cascade, input, stage), stage, signature);
    if (!v) return fail(stage_name(stage) + ": " + v.reason);
    progress(
        stage_name(stage) + ": PASS" +
        (signed_chain ? " (signed by " + describe_mix_server(election.config, stage) + ")" : ""));
  }
  return {crypto::Verdict::pass(), k};
}

}  // namespace

ChainVerdict verify_chain(const MixElection& election, const std::filesystem::path& input,
                          const std::filesystem::path& cascade,
                          std::optional<std::uint32_t> expected_stages,
                          const std::function<void(const std::string&)>& progress) {
  const auto servers = static_cast<std::uint32_t>(election.config.mix_servers.size());
  if (servers != 0) {
    if (expected_stages && *expected_stages != servers)
      return {crypto::Verdict::fail("expected " + std::to_string(*expected_stages) +
                                    " stages, but the election config names " +
                                    std::to_string(servers) + " mix servers (one stage each)"),
              0};
    expected_stages = servers;
  }
  return check_chain(election, input, cascade, expected_stages, progress);
}

std::uint32_t run_cascade_step(const MixElection& election, const std::filesystem::path& input,
                               const std::filesystem::path& cascade,
                               const std::function<void(const std::string&)>& progress,
                               const crypto::Ed25519SigningKey* signing_key) {
  const bool signed_chain = signed_stages(election);
  if (signed_chain && signing_key == nullptr)
    throw FormatError(
        "the election config names the mix servers: each stage is signed by the server that "
        "makes it (its signing key is needed)");
  if (!signed_chain && signing_key != nullptr)
    throw FormatError(
        "the election config names no mix servers: its stages are not signed (no signing key is "
        "used)");
  // A folder that does not exist yet holds no stages; it is made only once
  // every check has passed, and removed again if the stage fails.
  std::uint32_t stage = 1;
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(cascade, error))) {
    const ChainVerdict chain = check_chain(election, input, cascade, std::nullopt, progress);
    if (!chain.verdict)
      throw crypto::Error("the cascade so far does not verify, not shuffling: " +
                          chain.verdict.reason);
    stage = chain.stages + 1;
  }
  const StageFiles files = cascade_stage_files(cascade, input, stage);
  std::optional<StageAttachment> signature;
  if (signed_chain) {
    const std::size_t servers = election.config.mix_servers.size();
    if (stage > servers)
      throw FormatError("cascade " + cascade.string() + " has all its " + std::to_string(servers) +
                        " stages (one per mix server of the election config): nothing to add");
    check_stage_key(election.config, stage, signing_key->public_key(), "the signing key");
    signature =
        StageAttachment{cascade_signature_file(cascade, stage),
                        [&](const ShuffleProofHeader& header, const crypto::Bytes& proof_hash) {
                          return signed_stage_statement(
                              stage_statement(election.config, header, proof_hash), *signing_key);
                        }};
    refuse_existing(signature->target);
  }
  const CiphertextFileHeader header = check_stage(election, files, stage);
  CreatedFolders folder(cascade);
  prove_stage(election, files, stage, header, signature ? &*signature : nullptr);
  folder.keep();
  return stage;
}

}  // namespace evote::mix::io
