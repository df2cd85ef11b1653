#include "parallel_multi_exp.hpp"

#include <mutex>

#include "evote/crypto/parallel.hpp"

namespace evote::mix::detail {

crypto::Element parallel_multi_exp(const crypto::Group& group,
                                   std::span<const crypto::Element> bases,
                                   std::span<const crypto::Scalar> exps) {
  // Below a few hundred terms a split costs more than it saves.
  constexpr std::size_t grain = 256;
  if (bases.size() != exps.size() || bases.size() < 2 * grain) return group.multi_exp(bases, exps);
  std::mutex mutex;
  crypto::Element product = group.identity();
  crypto::parallel_ranges(bases.size(), grain, [&](std::size_t begin, std::size_t end) {
    const crypto::Element part =
        group.multi_exp(bases.subspan(begin, end - begin), exps.subspan(begin, end - begin));
    std::lock_guard lock(mutex);
    product = group.mul(product, part);
  });
  return product;
}

}  // namespace evote::mix::detail
