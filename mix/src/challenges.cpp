#include "challenges.hpp"

#include <gmpxx.h>

#include <algorithm>
#include <functional>

#include "evote/crypto/hash.hpp"
#include "evote/crypto/parallel.hpp"
#include "proof_layout.hpp"
#include "statement.hpp"

namespace evote::mix::detail {

using crypto::Bytes;
using crypto::Element;
using crypto::Scalar;
using crypto::Transcript;

namespace {
constexpr std::string_view kDomainTag = "evote/shuffle/v1";
constexpr std::string_view kUTag = "evote/shuffle/u/v1";
constexpr std::string_view kCTag = "evote/shuffle/c/v1";

// Streams `count` encodings of `size` bytes as one item. Blocks of them are
// encoded in parallel first: encoding a computed ristretto255 point costs a
// square root, and the output rows and commitments are computed points.
void absorb_encoded(Transcript& t, std::string_view label, std::size_t count, std::size_t size,
                    const std::function<const Element&(std::size_t)>& element_at) {
  constexpr std::size_t kBlock = 4096;
  t.begin_item(label, count * size);
  Bytes block(std::min(count, kBlock) * size);
  for (std::size_t first = 0; first < count; first += kBlock) {
    const std::size_t in_block = std::min(kBlock, count - first);
    crypto::parallel_ranges(in_block, 256, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        const Bytes encoding = element_at(first + i).encode();
        std::copy(encoding.begin(), encoding.end(),
                  block.begin() + static_cast<std::ptrdiff_t>(i * size));
      }
    });
    t.absorb(crypto::BytesView(block).first(in_block * size));
  }
  t.end_item();
}

void absorb_elements(Transcript& t, std::string_view label, std::span<const Element> elements,
                     std::size_t element_bytes) {
  absorb_encoded(t, label, elements.size(), element_bytes,
                 [&](std::size_t i) -> const Element& { return elements[i]; });
}

// Row by row, column by column, a then b.
void absorb_rows(Transcript& t, std::string_view label, const Rows& rows, std::size_t width,
                 std::size_t element_bytes) {
  absorb_encoded(t, label, rows.size() * width * 2, element_bytes,
                 [&](std::size_t i) -> const Element& {
                   const crypto::Ciphertext& c = rows[i / (2 * width)].items[(i / 2) % width];
                   return i % 2 == 0 ? c.a : c.b;
                 });
}
}  // namespace

Scalar scalar_from_be(const crypto::ScalarField& field, crypto::BytesView bytes) {
  mpz_class v;
  mpz_import(v.get_mpz_t(), bytes.size(), 1, 1, 1, 0, bytes.data());
  return field.from_integer(v);
}

Transcript begin_statement(const Element& public_key, const ShuffleSeed& seed, std::size_t rows,
                           std::size_t width) {
  const crypto::Group& group = public_key.group();
  Transcript t(kDomainTag);
  t.append_text("group", group.name());
  t.append("g", group.generator());
  t.append("public_key", public_key);
  t.append_text("election_id", seed.election_id);
  t.append_text("batch_id", seed.batch_id);
  t.append_u64("stage", seed.stage);
  t.append_u64("width", width);
  t.append_u64("rows", rows);
  return t;
}

Transcript start_transcript(const Element& public_key, const CommitmentGenerators& generators,
                            const Rows& input, const Rows& output,
                            std::span<const Element> permutation_commitment) {
  const std::size_t e = public_key.group().element_bytes();
  Transcript t =
      begin_statement(public_key, generators.seed(), generators.rows(), generators.width());
  absorb_rows(t, kInputLabel, input, generators.width(), e);
  absorb_rows(t, kOutputLabel, output, generators.width(), e);
  absorb_elements(t, kPermutationCommitmentLabel, permutation_commitment, e);
  return t;
}

Scalar u_at(const crypto::Digest& digest, const crypto::ScalarField& field, std::size_t i) {
  Bytes msg(digest.begin(), digest.end());
  crypto::append_be64(msg, i + 1);
  return scalar_from_be(field, crypto::xof(kUTag, msg, kChallengeBytes));
}

std::vector<Scalar> derive_u(const Transcript& transcript, const crypto::ScalarField& field,
                             std::size_t n) {
  const crypto::Digest digest = transcript.digest();
  std::vector<Scalar> u(n, field.zero());
  crypto::parallel_ranges(n, 1024, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) u[i] = u_at(digest, field, i);
  });
  return u;
}

void absorb_t_values(Transcript& t, const Element& t1, const Element& t2, const Element& t3,
                     std::span<const crypto::Ciphertext> t4) {
  const std::size_t e = t1.group().element_bytes();
  t.append("t1", t1);
  t.append("t2", t2);
  t.append("t3", t3);
  t.begin_item("t4", t4.size() * 2 * e);
  for (const crypto::Ciphertext& pair : t4) {
    t.absorb(pair.a.encode());
    t.absorb(pair.b.encode());
  }
  t.end_item();
}

void absorb_commitments(Transcript& t, const ShuffleProof& proof) {
  const std::size_t e = proof.t1.group().element_bytes();
  absorb_elements(t, kCommitmentChainLabel, proof.commitment_chain, e);
  absorb_t_values(t, proof.t1, proof.t2, proof.t3, proof.t4);
  absorb_elements(t, kTHatLabel, proof.t_hat, e);
}

Scalar derive_c(const Transcript& transcript, const crypto::ScalarField& field) {
  const crypto::Digest digest = transcript.digest();
  return scalar_from_be(field, crypto::xof(kCTag, digest, kChallengeBytes));
}

}  // namespace evote::mix::detail

namespace evote::mix {

using crypto::Element;
using crypto::Scalar;
using crypto::Transcript;

ShuffleChallenges shuffle_challenges(const Element& public_key, const Rows& input,
                                     const Rows& output, const ShuffleProof& proof,
                                     const CommitmentGenerators& generators) {
  const crypto::Group& group = public_key.group();
  std::string problem = detail::statement_problem(public_key, input, output);
  if (problem.empty()) problem = detail::generators_problem(group, generators, input);
  if (problem.empty())
    problem = detail::proof_shape_problem(group, proof, input.size(), detail::width_of(input));
  if (!problem.empty()) throw crypto::Error("shuffle challenges: " + problem);
  Transcript transcript =
      detail::start_transcript(public_key, generators, input, output, proof.permutation_commitment);
  std::vector<Scalar> u = detail::derive_u(transcript, group.scalars(), input.size());
  detail::absorb_commitments(transcript, proof);
  return {std::move(u), detail::derive_c(transcript, group.scalars())};
}

}  // namespace evote::mix
