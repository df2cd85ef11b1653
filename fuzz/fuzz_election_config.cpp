// Canonical JSON and the election config reader: any input is read or
// refused with FormatError; a document read is re-encoded to the same bytes.
#include <cstddef>
#include <cstdint>

#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"

using namespace evote::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const evote::crypto::BytesView input(data, size);
  Json document;
  try {
    document = parse_canonical(input, "fuzz");
  } catch (const FormatError&) {
    return 0;
  }
  if (canonical_bytes(document) != evote::crypto::Bytes(input.begin(), input.end())) __builtin_trap();
  try {
    const ElectionConfig config = election_config_from_json(document);
    Json again = to_json(config);
    if (document.contains("signature")) again["signature"] = document["signature"];
    if (canonical_bytes(again) != canonical_bytes(document)) __builtin_trap();
  } catch (const FormatError&) {
  }
  return 0;
}
