// What the trustees decrypt (specs/keys.md §16): only the output of the last
// stage of a mix cascade that verifies from its first input on, with at
// least a minimum number of stages, so that nobody who prepares the tally's
// input can have single ballots decrypted. When the election config names
// the mix servers, the cascade must have exactly one stage per server, each
// signed by its server (mix/io verify_chain). partial-decrypt and combine
// both run this check themselves, before any secret is touched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "evote/cli/args.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/mix/io/mix_stage.hpp"

namespace evote::keys {

// --min-stages when not given. A config naming the mix servers (2 or more)
// requires exactly their number of stages, so its minimum is theirs.
inline constexpr std::uint32_t kDefaultMinStages = 2;

struct CascadeOptions {
  std::filesystem::path config;   // --config: the signed election config
  std::filesystem::path input;    // --input: the cascade's first input (EVCTXT01)
  std::filesystem::path cascade;  // --cascade: stage-K.ctxt / .proof (/ .sig when signed)
  std::uint32_t min_stages = kDefaultMinStages;  // --min-stages
};
CascadeOptions cascade_options(const cli::Args& args);

struct VerifiedCascade {
  std::uint32_t stages = 0;           // K >= min_stages
  std::filesystem::path last_output;  // stage-K.ctxt: what is decrypted
  crypto::Bytes last_output_hash;     // its file hash, as the verified stage-K proof names it
  crypto::Bytes first_input_hash;     // the first input's, as the verified stage-1 proof names it
};

// mix/io verify_chain over the whole folder (every stage's proof, from the
// first input to the last stage; with the config's mix servers, one stage
// per server and every stage's signature), then at least min_stages stages.
// Throws protocol::FormatError naming the cascade and the failed check;
// `progress` hears "stage-K: PASS" per stage.
VerifiedCascade verify_cascade(const mix::io::MixElection& election, const CascadeOptions& options,
                               const std::function<void(const std::string&)>& progress);

}  // namespace evote::keys
