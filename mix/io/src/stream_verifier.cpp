// The streaming verifier (stream_shuffle.hpp): specs/mix.md section 7 with
// every product over the rows accumulated chunk by chunk. One pass hashes
// the transcript straight from the files; a second decodes a chunk of every
// array (input and output rows, c, ĉ, t̂, ŝ, s') and multiplies its terms
// into each equation's running products; then the equations are checked in
// verify_shuffle's order, with its names. Only if the batched t̂ check
// fails does a third pass look for the first failing row.
#include <sodium.h>

#include <optional>

#include "challenges.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/mix/io/stream_shuffle.hpp"
#include "generator_at.hpp"
#include "parallel_multi_exp.hpp"
#include "stream_common.hpp"
#include "t_hat_batch.hpp"

namespace evote::mix::io {

using crypto::Bytes;
using crypto::Element;
using crypto::Scalar;
using crypto::Verdict;

namespace {

// Where each field of the proof encoding is (section 8).
struct Layout {
  std::uint64_t c, chain, t1, t4, t_hat, s1, s4, s_hat, s_prime;
  Layout(std::uint64_t body, std::uint64_t n, std::uint64_t w, std::uint64_t e, std::uint64_t l)
      : c(body + 16),
        chain(c + n * e),
        t1(chain + n * e),
        t4(t1 + 3 * e),
        t_hat(t4 + 2 * w * e),
        s1(t_hat + n * e),
        s4(s1 + 3 * l),
        s_hat(s4 + w * l),
        s_prime(s_hat + n * l) {}
};

// A decoding failure: the message is the verdict.
struct DecodeFailure {
  std::string message;
};

class ProofFields {
 public:
  ProofFields(const crypto::Group& group, const FileBytes& file) : group_(group), file_(file) {}

  Element element(std::uint64_t offset, const std::string& field) const {
    try {
      return group_.decode(file_.read(offset, group_.element_bytes()));
    } catch (const crypto::DecodeError& e) {
      throw DecodeFailure{fail(field, e.what())};
    }
  }
  Scalar scalar(std::uint64_t offset, const std::string& field) const {
    try {
      return group_.scalars().decode(file_.read(offset, group_.scalars().byte_length()));
    } catch (const crypto::DecodeError& e) {
      throw DecodeFailure{fail(field, e.what())};
    }
  }
  // Elements first+1 .. first+count of an array (named from 1).
  std::vector<Element> elements(std::uint64_t array, std::size_t first, std::size_t count,
                                const std::string& field) const {
    const std::size_t e = group_.element_bytes();
    const Bytes bytes = file_.read(array + first * e, count * e);
    std::vector<Element> out(count, group_.identity());
    try {
      crypto::parallel_ranges(count, 64, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          try {
            out[i] = group_.decode(crypto::BytesView(bytes).subspan(i * e, e));
          } catch (const crypto::DecodeError& error) {
            throw crypto::DecodeError(field + "[" + std::to_string(first + i + 1) +
                                      "]: " + error.what());
          }
        }
      });
    } catch (const crypto::DecodeError& error) {
      throw DecodeFailure{fail_text(error.what())};
    }
    return out;
  }
  std::vector<Scalar> scalars(std::uint64_t array, std::size_t first, std::size_t count,
                              const std::string& field) const {
    const std::size_t l = group_.scalars().byte_length();
    const Bytes bytes = file_.read(array + first * l, count * l);
    std::vector<Scalar> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      try {
        out.push_back(group_.scalars().decode(crypto::BytesView(bytes).subspan(i * l, l)));
      } catch (const crypto::DecodeError& error) {
        throw DecodeFailure{fail(field + "[" + std::to_string(first + i + 1) + "]", error.what())};
      }
    }
    return out;
  }

 private:
  std::string fail(const std::string& field, const std::string& why) const {
    return fail_text(field + ": " + why);
  }
  std::string fail_text(const std::string& what) const {
    return "proof file " + file_.name() + ": shuffle proof: " + what;
  }
  const crypto::Group& group_;
  const FileBytes& file_;
};

void decode_rows(const RowFile& rows, std::size_t first, std::size_t count, const char* which,
                 std::vector<crypto::Ciphertext>& out) {
  try {
    out = rows.decode_range(first, count);
  } catch (const std::exception& e) {
    throw DecodeFailure{std::string(which) + ": " + e.what()};
  }
}

Verdict verify_unchecked(const Element& public_key, const ShuffleSeed& seed, const RowFile& input,
                         const RowFile& output, const FileBytes& proof_file, std::uint64_t body) {
  const crypto::Group& group = public_key.group();
  const crypto::ScalarField& field = group.scalars();
  const std::size_t n = input.rows(), w = input.width();
  const std::size_t e = group.element_bytes(), l = field.byte_length();
  const Layout at(body, n, w, e, l);
  const ProofFields proof(group, proof_file);
  const std::string prefix = "shuffle proof: ";

  const Element t1 = proof.element(at.t1, "t1");
  const Element t2 = proof.element(at.t1 + e, "t2");
  const Element t3 = proof.element(at.t1 + 2 * e, "t3");
  std::vector<crypto::Ciphertext> t4;
  for (std::size_t k = 0; k < w; ++k) {
    const std::string column = "t4[" + std::to_string(k + 1) + "].";
    Element a = proof.element(at.t4 + 2 * k * e, column + "a");
    t4.push_back({std::move(a), proof.element(at.t4 + (2 * k + 1) * e, column + "b")});
  }
  const Scalar s1 = proof.scalar(at.s1, "s1");
  const Scalar s2 = proof.scalar(at.s1 + l, "s2");
  const Scalar s3 = proof.scalar(at.s1 + 2 * l, "s3");
  std::vector<Scalar> s4;
  for (std::size_t k = 0; k < w; ++k)
    s4.push_back(proof.scalar(at.s4 + k * l, "s4[" + std::to_string(k + 1) + "]"));

  // The transcript, from the files' bytes (decoded and checked below).
  crypto::Transcript t = detail::begin_statement(public_key, seed, n, w);
  absorb_file_range(t, detail::kInputLabel, input.bytes(), input.data_offset(),
                    n * input.row_bytes());
  absorb_file_range(t, detail::kOutputLabel, output.bytes(), output.data_offset(),
                    n * output.row_bytes());
  absorb_file_range(t, detail::kPermutationCommitmentLabel, proof_file, at.c, n * e);
  const crypto::Digest u_digest = t.digest();
  absorb_file_range(t, detail::kCommitmentChainLabel, proof_file, at.chain, n * e);
  detail::absorb_t_values(t, t1, t2, t3, t4);
  absorb_file_range(t, detail::kTHatLabel, proof_file, at.t_hat, n * e);
  const Scalar c = detail::derive_c(t, field);

  const Bytes seed_msg = seed_bytes(seed, n, w);
  const Element h = detail::generator_at(group, seed_msg, 0);
  const auto g = group.precompute(group.generator());
  Element c_product = group.identity(), h_product = group.identity();
  Element c_u = group.identity(), h_s = group.identity();  // t3's products
  Scalar u_product = field.one();
  std::vector<Element> in_a(w, group.identity()), in_b(w, group.identity()),
      out_a(w, group.identity()), out_b(w, group.identity());
  Element batch_left = group.identity(), batch_right = group.identity();
  Scalar weighted_s_hat = field.zero();
  std::optional<Element> last_chain;
  std::optional<Scalar> last_delta;

  const std::size_t chunk = chunk_rows(w);
  for (std::size_t b = 0; b < n; b += chunk) {
    const std::size_t count = std::min(chunk, n - b);
    std::vector<crypto::Ciphertext> xs, ys;
    decode_rows(input, b, count, "input", xs);
    decode_rows(output, b, count, "output", ys);
    const std::vector<Element> cs = proof.elements(at.c, b, count, "permutation_commitment");
    const std::vector<Element> chain = proof.elements(at.chain, b, count, "commitment_chain");
    const std::vector<Element> t_hat = proof.elements(at.t_hat, b, count, "t_hat");
    const std::vector<Scalar> s_hat = proof.scalars(at.s_hat, b, count, "s_hat");
    const std::vector<Scalar> s_prime = proof.scalars(at.s_prime, b, count, "s_prime");
    std::vector<Element> h_i(count, group.identity());
    std::vector<Scalar> u(count, field.zero());
    crypto::parallel_ranges(count, 16, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        h_i[i] = detail::generator_at(group, seed_msg, b + i + 1);
        u[i] = detail::u_at(u_digest, field, b + i);
      }
    });
    const std::vector<Scalar> delta = detail::batch_weights(field, count);

    c_product = group.mul(c_product, parallel_product(group, cs));
    h_product = group.mul(h_product, parallel_product(group, h_i));
    for (const Scalar& x : u) u_product *= x;
    c_u = group.mul(c_u, detail::parallel_multi_exp(group, cs, u));
    h_s = group.mul(h_s, detail::parallel_multi_exp(group, h_i, s_prime));
    for (std::size_t k = 0; k < w; ++k) {
      in_a[k] =
          group.mul(in_a[k], detail::parallel_multi_exp(group, column_half(xs, w, k, true), u));
      in_b[k] =
          group.mul(in_b[k], detail::parallel_multi_exp(group, column_half(xs, w, k, false), u));
      out_a[k] = group.mul(out_a[k],
                           detail::parallel_multi_exp(group, column_half(ys, w, k, true), s_prime));
      out_b[k] = group.mul(
          out_b[k], detail::parallel_multi_exp(group, column_half(ys, w, k, false), s_prime));
    }
    // The t̂ batch (t_hat_batch.cpp): this chunk's terms.
    detail::Side left, right;
    for (std::size_t i = 0; i < count; ++i) {
      weighted_s_hat += delta[i] * s_hat[i];
      right.add(t_hat[i], delta[i]);
      const Element& before = i > 0 ? chain[i - 1] : (last_chain ? *last_chain : h);
      if (b + i == 0) {
        detail::add_signed(left, right, h, delta[0] * s_prime[0]);
      } else {
        const Scalar& delta_before = i > 0 ? delta[i - 1] : *last_delta;
        detail::add_signed(left, right, before, delta[i] * s_prime[i] - c * delta_before);
      }
    }
    batch_left = group.mul(batch_left, detail::parallel_multi_exp(group, left.bases, left.exps));
    batch_right =
        group.mul(batch_right, detail::parallel_multi_exp(group, right.bases, right.exps));
    last_chain = chain.back();
    last_delta = delta.back();
  }
  batch_right = group.mul(batch_right, group.exp_vartime(*last_chain, c * *last_delta));

  // t1: g^{s1} = t1 · (prod c_j / prod h_i)^c
  if (g->exp(s1) != group.mul(t1, group.exp_vartime(group.div(c_product, h_product), c)))
    return Verdict::fail(prefix + "permutation commitment check t1 failed");
  // t2: g^{s2} = t2 · (ĉ_N / h^{prod u})^c
  const Element c_hat = group.div(*last_chain, group.exp_vartime(h, u_product));
  if (g->exp(s2) != group.mul(t2, group.exp_vartime(c_hat, c)))
    return Verdict::fail(prefix + "commitment chain check t2 failed");
  // t3 · (prod c_j^{u_j})^c = g^{s3} · prod h_i^{s'_i}
  if (group.mul(t3, group.exp_vartime(c_u, c)) != group.mul(g->exp(s3), h_s))
    return Verdict::fail(prefix + "permutation commitment check t3 failed");
  for (std::size_t k = 0; k < w; ++k) {
    for (const bool a : {true, false}) {
      const Element key_part = a ? g->exp(s4[k]) : group.exp_vartime(public_key, s4[k]);
      const Element left = group.mul(
          group.mul(a ? t4[k].a : t4[k].b, group.exp_vartime(a ? in_a[k] : in_b[k], c)), key_part);
      if (left != (a ? out_a[k] : out_b[k]))
        return Verdict::fail(prefix + "ciphertext check t4 failed (column " +
                             std::to_string(k + 1) + ", " + (a ? "a" : "b") + ")");
    }
  }
  if (group.mul(g->exp(weighted_s_hat), batch_left) == batch_right) return Verdict::pass();

  // Name the first failing row: t̂_i · ĉ_i^c = g^{ŝ_i} · ĉ_{i-1}^{s'_i}.
  Element before = h;
  for (std::size_t b = 0; b < n; b += chunk) {
    const std::size_t count = std::min(chunk, n - b);
    const std::vector<Element> chain = proof.elements(at.chain, b, count, "commitment_chain");
    const std::vector<Element> t_hat = proof.elements(at.t_hat, b, count, "t_hat");
    const std::vector<Scalar> s_hat = proof.scalars(at.s_hat, b, count, "s_hat");
    const std::vector<Scalar> s_prime = proof.scalars(at.s_prime, b, count, "s_prime");
    for (std::size_t i = 0; i < count; ++i) {
      const Element left = group.mul(t_hat[i], group.exp_vartime(chain[i], c));
      const Element right = group.mul(g->exp(s_hat[i]), group.exp_vartime(before, s_prime[i]));
      if (left != right)
        return Verdict::fail(prefix + "commitment chain check t-hat failed (row " +
                             std::to_string(b + i + 1) + ")");
      before = chain[i];
    }
  }
  return Verdict::fail(prefix + "commitment chain check t-hat failed (batch)");
}

}  // namespace

Verdict verify_stage_streaming(const Element& public_key, const ShuffleSeed& seed,
                               const std::filesystem::path& input_path,
                               const std::filesystem::path& output_path,
                               const std::filesystem::path& proof_path,
                               std::uint64_t proof_body_offset) {
  try {
    std::optional<RowFile> input, output;
    try {
      input.emplace(input_path);
    } catch (const std::exception& e) {
      return Verdict::fail(std::string("input: ") + e.what());
    }
    try {
      output.emplace(output_path);
    } catch (const std::exception& e) {
      return Verdict::fail(std::string("output: ") + e.what());
    }
    const crypto::Group& group = public_key.group();
    if (&input->group() != &group || &output->group() != &group)
      return Verdict::fail("input and output must be in the key's group");
    if (output->rows() != input->rows() || output->width() != input->width())
      return Verdict::fail("output has " + std::to_string(output->rows()) + " rows of width " +
                           std::to_string(output->width()) + ", input has " +
                           std::to_string(input->rows()) + " of width " +
                           std::to_string(input->width()));
    if (group.is_identity(public_key)) return Verdict::fail("the public key is the identity");
    const FileBytes proof(proof_path);
    if (proof.size() < proof_body_offset ||
        proof.size() - proof_body_offset !=
            shuffle_proof_length(group, input->rows(), input->width()))
      return Verdict::fail("proof file " + proof_path.string() + ": shuffle proof: wrong length");
    return verify_unchecked(public_key, seed, *input, *output, proof, proof_body_offset);
  } catch (const DecodeFailure& failure) {
    return Verdict::fail(failure.message);
  } catch (const std::exception& e) {
    return Verdict::fail(std::string("shuffle proof: ") + e.what());
  }
}

}  // namespace evote::mix::io
