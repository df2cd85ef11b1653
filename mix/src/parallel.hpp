// Work split over the machine's cores with plain std::thread: the shuffle's
// exponentiations are independent and large, so a fork–join per phase is
// enough (a thread costs tens of microseconds; a phase costs seconds).
#pragma once

#include <cstddef>
#include <functional>
#include <span>

#include "evote/crypto/group.hpp"

namespace evote::mix::detail {

// Threads to use: the hardware's count, at least 1.
std::size_t worker_count();

// Calls fn(begin, end) on contiguous chunks covering [0, n), one chunk per
// worker, in parallel; inline when n < 2 * grain. Rethrows the first
// exception a chunk threw, after every thread has ended.
void parallel_for(std::size_t n, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& fn);

// Calls fn(i) for every i in [0, n) over the workers, for decoders (a
// ristretto255 decoding costs a square root). If calls throw DecodeError,
// rethrows the one of the lowest i, so that the error names the first bad
// field whatever the threads' timing; other exceptions propagate as in
// parallel_for.
void parallel_decode(std::size_t n, std::size_t grain, const std::function<void(std::size_t)>& fn);

// prod bases[i]^exps[i], split over the workers (variable time).
crypto::Element parallel_multi_exp(const crypto::Group& group,
                                   std::span<const crypto::Element> bases,
                                   std::span<const crypto::Scalar> exps);

}  // namespace evote::mix::detail
