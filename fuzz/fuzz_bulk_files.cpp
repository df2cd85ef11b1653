// The streaming file readers: ballot box exports (JSON Lines, checked against
// the example election's config) and ciphertext array files. Any input is
// read to the end or refused with FormatError (the first byte picks the
// reader).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"

using namespace evote::protocol;

namespace {

const ElectionConfig& example_config() {
  static const ElectionConfig config = election_config_from_json(
      parse_canonical(read_file(std::string(EVOTE_SOURCE_DIR) + "/specs/examples/config.json"), "config"));
  return config;
}

std::string scratch_path() {
  static const std::string path = "/tmp/evote-fuzz-" + std::to_string(::getpid()) + ".bin";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string path = scratch_path();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data + 1),
                                                               static_cast<std::streamsize>(size - 1));
  try {
    if (data[0] % 2 == 0) {
      BallotBoxReader reader(path, example_config());
      while (reader.next()) {
      }
    } else {
      CiphertextFileReader reader(path);
      while (!reader.read_rows(64).empty()) {
      }
    }
  } catch (const FormatError&) {
  }
  return 0;
}
