// Batch verification of partial decryption proofs (specs/keys.md, "Batch
// verification"). Proof (A, B, s) for statement (a, Y, d) with challenge c
// holds iff g^s = A Y^c and a^s = B d^c. With independent random 128-bit
// weights rho per proof, every proof of a chunk is checked at once by
//   g^{-sum rho s} * prod A^rho * prod_j Y_j^{sum rho c}        == 1
//   prod_i a_i^{-sum_j rho s} * prod B^rho * prod d^{rho c}   == 1
// (two multi-exponentiations; a_i is shared by all trustees). A false
// proof passes with probability at most about 2^-128.
#include <algorithm>
#include <iterator>

#include "evote/crypto/error.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/crypto/random.hpp"
#include "evote/crypto/threshold.hpp"
#include "mpz_bytes.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

using threshold_detail::in_group;

constexpr std::size_t kChunk = 1024;      // ciphertexts per batch equation
constexpr std::size_t kWeightBytes = 16;  // 128-bit weights
constexpr std::size_t kListedPositions = 10;

// A submission that passed the structural checks.
struct Candidate {
  const TrusteeDecryptions* data;
  Element key;  // Y_j
};

struct Failure {
  std::uint64_t position;
  std::string reason;
};

// Per candidate, the failed positions of one chunk.
using ChunkFailures = std::vector<std::vector<Failure>>;

std::string structural_problem(const Group& group, const ThresholdParams& params, std::size_t count,
                               const TrusteeDecryptions& s) {
  if (s.trustee < 1 || s.trustee > params.trustees) {
    return "trustee index " + std::to_string(s.trustee) + " outside 1.." +
           std::to_string(params.trustees);
  }
  if (s.parts.size() != count) {
    return std::to_string(s.parts.size()) + " partial decryptions for " + std::to_string(count) +
           " ciphertexts";
  }
  for (std::size_t p = 0; p < count; ++p) {
    const PartialDecryption& d = s.parts[p];
    if (!in_group(group, d.share) || !in_group(group, d.proof.commitment_g) ||
        !in_group(group, d.proof.commitment_u) || &d.proof.response.field() != &group.scalars()) {
      return "partial decryption " + std::to_string(p) + " is not in group " +
             std::string(group.name());
    }
  }
  return {};
}

// Uniform in [1, 2^128): the verifier's own randomness, unknown to provers.
std::vector<Scalar> random_weights(const ScalarField& field, std::size_t count) {
  const Bytes bytes = random_bytes(kWeightBytes * count);
  std::vector<Scalar> out;
  out.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    mpz_class w = mpz_from_be(BytesView(bytes).subspan(k * kWeightBytes, kWeightBytes));
    if (w == 0) w = 1;
    out.push_back(field.from_integer(w));
  }
  return out;
}

// The terms of the two batch equations.
struct Terms {
  std::vector<Element> bases_g, bases_a;
  std::vector<Scalar> exps_g, exps_a;
  void add_g(const Element& b, Scalar e) { bases_g.push_back(b), exps_g.push_back(std::move(e)); }
  void add_a(const Element& b, Scalar e) { bases_a.push_back(b), exps_a.push_back(std::move(e)); }
};

// prod bases[i]^exps[i] computed in `parts` pieces at once (the same
// element): a list shorter than one chunk per thread still uses every core,
// also in groups whose multi_exp runs on one thread (modp).
Element split_multi_exp(const Group& group, std::span<const Element> bases,
                        std::span<const Scalar> exps, std::size_t parts) {
  parts = std::min(parts, bases.size() / 64);  // tiny products: one piece
  if (parts <= 1) return group.multi_exp(bases, exps);
  std::vector<Element> products(parts, group.identity());
  parallel_for(parts, [&](std::size_t k) {
    const std::size_t lo = bases.size() * k / parts, hi = bases.size() * (k + 1) / parts;
    products[k] = group.multi_exp(bases.subspan(lo, hi - lo), exps.subspan(lo, hi - lo));
  });
  Element product = products[0];
  for (std::size_t k = 1; k < parts; ++k) product = group.mul(product, products[k]);
  return product;
}

// Do both equations hold for `candidates` over ciphertexts [lo, hi) (at
// positions first + lo ...)? Each multi-exponentiation in `parts` pieces
// (split_multi_exp).
bool batch_holds(const Group& group, std::span<const Ciphertext> ciphertexts,
                 std::span<const Candidate* const> candidates, std::size_t lo, std::size_t hi,
                 const DecryptionContext& context, std::uint64_t first, std::size_t parts) {
  const ScalarField& field = group.scalars();
  const std::size_t count = hi - lo;
  const std::vector<Scalar> rho = random_weights(field, count * candidates.size());
  Terms terms;
  Scalar g_exp = field.zero();
  std::vector<Scalar> a_exp(count, field.zero());
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const Candidate& cand = *candidates[k];
    Scalar y_exp = field.zero();
    for (std::size_t i = lo; i < hi; ++i) {
      const PartialDecryption& part = cand.data->parts[i];
      const Scalar c = chaum_pedersen_challenge(
          ciphertexts[i].a, cand.key, part.share, part.proof.commitment_g, part.proof.commitment_u,
          partial_decryption_context(context, cand.data->trustee, first + i));
      const Scalar& r = rho[k * count + (i - lo)];
      const Scalar rs = r * part.proof.response;
      g_exp += rs;
      a_exp[i - lo] += rs;
      Scalar rc = r * c;
      y_exp += rc;
      terms.add_g(part.proof.commitment_g, r);
      terms.add_a(part.proof.commitment_u, r);
      terms.add_a(part.share, std::move(rc));
    }
    terms.add_g(cand.key, std::move(y_exp));
  }
  terms.add_g(group.generator(), -g_exp);
  for (std::size_t i = lo; i < hi; ++i) terms.add_a(ciphertexts[i].a, -a_exp[i - lo]);
  return group.is_identity(split_multi_exp(group, terms.bases_g, terms.exps_g, parts)) &&
         group.is_identity(split_multi_exp(group, terms.bases_a, terms.exps_a, parts));
}

std::vector<Failure> individual_failures(std::span<const Ciphertext> ciphertexts,
                                         const Candidate& cand, std::size_t lo, std::size_t hi,
                                         const DecryptionContext& context, std::uint64_t first) {
  std::vector<Failure> out;
  for (std::size_t i = lo; i < hi; ++i) {
    const Verdict v = verify_partial_decryption(cand.key, ciphertexts[i], cand.data->parts[i],
                                                context, cand.data->trustee, first + i);
    if (!v) out.push_back({first + i, v.reason});
  }
  return out;
}

// All candidates at once; if that fails, each alone; if that fails, each proof.
ChunkFailures check_chunk(const Group& group, std::span<const Ciphertext> ciphertexts,
                          std::span<const Candidate* const> all, std::size_t lo, std::size_t hi,
                          const DecryptionContext& context, std::uint64_t first,
                          std::size_t parts) {
  ChunkFailures out(all.size());
  if (batch_holds(group, ciphertexts, all, lo, hi, context, first, parts)) return out;
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (all.size() > 1 &&
        batch_holds(group, ciphertexts, all.subspan(k, 1), lo, hi, context, first, parts)) {
      continue;
    }
    out[k] = individual_failures(ciphertexts, *all[k], lo, hi, context, first);
  }
  return out;
}

std::string describe(std::span<const Failure> failures, std::size_t count) {
  std::string positions;
  for (std::size_t k = 0; k < failures.size() && k < kListedPositions; ++k) {
    positions += (k ? ", " : "") + std::to_string(failures[k].position);
  }
  if (failures.size() > kListedPositions) positions += ", ...";
  return std::to_string(failures.size()) + " of " + std::to_string(count) +
         " partial decryptions fail (positions " + positions + "); first: " + failures[0].reason;
}

void require_ciphertexts_in(const Group& group, std::span<const Ciphertext> ciphertexts) {
  for (std::size_t i = 0; i < ciphertexts.size(); ++i) {
    if (!in_group(group, ciphertexts[i].a) || !in_group(group, ciphertexts[i].b)) {
      throw Error("partial decryptions: ciphertext " + std::to_string(i) + " is not in group " +
                  std::string(group.name()));
    }
  }
}

}  // namespace

std::vector<TrusteeVerdict> verify_partial_decryptions(
    const ThresholdParams& params, const JointKey& key, std::span<const Ciphertext> ciphertexts,
    std::span<const TrusteeDecryptions> submissions, const DecryptionContext& context,
    std::uint64_t first_position) {
  check_params(params);
  const Group& group = key.public_key.group();
  require_ciphertexts_in(group, ciphertexts);
  std::vector<TrusteeVerdict> verdicts(submissions.size());
  std::vector<Candidate> candidates;
  std::vector<std::size_t> slot_of;  // candidate -> index in submissions
  for (std::size_t s = 0; s < submissions.size(); ++s) {
    verdicts[s].trustee = submissions[s].trustee;
    std::string problem = structural_problem(group, params, ciphertexts.size(), submissions[s]);
    if (!problem.empty()) {
      verdicts[s].reason = "trustee " + std::to_string(submissions[s].trustee) + ": " + problem;
      continue;
    }
    candidates.push_back({&submissions[s], threshold_detail::with_encoding(
                                               verification_key(key, submissions[s].trustee))});
    slot_of.push_back(s);
  }
  std::vector<const Candidate*> pointers;
  for (const Candidate& c : candidates) pointers.push_back(&c);
  const std::size_t chunks = (ciphertexts.size() + kChunk - 1) / kChunk;
  // Fewer chunks than threads (a short list): each chunk's products in pieces.
  const std::size_t threads = hardware_threads();
  const std::size_t parts = chunks == 0 || chunks >= threads ? 1 : (threads + chunks - 1) / chunks;
  std::vector<ChunkFailures> results(chunks);
  parallel_for(chunks, [&](std::size_t k) {
    const std::size_t lo = k * kChunk, hi = std::min(ciphertexts.size(), lo + kChunk);
    results[k] = check_chunk(group, ciphertexts, pointers, lo, hi, context, first_position, parts);
  });
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    std::vector<Failure> all;
    for (ChunkFailures& r : results) std::move(r[c].begin(), r[c].end(), std::back_inserter(all));
    TrusteeVerdict& v = verdicts[slot_of[c]];
    for (const Failure& f : all) v.bad_positions.push_back(f.position);
    if (!all.empty()) v.reason = describe(all, ciphertexts.size());
  }
  return verdicts;
}

}  // namespace evote::crypto
