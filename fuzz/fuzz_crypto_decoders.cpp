// Group element, scalar, ciphertext and proof decoders of every group: any
// input is decoded or refused with DecodeError, nothing else.
#include <cstddef>
#include <cstdint>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/proofs.hpp"

using namespace evote::crypto;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto names = group_names();
  const Group& group = group_by_name(names[data[0] % names.size()]);
  const BytesView input(data + 1, size - 1);
  try {
    const Element e = group.decode(input);
    if (e.encode() != Bytes(input.begin(), input.end())) __builtin_trap();  // canonical round trip
  } catch (const DecodeError&) {
  }
  try {
    group.scalars().decode(input);
  } catch (const DecodeError&) {
  }
  try {
    decode_ciphertext(group, input);
  } catch (const DecodeError&) {
  }
  try {
    decode_chaum_pedersen_proof(group, input);
  } catch (const DecodeError&) {
  }
  try {
    decode_ballot_proof(group, input);
  } catch (const DecodeError&) {
  }
  return 0;
}
