// One mix server's work on files, and the checks of a whole cascade
// (specs/mix.md, "Mix stages and cascades"). A stage reads a ciphertext
// array file (protocol/ciphertext_file.hpp), writes the shuffled rows to a
// new one and the proof to a shuffle proof file. A cascade folder holds the
// stages in order: stage-1.ctxt + stage-1.proof, stage-2.ctxt + ...; stage k
// shuffles the output of stage k − 1 (stage 1: the cascade's input file).
// When the election config names the mix servers, stage k is made by
// mix_servers[k-1] and signed by it: stage-k.sig (stage_signature.hpp), and
// a cascade then has exactly one stage per server.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/group.hpp"
#include "evote/mix/generators.hpp"
#include "evote/mix/rows.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::mix::io {

// What every stage takes from the election: the signed config, its hash and
// the election public key.
struct MixElection {
  protocol::ElectionConfig config;
  crypto::Bytes config_hash;
  crypto::Element public_key;
};

// Reads the signed config (organizer signature checked) and its election
// public key (membership checked). FormatError names the file and the
// problem, e.g. "has no election public key yet".
MixElection load_mix_election(const std::filesystem::path& signed_config);

// The seed of a stage's commitment generators: election id, batch id
// "<contest_id>/<district>" and the stage number.
ShuffleSeed stage_seed(const MixElection& election, const protocol::CiphertextFileHeader& header,
                       std::uint32_t stage);

struct StageFiles {
  std::filesystem::path input;
  std::filesystem::path output;
  std::filesystem::path proof;
};

// Shuffles `input` into `output` and proves it into `proof`, as stage
// `stage` (>= 1). Throws FormatError for an input file that is not of this
// election's group and id (naming the file and field), for an input with no
// rows ("ciphertext file IN: has no rows; an empty batch is not mixed"), for
// a folder of `output` or `proof` that does not exist, and for a config
// that names the mix servers (their stages are signed: run_cascade_step),
// and refuses to replace an existing output or proof file. Whatever fails,
// nothing is left behind: the output and proof appear together or not at all.
void run_stage(const MixElection& election, const StageFiles& files, std::uint32_t stage);

// Checks one stage; never throws for bad files: the Verdict names the first
// failed check ("output: ciphertext file o.ctxt: row 8 column 1: ...",
// "shuffle proof: permutation commitment check t1 failed", "proof file is
// for stage 2, expected 3", "output file is not the one the proof names",
// "signature: signed by another key (expected mix server 2 \"Org B\")").
// When the config names the mix servers, `signature` is the stage's
// signature file and is checked (verify_stage_signature) before the proof;
// when it names none, a `signature` is refused (stages are not signed).
crypto::Verdict verify_stage(const MixElection& election, const StageFiles& files,
                             std::optional<std::uint32_t> expected_stage,
                             const std::optional<std::filesystem::path>& signature = std::nullopt);

// The files of stage k in a cascade folder.
StageFiles cascade_stage_files(const std::filesystem::path& cascade,
                               const std::filesystem::path& input, std::uint32_t stage);
// stage-k.sig in a cascade folder.
std::filesystem::path cascade_signature_file(const std::filesystem::path& cascade,
                                             std::uint32_t stage);

// How many stages the folder holds so far (stage-k.ctxt and stage-k.proof
// for k = 1..K; 0 when the folder does not exist): the next stage is K + 1.
// Nothing is checked (verify_chain does that).
std::uint32_t cascade_stages_present(const std::filesystem::path& cascade);

struct ChainVerdict {
  crypto::Verdict verdict;
  std::uint32_t stages = 0;  // complete stages found in the folder
};

// Checks that the folder holds stages 1..K and nothing else named stage-*,
// every stage's proof verifies, and (when given) K == expected_stages.
// When the config names n mix servers: K == n (an expected_stages other than
// n fails), stage-k.sig is part of every stage and is checked; when it names
// none, a stage-k.sig is a stray file. `progress` hears one line per stage
// checked.
ChainVerdict verify_chain(const MixElection& election, const std::filesystem::path& input,
                          const std::filesystem::path& cascade,
                          std::optional<std::uint32_t> expected_stages,
                          const std::function<void(const std::string&)>& progress);

// A mix server's turn in a cascade: verifies every stage already in the
// folder (as verify_chain, but with fewer stages than mix servers allowed)
// and only then adds stage K + 1; returns K + 1. A folder that does not
// exist is a cascade of no stages; it is created (with its parents) only
// for the new stage and removed again if the stage fails. When the config
// names the mix servers, `signing_key` must be mix_servers[K]'s (FormatError
// naming the server that makes stage K + 1 otherwise, or saying the cascade
// is complete) and stage-(K+1).sig is written with the output and proof
// (all three or none); when it names none, `signing_key` must be null.
// Throws crypto::Error naming the failed check when the chain does not
// verify, and run_stage's errors; a refused or failed step changes nothing.
std::uint32_t run_cascade_step(const MixElection& election, const std::filesystem::path& input,
                               const std::filesystem::path& cascade,
                               const std::function<void(const std::string&)>& progress,
                               const crypto::Ed25519SigningKey* signing_key = nullptr);

}  // namespace evote::mix::io
