#include "proof_layout.hpp"

#include <span>

namespace evote::mix::detail {

using crypto::Element;
using crypto::Scalar;

ShuffleProof blank_proof(const crypto::Group& group) {
  const Element one = group.identity();
  const Scalar zero = group.scalars().zero();
  return ShuffleProof{{}, {}, one, one, one, {}, {}, zero, zero, zero, {}, {}, {}};
}

namespace {

std::string count_problem(const char* field, std::size_t have, std::size_t want) {
  if (have == want) return {};
  return std::string("shuffle proof: ") + field + " has " + std::to_string(have) +
         " entries, expected " + std::to_string(want);
}

bool elements_in(const crypto::Group& group, std::span<const Element> elements) {
  for (const Element& e : elements)
    if (&e.group() != &group) return false;
  return true;
}

bool scalars_in(const crypto::Group& group, std::span<const Scalar> scalars) {
  for (const Scalar& s : scalars)
    if (&s.field() != &group.scalars()) return false;
  return true;
}

bool all_in_group(const crypto::Group& group, const ShuffleProof& p) {
  for (const crypto::Ciphertext& pair : p.t4)
    if (&pair.a.group() != &group || &pair.b.group() != &group) return false;
  const Element singles[] = {p.t1, p.t2, p.t3};
  const Scalar single_scalars[] = {p.s1, p.s2, p.s3};
  return elements_in(group, p.permutation_commitment) && elements_in(group, p.commitment_chain) &&
         elements_in(group, p.t_hat) && elements_in(group, singles) &&
         scalars_in(group, single_scalars) && scalars_in(group, p.s4) &&
         scalars_in(group, p.s_hat) && scalars_in(group, p.s_prime);
}

}  // namespace

std::string proof_shape_problem(const crypto::Group& group, const ShuffleProof& p, std::size_t rows,
                                std::size_t width) {
  const std::pair<const char*, std::pair<std::size_t, std::size_t>> counts[] = {
      {"permutation_commitment", {p.permutation_commitment.size(), rows}},
      {"commitment_chain", {p.commitment_chain.size(), rows}},
      {"t4", {p.t4.size(), width}},
      {"t_hat", {p.t_hat.size(), rows}},
      {"s4", {p.s4.size(), width}},
      {"s_hat", {p.s_hat.size(), rows}},
      {"s_prime", {p.s_prime.size(), rows}},
  };
  for (const auto& [field, have_want] : counts) {
    std::string problem = count_problem(field, have_want.first, have_want.second);
    if (!problem.empty()) return problem;
  }
  if (!all_in_group(group, p)) {
    return "shuffle proof: holds an element or scalar of another group than " +
           std::string(group.name());
  }
  return {};
}

}  // namespace evote::mix::detail
