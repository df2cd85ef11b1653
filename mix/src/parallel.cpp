#include "parallel.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "evote/crypto/error.hpp"

namespace evote::mix::detail {

std::size_t worker_count() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

void parallel_for(std::size_t n, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& fn) {
  const std::size_t chunks = std::min(worker_count(), n / std::max<std::size_t>(grain, 1));
  if (chunks < 2) {
    if (n > 0) fn(0, n);
    return;
  }
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](std::size_t begin, std::size_t end) {
    try {
      fn(begin, end);
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(chunks - 1);
  const std::size_t step = (n + chunks - 1) / chunks;
  for (std::size_t begin = step; begin < n; begin += step)
    threads.emplace_back(run, begin, std::min(n, begin + step));
  run(0, std::min(n, step));  // this thread takes the first chunk
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

void parallel_decode(std::size_t n, std::size_t grain, const std::function<void(std::size_t)>& fn) {
  std::mutex mutex;
  std::size_t first_bad = n;
  std::string first_reason;
  parallel_for(n, grain, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      try {
        fn(i);
      } catch (const crypto::DecodeError& e) {
        std::lock_guard lock(mutex);
        if (i < first_bad) {
          first_bad = i;
          first_reason = e.what();
        }
        return;  // the rest of this chunk cannot hold an earlier failure
      }
    }
  });
  if (first_bad < n) throw crypto::DecodeError(first_reason);
}

crypto::Element parallel_multi_exp(const crypto::Group& group,
                                   std::span<const crypto::Element> bases,
                                   std::span<const crypto::Scalar> exps) {
  // Below a few hundred terms a split costs more than it saves.
  constexpr std::size_t grain = 256;
  if (bases.size() != exps.size() || bases.size() < 2 * grain) return group.multi_exp(bases, exps);
  std::mutex mutex;
  crypto::Element product = group.identity();
  parallel_for(bases.size(), grain, [&](std::size_t begin, std::size_t end) {
    const crypto::Element part =
        group.multi_exp(bases.subspan(begin, end - begin), exps.subspan(begin, end - begin));
    std::lock_guard lock(mutex);
    product = group.mul(product, part);
  });
  return product;
}

}  // namespace evote::mix::detail
