// Stage signatures (specs/mix.md §10, "Stage signatures"): when the election
// config names the mix servers, stage k of every batch is made by
// mix_servers[k-1], who signs it. The signature file (stage-k.sig in a
// cascade folder) is a signed document (protocol/signed_document.hpp, tag
// "evote/signed-document/v1/mix-stage") whose canonical bytes are
//
//   {"config_hash":..,"contest_id":..,"district":..,"election_id":..,
//    "input_hash":..,"mix_server":<name>,"output_hash":..,"proof_hash":..,
//    "signature":{..},"stage":k,"type":"mix-stage","version":1}
//
// with the file hashes (protocol/file_hash.hpp) of the signed config and of
// the stage's input, output and proof files. It says which organisation
// made the stage and binds the stage's files to it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/mix/io/shuffle_proof_file.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::mix::io {

inline constexpr std::string_view kStageSignatureType = "mix-stage";
inline constexpr std::uint64_t kStageSignatureVersion = 1;

// What a mix server signs about the stage it made.
struct StageStatement {
  std::string election_id;
  std::string contest_id;
  std::string district;  // "" for rows of all districts
  std::uint32_t stage = 1;
  std::string mix_server;     // mix_servers[stage-1].name
  crypto::Bytes config_hash;  // file hashes, 32 bytes each
  crypto::Bytes input_hash;
  crypto::Bytes output_hash;
  crypto::Bytes proof_hash;
  bool operator==(const StageStatement&) const = default;
};

// The statement without its signature.
protocol::Json to_json(const StageStatement& statement);
// Reads a signature file's document strictly (type, version, exactly these
// members and "signature", a stage >= 1, 32-byte hashes); FormatError names
// `what` and the field. The signature itself is not checked here.
StageStatement stage_statement_from_json(const protocol::Json& document, const std::string& what);
// The canonical bytes of the signature file: the statement signed with `key`.
crypto::Bytes signed_stage_statement(const StageStatement& statement,
                                     const crypto::Ed25519SigningKey& key);

// "mix server 2 \"Org B\"", for messages.
std::string describe_mix_server(const protocol::ElectionConfig& config, std::uint32_t stage);

// Throws protocol::FormatError unless the config names a mix server for
// `stage` (1-based) and `key` is its signing key; `what` names the key in
// the message ("mix-2.key: not the key of mix server 2 \"Org B\", who makes
// stage 2 (it is mix server 1 \"Org A\"'s)").
void check_stage_key(const protocol::ElectionConfig& config, std::uint32_t stage,
                     const crypto::Ed25519PublicKey& key, const std::string& what);

// The statement of a stage whose proof file has `proof_header` and whose
// proof file hashes to `proof_hash`, for the server of its stage.
StageStatement stage_statement(const protocol::ElectionConfig& config,
                               const ShuffleProofHeader& proof_header,
                               const crypto::Bytes& proof_hash);

// Checks the signature file of stage `stage` (the config must name a mix
// server for it) against the stage's proof header (already checked to be
// the stage's, its input's and this config's) and proof file. Never throws
// for bad files; the verdict names the first failed check in the order of
// specs/mix.md §10: the file is there and reads, it is signed by the
// stage's mix server ("signed by another key (expected mix server 2
// \"Org B\")"), the signature verifies, and it names this stage, election,
// batch, config, server and the proof's input, output and proof hashes.
crypto::Verdict verify_stage_signature(const protocol::ElectionConfig& config,
                                       const std::filesystem::path& signature_file,
                                       std::uint32_t stage, const ShuffleProofHeader& proof_header,
                                       const std::filesystem::path& proof_file);

}  // namespace evote::mix::io
