// The shuffle itself: re-encrypt every ciphertext, permute the rows.
#include "evote/mix/shuffle.hpp"

#include <string>

#include "evote/crypto/parallel.hpp"
#include "statement.hpp"

namespace evote::mix {

using crypto::Element;
using crypto::Error;
using crypto::Scalar;

Rows shuffle_with(const Element& public_key, const Rows& input, const ShuffleWitness& witness) {
  const crypto::Group& group = public_key.group();
  if (group.is_identity(public_key)) throw Error("shuffle: the public key is the identity element");
  const std::size_t width = detail::width_of(input);
  if (auto problem = detail::rows_problem(group, input, "input", width); !problem.empty())
    throw Error("shuffle: " + problem);
  if (auto problem = detail::witness_problem(group, witness, input.size(), width); !problem.empty())
    throw Error("shuffle: " + problem);

  const auto g = group.precompute(group.generator());
  const auto y = group.precompute(public_key);
  Rows output(input.size());
  crypto::parallel_ranges(input.size(), 16, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const Row& source = input[witness.permutation[i]];
      output[i].items.reserve(width);
      for (std::size_t k = 0; k < width; ++k) {
        const Scalar& s = witness.randomness[i][k];
        output[i].items.push_back(
            {group.mul(source.items[k].a, g->exp(s)), group.mul(source.items[k].b, y->exp(s))});
      }
    }
  });
  return output;
}

ShuffleResult shuffle(const Element& public_key, const Rows& input) {
  const crypto::Group& group = public_key.group();
  const std::size_t width = detail::width_of(input);
  if (auto problem = detail::rows_problem(group, input, "input", width); !problem.empty())
    throw Error("shuffle: " + problem);
  ShuffleWitness witness{Permutation::random(input.size()), {}};
  witness.randomness.resize(input.size());
  for (auto& row : witness.randomness) {
    row.reserve(width);
    for (std::size_t k = 0; k < width; ++k) row.push_back(group.scalars().random());
  }
  Rows output = shuffle_with(public_key, input, witness);
  return {std::move(output), std::move(witness)};
}

}  // namespace evote::mix
