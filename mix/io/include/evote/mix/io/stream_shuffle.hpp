// The proof of shuffle on files, chunk by chunk (specs/mix.md section 10,
// "Streaming"): the same proof, byte for byte, as prove_shuffle with the
// same secrets, and the same checks as verify_shuffle, but the rows stay on
// disk. The prover keeps the permutation and the 3N commitment encodings
// in memory; everything else (rows, generators, nonces, challenges) is
// made, used and dropped a chunk at a time. This is what evote-mix runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>

#include "evote/crypto/error.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "evote/mix/generators.hpp"
#include "evote/mix/io/shuffle_proof_file.hpp"
#include "evote/mix/permutation.hpp"
#include "evote/mix/shuffle.hpp"

namespace evote::mix::io {

// A streamed stage's secrets: the permutation and the 32-byte key of the
// PRF that gives every other secret scalar (re-encryption randomness and
// the prover's nonces) by index, so none of them is stored.
struct StreamSecrets {
  Permutation permutation;
  crypto::SecretBytes key;
  static StreamSecrets random(std::size_t rows);
};

// A third file published with a stage's output and proof (its signature,
// stage_signature.hpp): `bytes` gets the finished proof header (its hashes
// filled in) and the proof file's hash, once output and proof are complete
// and before either is put in place.
struct StageAttachment {
  std::filesystem::path target;
  std::function<crypto::Bytes(const ShuffleProofHeader& header, const crypto::Bytes& proof_hash)>
      bytes;
};

// Shuffles the rows of `input` into `output` under `public_key` and writes
// the proof file `proof` with `header` (its input and output hashes are
// filled in here). The input must already be known to be this election's
// (mix_stage.cpp checks); its rows are decoded strictly (FormatError names
// the row, counted from 1). Throws std::invalid_argument if the header's
// count and width are not the input's, or the count is 0. Both files (and
// the attachment, when given) are written under temporary names and renamed
// into place together at the end, output first (never replacing an existing
// file): on any failure none exists and no temporary file is left.
void prove_stage_streaming(const crypto::Element& public_key, const ShuffleSeed& seed,
                           const std::filesystem::path& input, const std::filesystem::path& output,
                           const std::filesystem::path& proof, ShuffleProofHeader header,
                           const StreamSecrets& secrets,
                           const StageAttachment* attachment = nullptr);

// Checks the proof whose encoding starts at `proof_body_offset` in
// `proof_file` (its length already checked: read_shuffle_proof_header) for
// the rows of `input` and `output` (same count and width). Never throws for
// bad files: decoding failures name the file, row or field; failed
// equations have verify_shuffle's names.
crypto::Verdict verify_stage_streaming(const crypto::Element& public_key, const ShuffleSeed& seed,
                                       const std::filesystem::path& input,
                                       const std::filesystem::path& output,
                                       const std::filesystem::path& proof_file,
                                       std::uint64_t proof_body_offset);

// For tests: the witness and nonces the streaming prover derives from
// `secrets`; prove_shuffle_with_nonces with them gives the same proof.
ShuffleWitness stream_witness(const crypto::Group& group, const StreamSecrets& secrets,
                              std::size_t rows, std::size_t width);
ProverNonces stream_nonces(const crypto::Group& group, const StreamSecrets& secrets,
                           std::size_t rows, std::size_t width);

}  // namespace evote::mix::io
