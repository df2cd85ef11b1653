// The streaming prover (stream_shuffle.hpp): specs/mix.md section 6 done in
// three passes over the rows, chunk by chunk:
//   1. output rows (re-encrypted input rows in permuted order) and the
//      products of t4;
//   2. the transcript of the statement and the permutation commitment
//      c_j = g^{r_j} · h_{π⁻¹(j)}, with the product of t3;
//   3. the commitment chain ĉ_i and t̂_i in closed form (prover.cpp), and
//      the sums the responses need.
// Then c, and the responses are written straight into the proof file.
#include <sodium.h>

#include <stdexcept>

#include "challenges.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/mix/io/stream_shuffle.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/file_hash.hpp"
#include "generator_at.hpp"
#include "parallel_multi_exp.hpp"
#include "prover_nonces.hpp"
#include "staged_output.hpp"
#include "stream_common.hpp"
#include "stream_nonces.hpp"

namespace evote::mix::io {

using crypto::Bytes;
using crypto::Element;
using crypto::Scalar;

StreamSecrets StreamSecrets::random(std::size_t rows) {
  StreamSecrets secrets{Permutation::random(rows), crypto::SecretBytes(32)};
  randombytes_buf(secrets.key.data(), secrets.key.size());
  return secrets;
}

namespace {

struct Prover {
  const crypto::Group& group;
  const crypto::ScalarField& field;
  const Element& public_key;
  const RowFile& input;
  const StreamSecrets& secrets;
  NonceSource nonce;
  std::size_t n, w, e, chunk;
  std::shared_ptr<const crypto::FixedBase> g, y, h;
  Bytes seed_msg;

  // Filled by the passes.
  std::vector<Element> t4_a, t4_b;  // prod a'^{ω'} and prod b'^{ω'} per column
  Element h_part;                   // prod h_i^{ω'_i}
  Scalar sum_r, sum_r_u, chain_r;   // Σ r_j, Σ r_j u_j, R_N
  std::vector<Scalar> sum_rho_u;    // Σ_i ρ_{i,k} u'_i per column
  Bytes c_bytes, chain_bytes, t_hat_bytes;
  crypto::Digest u_digest{};

  // Pass 1: output[i] = input[π(i)] re-encrypted with ρ_{i,k}.
  void shuffle_rows(const std::filesystem::path& output) {
    protocol::CiphertextFileWriter writer(output, input.header());
    const std::size_t row_bytes = input.row_bytes();
    for (std::size_t b = 0; b < n; b += chunk) {
      const std::size_t count = std::min(chunk, n - b);
      Bytes raw(count * row_bytes);
      std::vector<std::uint64_t> sources(count);
      for (std::size_t i = 0; i < count; ++i) {
        sources[i] = secrets.permutation[b + i];
        input.read_row(sources[i], raw.data() + i * row_bytes);
      }
      std::vector<crypto::Ciphertext> rows = input.decode(raw, sources);
      std::vector<Scalar> omega_prime(count, field.zero());
      crypto::parallel_ranges(count, 16, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          omega_prime[i] = nonce.omega_prime(b + i);
          for (std::size_t k = 0; k < w; ++k) {
            crypto::Ciphertext& c = rows[i * w + k];
            const Scalar s = nonce.rho(b + i, k);
            c = {group.mul(c.a, g->exp(s)), group.mul(c.b, y->exp(s))};
          }
        }
      });
      writer.append_rows(count, [&](std::size_t i) {
        return std::span<const crypto::Ciphertext>(rows).subspan(i * w, w);
      });
      for (std::size_t k = 0; k < w; ++k) {
        t4_a[k] = group.mul(
            t4_a[k], detail::parallel_multi_exp(group, column_half(rows, w, k, true), omega_prime));
        t4_b[k] = group.mul(t4_b[k], detail::parallel_multi_exp(
                                         group, column_half(rows, w, k, false), omega_prime));
      }
    }
    writer.finish();
  }

  // Pass 2: c_j = g^{r_j} · h_{π⁻¹(j)}, by input row j.
  void commit_permutation(const Permutation& inverse) {
    c_bytes.resize(n * e);
    for (std::size_t b = 0; b < n; b += chunk) {
      const std::size_t count = std::min(chunk, n - b);
      std::vector<Element> c(count, group.identity()), h_i(count, group.identity());
      std::vector<Scalar> r(count, field.zero()), omega_prime(count, field.zero());
      crypto::parallel_ranges(count, 16, [&](std::size_t begin, std::size_t end) {
        for (std::size_t j = begin; j < end; ++j) {
          const std::size_t i = inverse[b + j];
          h_i[j] = detail::generator_at(group, seed_msg, i + 1);
          r[j] = nonce.r(b + j);
          omega_prime[j] = nonce.omega_prime(i);
          c[j] = group.mul(g->exp(r[j]), h_i[j]);
        }
      });
      encode_into(c, c_bytes.data() + b * e);
      h_part = group.mul(h_part, detail::parallel_multi_exp(group, h_i, omega_prime));
      for (const Scalar& s : r) sum_r += s;
    }
  }

  // Pass 3: ĉ_i = g^{R_i} h^{U_i}, t̂_i = g^{ω̂_i + ω'_i R_{i-1}} h^{ω'_i U_{i-1}}.
  void chain() {
    chain_bytes.resize(n * e);
    t_hat_bytes.resize(n * e);
    Scalar big_r = field.zero(), big_u = field.one();
    for (std::size_t b = 0; b < n; b += chunk) {
      const std::size_t count = std::min(chunk, n - b);
      std::vector<Scalar> u_prime(count, field.zero()), r_hat(count, field.zero()),
          r_source(count, field.zero());
      std::vector<std::vector<Scalar>> rho(count);
      crypto::parallel_ranges(count, 16, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          const std::size_t source = secrets.permutation[b + i];
          u_prime[i] = detail::u_at(u_digest, field, source);
          r_hat[i] = nonce.r_hat(b + i);
          r_source[i] = nonce.r(source);
          for (std::size_t k = 0; k < w; ++k) rho[i].push_back(nonce.rho(b + i, k));
        }
      });
      std::vector<Scalar> r_before, u_before, r_after, u_after;
      for (std::size_t i = 0; i < count; ++i) {
        r_before.push_back(big_r);
        u_before.push_back(big_u);
        big_r = r_hat[i] + u_prime[i] * big_r;
        big_u = u_prime[i] * big_u;
        r_after.push_back(big_r);
        u_after.push_back(big_u);
        sum_r_u += r_source[i] * u_prime[i];
        for (std::size_t k = 0; k < w; ++k) sum_rho_u[k] += rho[i][k] * u_prime[i];
      }
      std::vector<Element> chain_c(count, group.identity()), t_hat(count, group.identity());
      crypto::parallel_ranges(count, 16, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          const Scalar omega_prime = nonce.omega_prime(b + i);
          chain_c[i] = group.mul(g->exp(r_after[i]), h->exp(u_after[i]));
          t_hat[i] = group.mul(g->exp(nonce.omega_hat(b + i) + omega_prime * r_before[i]),
                               h->exp(omega_prime * u_before[i]));
        }
      });
      encode_into(chain_c, chain_bytes.data() + b * e);
      encode_into(t_hat, t_hat_bytes.data() + b * e);
    }
    chain_r = big_r;
  }

  // ŝ_i (hat) or s'_i, chunk by chunk, into the proof file.
  void write_responses(protocol::AtomicOutput& file, const Scalar& c, bool hat) {
    const std::size_t l = field.byte_length();
    for (std::size_t b = 0; b < n; b += chunk) {
      const std::size_t count = std::min(chunk, n - b);
      Bytes out(count * l);
      crypto::parallel_ranges(count, 64, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          const Scalar s = hat ? nonce.omega_hat(b + i) + c * nonce.r_hat(b + i)
                               : nonce.omega_prime(b + i) +
                                     c * detail::u_at(u_digest, field, secrets.permutation[b + i]);
          const Bytes bytes = s.encode();
          std::copy(bytes.begin(), bytes.end(), out.begin() + static_cast<std::ptrdiff_t>(i * l));
        }
      });
      file.write(out);
    }
  }
};

}  // namespace

void prove_stage_streaming(const Element& public_key, const ShuffleSeed& seed,
                           const std::filesystem::path& input_path,
                           const std::filesystem::path& output_path,
                           const std::filesystem::path& proof_path, ShuffleProofHeader header,
                           const StreamSecrets& secrets, const StageAttachment* attachment) {
  const crypto::Group& group = public_key.group();
  const RowFile input(input_path);
  if (header.count == 0)
    throw std::invalid_argument("streamed shuffle: no rows (an empty batch is not mixed)");
  if (input.rows() != header.count || input.width() != header.width ||
      secrets.permutation.size() != header.count || &input.group() != &group)
    throw std::invalid_argument("streamed shuffle: header, input, secrets or key do not fit");
  const crypto::ScalarField& field = group.scalars();
  const std::size_t n = header.count, w = header.width;
  Bytes seed_msg = seed_bytes(seed, n, w);
  const Element h = detail::generator_at(group, seed_msg, 0);
  Prover p{group,
           field,
           public_key,
           input,
           secrets,
           NonceSource(field, secrets.key),
           n,
           w,
           group.element_bytes(),
           chunk_rows(w),
           group.precompute(group.generator()),
           group.precompute(public_key),
           group.precompute(h),
           std::move(seed_msg),
           std::vector<Element>(w, group.identity()),
           std::vector<Element>(w, group.identity()),
           group.identity(),
           field.zero(),
           field.zero(),
           field.zero(),
           std::vector<Scalar>(w, field.zero()),
           {},
           {},
           {},
           {}};

  // Both files are made under temporary names and put in place together at
  // the end: a failure on the way leaves neither.
  StagedFile output_file(output_path), proof_file(proof_path);
  p.shuffle_rows(output_file.temp());
  crypto::Transcript t = detail::begin_statement(public_key, seed, n, w);
  absorb_file_range(t, detail::kInputLabel, input.bytes(), input.data_offset(),
                    n * input.row_bytes());
  {
    const RowFile output(output_file.temp());
    absorb_file_range(t, detail::kOutputLabel, output.bytes(), output.data_offset(),
                      n * output.row_bytes());
  }
  p.commit_permutation(secrets.permutation.inverse());
  t.begin_item(detail::kPermutationCommitmentLabel, p.c_bytes.size());
  t.absorb(p.c_bytes);
  t.end_item();
  p.u_digest = t.digest();
  p.chain();

  const NonceSource& nonce = p.nonce;
  const Element t1 = p.g->exp(nonce.omega(1));
  const Element t2 = p.g->exp(nonce.omega(2));
  const Element t3 = group.mul(p.g->exp(nonce.omega(3)), p.h_part);
  std::vector<crypto::Ciphertext> t4;
  for (std::size_t k = 0; k < w; ++k) {
    const Scalar minus = -nonce.omega4(k);
    t4.push_back({group.mul(p.g->exp(minus), p.t4_a[k]), group.mul(p.y->exp(minus), p.t4_b[k])});
  }
  t.begin_item(detail::kCommitmentChainLabel, p.chain_bytes.size());
  t.absorb(p.chain_bytes);
  t.end_item();
  detail::absorb_t_values(t, t1, t2, t3, t4);
  t.begin_item(detail::kTHatLabel, p.t_hat_bytes.size());
  t.absorb(p.t_hat_bytes);
  t.end_item();
  const Scalar c = detail::derive_c(t, field);

  header.input_hash = protocol::hash_file(input_path).hash;
  header.output_hash = protocol::hash_file(output_file.temp()).hash;
  const std::string json = protocol::canonical_string(to_json(header));
  Bytes start(kShuffleProofMagic.begin(), kShuffleProofMagic.end());
  crypto::append_be32(start, static_cast<std::uint32_t>(json.size()));
  protocol::AtomicOutput file(proof_file.temp());
  file.write(start);
  file.write(json);
  Bytes sizes;
  crypto::append_be64(sizes, n);
  crypto::append_be64(sizes, w);
  file.write(sizes);
  file.write(p.c_bytes);
  file.write(p.chain_bytes);
  file.write(t1.encode());
  file.write(t2.encode());
  file.write(t3.encode());
  for (const crypto::Ciphertext& pair : t4) {
    file.write(pair.a.encode());
    file.write(pair.b.encode());
  }
  file.write(p.t_hat_bytes);
  file.write((nonce.omega(1) + c * p.sum_r).encode());
  file.write((nonce.omega(2) + c * p.chain_r).encode());
  file.write((nonce.omega(3) + c * p.sum_r_u).encode());
  for (std::size_t k = 0; k < w; ++k) file.write((nonce.omega4(k) + c * p.sum_rho_u[k]).encode());
  p.write_responses(file, c, true);
  p.write_responses(file, c, false);
  file.commit();
  if (attachment == nullptr) {
    publish_together({&output_file, &proof_file});
    return;
  }
  StagedFile attached(attachment->target);
  {
    protocol::AtomicOutput out(attached.temp());
    out.write(attachment->bytes(header, protocol::hash_file(proof_file.temp()).hash));
    out.commit();
  }
  publish_together({&output_file, &proof_file, &attached});
}

ShuffleWitness stream_witness(const crypto::Group& group, const StreamSecrets& secrets,
                              std::size_t rows, std::size_t width) {
  const NonceSource nonce(group.scalars(), secrets.key);
  ShuffleWitness witness{secrets.permutation.clone(), {}};
  witness.randomness.resize(rows);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t k = 0; k < width; ++k) witness.randomness[i].push_back(nonce.rho(i, k));
  return witness;
}

ProverNonces stream_nonces(const crypto::Group& group, const StreamSecrets& secrets,
                           std::size_t rows, std::size_t width) {
  const NonceSource nonce(group.scalars(), secrets.key);
  ProverNonces out{{}, {}, nonce.omega(1), nonce.omega(2), nonce.omega(3), {}, {}, {}};
  for (std::size_t i = 0; i < rows; ++i) {
    out.r.push_back(nonce.r(i));
    out.r_hat.push_back(nonce.r_hat(i));
    out.omega_hat.push_back(nonce.omega_hat(i));
    out.omega_prime.push_back(nonce.omega_prime(i));
  }
  for (std::size_t k = 0; k < width; ++k) out.omega4.push_back(nonce.omega4(k));
  return out;
}

}  // namespace evote::mix::io
