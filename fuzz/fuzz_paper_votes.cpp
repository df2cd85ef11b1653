// Paper-vote lists (streaming SAX reader): any input is read or refused
// with FormatError; a list read re-encodes to the same bytes and the
// generic canonical-JSON reader agrees.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evote/protocol/error.hpp"
#include "evote/protocol/paper_votes.hpp"

using namespace evote::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const evote::crypto::BytesView input(data, size);
  PaperVotes doc;
  try {
    doc = parse_paper_votes(input, "fuzz");
  } catch (const FormatError&) {
    return 0;
  }
  const std::string text = canonical_string(doc);
  if (text != std::string(reinterpret_cast<const char*>(data), size)) __builtin_trap();
  if (canonical_string(parse_canonical(input, "fuzz")) != text) __builtin_trap();
  if (canonical_string(to_json(doc)) != text) __builtin_trap();
  return 0;
}
