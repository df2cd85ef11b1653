// Stands in for the ballot box in the officials' walkthrough until
// `evote-tally anonymize` exists: encrypts the given choice codes under the
// signed config's election key into a ciphertext file (EVCTXT01), the input
// of a mix cascade. Not a production tool: real rows come from voters'
// ballots, and their randomness is never seen by whoever writes this file.
//
//   encrypt_test_rows CONFIG CONTEST DISTRICT OUT ROW...
//   ROW = CODE[,CODE...]  (one ciphertext per code; every row the contest's width)
#include <cstdio>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/init.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/config_file.hpp"

using namespace evote;

namespace {

std::vector<std::uint64_t> parse_row(const std::string& text) {
  std::vector<std::uint64_t> codes;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) codes.push_back(std::stoull(part));
  return codes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: encrypt_test_rows CONFIG CONTEST DISTRICT OUT ROW...\n");
    return 2;
  }
  try {
    crypto::init();
    const protocol::ElectionConfig config = protocol::load_signed_election_config(argv[1]);
    if (!config.election_public_key)
      throw std::runtime_error(std::string(argv[1]) + ": no election key yet");
    const crypto::Group& group = crypto::group_by_name(config.group);
    const crypto::Element key = group.decode(*config.election_public_key);
    const protocol::Contest* contest = nullptr;
    for (const protocol::Contest& c : config.contests)
      if (c.id == argv[2]) contest = &c;
    if (!contest) throw std::runtime_error(std::string("no contest ") + argv[2]);
    const std::uint64_t rows = static_cast<std::uint64_t>(argc - 5);
    protocol::CiphertextFileWriter writer(argv[4], {config.election_id, contest->id, argv[3],
                                                    config.group, contest->max_selections, rows});
    for (int i = 5; i < argc; ++i) {
      std::vector<crypto::Ciphertext> row;
      for (std::uint64_t code : parse_row(argv[i]))
        row.push_back(crypto::encrypt(key, code).ciphertext);
      writer.append(row);
    }
    writer.finish();
    std::printf("wrote %llu rows to %s\n", static_cast<unsigned long long>(rows), argv[4]);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "encrypt_test_rows: %s\n", e.what());
    return 1;
  }
}
