// Voter list change sets (streaming SAX reader): any input is read or
// refused with FormatError; a change set read re-encodes to the same bytes,
// the generic canonical-JSON reader agrees, and the streamed hash equals
// the hash of the bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_list.hpp"

using namespace evote::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const evote::crypto::BytesView input(data, size);
  VoterListChanges doc;
  try {
    doc = parse_voter_list_changes(input, "fuzz");
  } catch (const FormatError&) {
    return 0;
  }
  const std::string text = canonical_string(doc);
  if (text != std::string(reinterpret_cast<const char*>(data), size)) __builtin_trap();
  if (canonical_string(parse_canonical(input, "fuzz")) != text) __builtin_trap();
  if (canonical_string(to_json(doc)) != text) __builtin_trap();
  if (doc.signature && change_set_hash(doc) != change_set_hash(input)) __builtin_trap();
  return 0;
}
