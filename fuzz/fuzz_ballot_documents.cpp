// Ballot, signed ballot, receipt and election record readers: any input is
// read or refused with FormatError (the first byte picks the reader).
#include <cstddef>
#include <cstdint>

#include "evote/protocol/ballot.hpp"
#include "evote/protocol/election_record.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_ballot.hpp"

using namespace evote::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const evote::crypto::BytesView input(data + 1, size - 1);
  try {
    switch (data[0] % 4) {
      case 0: decode_ballot(input); break;
      case 1: decode_signed_ballot(input); break;
      case 2: decode_receipt(input); break;
      default: decode_election_record(input); break;
    }
  } catch (const FormatError&) {
  }
  return 0;
}
