#include "parallel_rows.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace evote::protocol::detail {

void parallel_rows(std::size_t count, const std::function<void(std::size_t)>& work) {
  const std::size_t threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), count / 64 + 1);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  // Each thread remembers its first failure; the lowest row index wins so
  // the error names the first bad row, as a sequential read would.
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::size_t> error_rows(threads, count);
  std::vector<std::thread> pool;
  const std::size_t block = (count + threads - 1) / threads;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const std::size_t end = std::min(count, (t + 1) * block);
      for (std::size_t i = t * block; i < end; ++i) {
        try {
          work(i);
        } catch (...) {
          errors[t] = std::current_exception();
          error_rows[t] = i;
          return;
        }
      }
    });
  }
  for (std::thread& thread : pool) thread.join();
  const auto first = std::min_element(error_rows.begin(), error_rows.end()) - error_rows.begin();
  if (errors[first]) std::rethrow_exception(errors[first]);
}

}  // namespace evote::protocol::detail
