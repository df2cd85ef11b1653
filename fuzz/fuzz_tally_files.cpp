// The readers of the tally's binary files and the key ceremony's messages:
// shuffle proof files (EVSHUF01, whole and head only), partial-decryption
// files (EVPDEC01) and the dkg-* documents, read against a three-trustee
// setup. Any input is read or refused with FormatError / DecodeError; the
// first byte picks the reader.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "ceremony_messages.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/init.hpp"
#include "evote/mix/io/shuffle_proof_file.hpp"
#include "evote/protocol/error.hpp"
#include "partial_file.hpp"

using namespace evote;

namespace {

std::string scratch_path() {
  static const std::string path = "/tmp/evote-fuzz-tally-" + std::to_string(::getpid()) + ".bin";
  return path;
}

const keys::Setup& setup() {
  static const keys::Setup s = [] {
    crypto::init();
    keys::Setup out;
    out.group = &crypto::ristretto255();
    out.params = {"RK_2027", 3, 2};
    for (std::uint32_t j = 1; j <= 3; ++j)
      out.trustees.push_back({j, crypto::Ed25519SigningKey::generate().public_key(),
                              crypto::X25519KeyPair::generate().public_key()});
    return out;
  }();
  return s;
}

void read_message(std::uint8_t which, const protocol::Json& document) {
  switch (which % 5) {
    case 0: keys::deal_from_json(setup(), document, "deal"); break;
    case 1: keys::boxes_from_json(setup(), document, "boxes"); break;
    case 2: keys::complaints_from_json(setup(), document, "complaints"); break;
    case 3: keys::answers_from_json(setup(), document, "answers"); break;
    default: keys::finish_from_json(setup(), document, "finish"); break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string path = scratch_path();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  try {
    switch (data[0] % 4) {
      case 0: mix::io::read_shuffle_proof_file(path); break;
      case 1: mix::io::read_shuffle_proof_head(path); break;
      case 2: keys::read_partial_file(path, crypto::ristretto255()); break;
      default:
        read_message(size > 1 ? data[1] : 0,
                     protocol::parse_canonical(crypto::BytesView(data + 1, size - 1), "message"));
        break;
    }
  } catch (const protocol::FormatError&) {
  } catch (const crypto::Error&) {
  }
  return 0;
}
