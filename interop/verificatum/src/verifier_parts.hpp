// Private to shuffle_verifier: the per-group part of the checks.
#pragma once

#include <functional>
#include <string>

#include "evote/verificatum/protocol_info.hpp"
#include "evote/verificatum/random_oracle.hpp"
#include "evote/verificatum/shuffle_verifier.hpp"

namespace evote::verificatum {

struct RunContext {
  const ProtocolInfo& info;
  const VerificatumFiles& files;
  std::string type;    // "shuffling" or "mixing"
  std::size_t active;  // mix-servers whose proofs are in the folder
  Bytes rho;
  const HashFunction& ro_hash;
  const HashFunction& prg_hash;
  std::string public_key, input, output, plaintexts;  // resolved paths ("" = none)
};

using Say = std::function<void(const std::string&, bool, const std::string&)>;

// The checks from the public key on, for group G (EcGroup or ModPGroup);
// returns the number of failures it reported.
template <class G>
unsigned check_run(const G& group, const RunContext& context, const Say& say);

}  // namespace evote::verificatum
