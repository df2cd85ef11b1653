#include "prover_nonces.hpp"

#include <sodium.h>

#include <span>

#include "challenges.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::mix::detail {

using crypto::Scalar;

bool uses_short_masks(const crypto::ScalarField& field) {
  return field.bit_length() > kShortMaskBits + 64;
}

namespace {

Scalar random_mask(const crypto::ScalarField& field) {
  if (!uses_short_masks(field)) return field.random();
  crypto::SecretBytes bytes(kShortMaskBits / 8);
  randombytes_buf(bytes.data(), bytes.size());
  return scalar_from_be(field, bytes.view());
}

std::vector<Scalar> random_scalars(const crypto::ScalarField& field, std::size_t count,
                                   Scalar (*draw)(const crypto::ScalarField&)) {
  std::vector<Scalar> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(draw(field));
  return out;
}

Scalar uniform(const crypto::ScalarField& field) { return field.random(); }

bool all_in(const crypto::ScalarField& field, std::span<const Scalar> scalars) {
  for (const Scalar& s : scalars)
    if (&s.field() != &field) return false;
  return true;
}

}  // namespace

ProverNonces random_nonces(const crypto::Group& group, std::size_t rows, std::size_t width) {
  const crypto::ScalarField& f = group.scalars();
  return ProverNonces{random_scalars(f, rows, uniform),
                      random_scalars(f, rows, uniform),
                      f.random(),
                      f.random(),
                      f.random(),
                      random_scalars(f, width, uniform),
                      random_scalars(f, rows, uniform),
                      random_scalars(f, rows, random_mask)};
}

std::string nonces_problem(const crypto::Group& group, const ProverNonces& n, std::size_t rows,
                           std::size_t width) {
  if (n.r.size() != rows || n.r_hat.size() != rows || n.omega_hat.size() != rows ||
      n.omega_prime.size() != rows || n.omega4.size() != width) {
    return "prover nonces are not for " + std::to_string(rows) + " rows of width " +
           std::to_string(width);
  }
  const crypto::ScalarField& f = group.scalars();
  const Scalar singles[] = {n.omega1, n.omega2, n.omega3};
  if (!all_in(f, n.r) || !all_in(f, n.r_hat) || !all_in(f, singles) || !all_in(f, n.omega4) ||
      !all_in(f, n.omega_hat) || !all_in(f, n.omega_prime)) {
    return "prover nonces of another group";
  }
  return {};
}

}  // namespace evote::mix::detail
