// The readers of evote-tally's own files and the mix servers' stage
// signatures: step statements (read against a config naming a tally key),
// ballot lists, results.json, and stage-k.sig documents. Any input is read
// or refused with FormatError / DecodeError; the first byte picks the reader.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "ballot_list.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/init.hpp"
#include "evote/mix/io/stage_signature.hpp"
#include "evote/protocol/error.hpp"
#include "results_json.hpp"
#include "step_statement.hpp"

using namespace evote;

namespace {

std::string scratch_path() {
  static const std::string path = "/tmp/evote-fuzz-tally-steps-" + std::to_string(::getpid()) + ".bin";
  return path;
}

// A small valid election naming a tally key (not validated: the readers
// need its ids, contests and keys only).
const protocol::ElectionConfig& config() {
  static const protocol::ElectionConfig c = [] {
    crypto::init();
    protocol::ElectionConfig out;
    out.election_id = "RK_2027";
    out.names = {{"et", "Valimised"}};
    out.voting_start = 1803279600;
    out.voting_end = out.voting_start + 86400;
    out.group = "ristretto255";
    out.districts = {{"d1", {{"et", "Üks"}}}};
    protocol::Contest mayor{"mayor", protocol::ContestType::single_choice, 1, {{"et", "Linnapea"}}, {}};
    mayor.choices = {{2, "d1", {{"et", "A"}}, {}}, {3, "d1", {{"et", "B"}}, {}}};
    protocol::Contest rank{"rank", protocol::ContestType::ranked, 2, {{"et", "Järjestus"}}, {}};
    rank.choices = {{4, "d1", {{"et", "C"}}, {}}, {5, "d1", {{"et", "D"}}, {}}};
    out.contests = {mayor, rank};
    out.organizer_key = crypto::Ed25519SigningKey::generate().public_key();
    out.tally_key = crypto::Ed25519SigningKey::generate().public_key();
    return out;
  }();
  return c;
}

const crypto::Bytes kConfigHash(32, 7);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string path = scratch_path();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  try {
    switch (data[0] % 4) {
      case 0: tally::read_statement(path, "squash", config(), kConfigHash); break;
      case 1: {
        tally::BallotListReader reader(path, "list");
        while (reader.next()) {
        }
        break;
      }
      case 2: tally::read_results(path, config(), kConfigHash); break;
      default:
        mix::io::stage_statement_from_json(protocol::parse_canonical(crypto::BytesView(data + 1, size - 1), "sig"),
                                           "sig");
        break;
    }
  } catch (const protocol::FormatError&) {
  } catch (const crypto::Error&) {
  }
  return 0;
}
