// The streaming prover (what evote-mix runs) makes, byte for byte, the proof
// that the in-memory prover makes with the same secrets, and the output rows
// of shuffle_with; the streaming and in-memory verifiers agree. Run with
// chunks of a few rows so that every chunk boundary is crossed.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/mix/io/shuffle_proof_file.hpp"
#include "evote/mix/io/stream_shuffle.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "support/temp_folder.hpp"

namespace fs = std::filesystem;
namespace io = evote::mix::io;
using namespace evote;

namespace {

mix::Rows read_rows(const fs::path& path) {
  protocol::CiphertextFileReader reader(path);
  mix::Rows rows;
  for (auto& row : reader.read_rows(1u << 20)) rows.push_back(mix::Row{row});
  return rows;
}

void check_equivalence(std::string_view group_name, std::size_t n, std::size_t width,
                       const char* chunk_rows) {
  BOOST_TEST_CONTEXT(group_name << " N=" << n << " w=" << width << " chunk=" << chunk_rows) {
    ::setenv("EVOTE_MIX_CHUNK_ROWS", chunk_rows, 1);
    const crypto::Group& group = crypto::group_by_name(group_name);
    const crypto::KeyPair keys = crypto::generate_keypair(group);
    testing::TempFolder folder;
    const fs::path in = folder / "in.ctxt", out = folder / "out.ctxt", proof = folder / "p";
    {
      protocol::CiphertextFileWriter writer(in, {"E_1", "c", "", std::string(group_name),
                                                 static_cast<std::uint32_t>(width), n});
      for (std::size_t i = 0; i < n; ++i) {
        std::vector<crypto::Ciphertext> row;
        for (std::size_t k = 0; k < width; ++k)
          row.push_back(crypto::encrypt(keys.public_key, 2 + i + k).ciphertext);
        writer.append(row);
      }
      writer.finish();
    }
    const mix::ShuffleSeed seed{"E_1", "c/", 2};
    const io::StreamSecrets secrets = io::StreamSecrets::random(n);
    io::ShuffleProofHeader header{"E_1", "c", "", std::string(group_name),
                                  static_cast<std::uint32_t>(width), n, 2,
                                  crypto::Bytes(32, 7), {}, {}};
    io::prove_stage_streaming(keys.public_key, seed, in, out, proof, header, secrets);

    const mix::Rows input = read_rows(in), output = read_rows(out);
    const mix::ShuffleWitness witness = io::stream_witness(group, secrets, n, width);
    BOOST_TEST((output == mix::shuffle_with(keys.public_key, input, witness)));
    const auto generators = mix::CommitmentGenerators::derive(group, seed, n, width);
    const mix::ShuffleProof expected = mix::prove_shuffle_with_nonces(
        keys.public_key, input, output, witness, generators,
        io::stream_nonces(group, secrets, n, width));
    const io::ShuffleProofFileHead head = io::read_shuffle_proof_head(proof);
    const crypto::Bytes file = testing::read_whole_file(proof);
    const crypto::Bytes body(file.begin() + static_cast<std::ptrdiff_t>(head.body_offset), file.end());
    BOOST_TEST((body == mix::encode(expected)));

    BOOST_TEST(io::verify_stage_streaming(keys.public_key, seed, in, out, proof, head.body_offset).ok);
    BOOST_TEST(mix::verify_shuffle(keys.public_key, input, output, expected, seed).ok);
    // Another stage's seed fails in both.
    const mix::ShuffleSeed other{"E_1", "c/", 3};
    const crypto::Verdict streamed =
        io::verify_stage_streaming(keys.public_key, other, in, out, proof, head.body_offset);
    const crypto::Verdict in_memory = mix::verify_shuffle(keys.public_key, input, output, expected, other);
    BOOST_TEST(!streamed.ok);
    BOOST_TEST(streamed.reason == in_memory.reason);
    ::unsetenv("EVOTE_MIX_CHUNK_ROWS");
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(streamed_proofs_equal_in_memory_proofs) {
  check_equivalence("ristretto255", 23, 1, "5");
  check_equivalence("ristretto255", 9, 3, "4");
  check_equivalence("ristretto255", 6, 1, "100");
  check_equivalence("modp3072-rfc3526", 5, 2, "2");
}

BOOST_AUTO_TEST_CASE(a_bad_response_is_named_by_row_across_chunks) {
  ::setenv("EVOTE_MIX_CHUNK_ROWS", "4", 1);
  const crypto::Group& group = crypto::ristretto255();
  const crypto::KeyPair keys = crypto::generate_keypair(group);
  testing::TempFolder folder;
  const fs::path in = folder / "in.ctxt", out = folder / "out.ctxt", proof = folder / "p";
  const std::size_t n = 13;
  {
    protocol::CiphertextFileWriter writer(in, {"E_1", "c", "", "ristretto255", 1, n});
    for (std::size_t i = 0; i < n; ++i)
      writer.append(std::vector{crypto::encrypt(keys.public_key, 2 + i).ciphertext});
    writer.finish();
  }
  const mix::ShuffleSeed seed{"E_1", "c/", 1};
  io::prove_stage_streaming(keys.public_key, seed, in, out, proof,
                            {"E_1", "c", "", "ristretto255", 1, n, 1, crypto::Bytes(32, 7), {}, {}},
                            io::StreamSecrets::random(n));
  const io::ShuffleProofFileHead head = io::read_shuffle_proof_head(proof);
  BOOST_TEST(io::verify_stage_streaming(keys.public_key, seed, in, out, proof, head.body_offset).ok);
  // ŝ_10 (not in the transcript): only row 10's t̂ check fails.
  crypto::Bytes file = testing::read_whole_file(proof);
  const std::size_t s_hat_10 = head.body_offset + 16 + (3 * n + 3 + 2) * 32 + (3 + 1) * 32 + 9 * 32;
  file[s_hat_10 + 31] ^= 0x01;  // the last byte: the value stays below q
  testing::write_whole_file(proof, file);
  const crypto::Verdict v =
      io::verify_stage_streaming(keys.public_key, seed, in, out, proof, head.body_offset);
  BOOST_TEST(!v.ok);
  BOOST_TEST(v.reason == "shuffle proof: commitment chain check t-hat failed (row 10)");
  ::unsetenv("EVOTE_MIX_CHUNK_ROWS");
}
