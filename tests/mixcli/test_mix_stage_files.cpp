// The mix/io library's promises about files (mix_stage.hpp,
// stream_shuffle.hpp), for failures the program cannot easily provoke: a
// stage whose proof cannot be put in place after its output is complete,
// and cascade folders with several missing parents. Whatever fails, the
// folder is left as it was.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/mix/io/mix_stage.hpp"
#include "evote/mix/io/stream_shuffle.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"

namespace fs = std::filesystem;
namespace io = evote::mix::io;
using namespace evote;

namespace {

struct Stage {
  const testing::TestElection& election = testing::test_election();
  testing::TempFolder folder;
  io::MixElection mix;

  Stage() : mix(load()) {}

  io::MixElection load() {
    testing::write_whole_file(folder / "config.json", election.signed_config_bytes);
    return io::load_mix_election(folder / "config.json");
  }

  fs::path input(const std::string& name, std::size_t rows) const {
    const fs::path path = folder / name;
    protocol::CiphertextFileWriter writer(
        path, {election.config.election_id, "mayor", "d1", election.config.group, 1, rows});
    for (std::size_t i = 0; i < rows; ++i)
      writer.append(std::vector{crypto::encrypt(election.election_key.public_key, 101).ciphertext});
    writer.finish();
    return path;
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(folder.path()))
      out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

auto message_has(const std::string& part) {
  return [part](const std::exception& e) {
    BOOST_TEST_INFO("message: " << e.what());
    return std::string(e.what()).find(part) != std::string::npos;
  };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mix_stage_files)

// The output is complete and renamed into place first; when the proof then
// cannot take its name, the output is removed again.
BOOST_AUTO_TEST_CASE(a_proof_that_cannot_be_put_in_place_takes_the_output_with_it) {
  const Stage s;
  const fs::path in = s.input("in.ctxt", 5);
  const std::vector<std::string> before = s.names();
  const protocol::CiphertextFileReader reader(in);
  const protocol::CiphertextFileHeader& h = reader.header();
  const io::ShuffleProofHeader header{
      h.election_id,     h.contest_id, h.district, h.group, h.width, h.count, 1,
      s.mix.config_hash, {},           {}};
  const fs::path same = s.folder / "o";
  BOOST_CHECK_EXCEPTION(io::prove_stage_streaming(s.mix.public_key, io::stage_seed(s.mix, h, 1), in,
                                                  same, same, header, io::StreamSecrets::random(5)),
                        protocol::FormatError, message_has("o: already exists"));
  BOOST_TEST(s.names() == before);

  // run_stage refuses the same name for both before doing any work.
  BOOST_CHECK_EXCEPTION(io::run_stage(s.mix, {in, same, same}, 1), protocol::FormatError,
                        message_has("given as both the output and the proof file"));
  BOOST_TEST(s.names() == before);
}

BOOST_AUTO_TEST_CASE(an_empty_batch_is_refused_before_anything_is_written) {
  const Stage s;
  const fs::path empty = s.input("empty.ctxt", 0);
  const std::vector<std::string> before = s.names();
  const std::string refusal = "ciphertext file " + empty.string() +
                              ": has no rows; an empty batch is not mixed (specs/mix.md §10)";
  BOOST_CHECK_EXCEPTION(io::run_stage(s.mix, {empty, s.folder / "o", s.folder / "p"}, 1),
                        protocol::FormatError, message_has(refusal));
  BOOST_CHECK_EXCEPTION(
      io::run_cascade_step(s.mix, empty, s.folder / "a" / "b" / "c", [](const std::string&) {}),
      protocol::FormatError, message_has(refusal));
  BOOST_TEST(s.names() == before);

  // The streaming prover itself refuses no rows.
  const protocol::CiphertextFileReader reader(empty);
  const protocol::CiphertextFileHeader& h = reader.header();
  BOOST_CHECK_THROW(io::prove_stage_streaming(s.mix.public_key, io::stage_seed(s.mix, h, 1), empty,
                                              s.folder / "o", s.folder / "p",
                                              {h.election_id,
                                               h.contest_id,
                                               h.district,
                                               h.group,
                                               h.width,
                                               0,
                                               1,
                                               s.mix.config_hash,
                                               {},
                                               {}},
                                              io::StreamSecrets::random(0)),
                    std::invalid_argument);
  BOOST_TEST(s.names() == before);
}

// Missing parents of a cascade folder are made with it, and removed with it
// when the stage fails; after a good stage they stay.
BOOST_AUTO_TEST_CASE(cascade_folders_exist_only_for_a_stage_that_succeeded) {
  const Stage s;
  const fs::path in = s.input("in.ctxt", 4);
  crypto::Bytes bytes = testing::read_whole_file(in);
  std::fill(bytes.end() - 32, bytes.end(), 0xff);  // the last row's b is not a group element
  testing::write_whole_file(s.folder / "bad.ctxt", bytes);
  const std::vector<std::string> before = s.names();
  const fs::path dir = s.folder / "a" / "b" / "c";
  const auto quiet = [](const std::string&) {};
  BOOST_CHECK_EXCEPTION(io::run_cascade_step(s.mix, s.folder / "bad.ctxt", dir, quiet),
                        protocol::FormatError,
                        message_has("bad.ctxt: row 4 column 1: ciphertext b: "));
  BOOST_TEST(s.names() == before);

  BOOST_TEST(io::run_cascade_step(s.mix, in, dir, quiet) == 1u);
  BOOST_TEST(fs::exists(dir / "stage-1.ctxt"));
  BOOST_TEST(fs::exists(dir / "stage-1.proof"));
  // A second stage that fails leaves the (now existing) folders and stage 1 alone.
  fs::remove(in);
  testing::write_whole_file(in, bytes);
  BOOST_CHECK_THROW(io::run_cascade_step(s.mix, in, dir, quiet), std::exception);
  std::vector<std::string> kept;
  for (const auto& entry : fs::directory_iterator(dir))
    kept.push_back(entry.path().filename().string());
  std::sort(kept.begin(), kept.end());
  BOOST_TEST(kept == (std::vector<std::string>{"stage-1.ctxt", "stage-1.proof"}));
}

BOOST_AUTO_TEST_SUITE_END()
