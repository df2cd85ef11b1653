#include "threshold_parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace evote::crypto::threshold_detail {

void parallel_for(std::size_t count, const std::function<void(std::size_t)>& job) {
  const std::size_t threads =
      std::min<std::size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
  if (threads <= 1) {
    for (std::size_t k = 0; k < count; ++k) job(k);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (std::size_t k; !failed && (k = next++) < count;) {
      try {
        job(k);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  pool.clear();  // joins
  if (error) std::rethrow_exception(error);
}

void parallel_chunks(std::size_t total, std::size_t chunk,
                     const std::function<void(std::size_t, std::size_t)>& job) {
  const std::size_t chunks = (total + chunk - 1) / chunk;
  parallel_for(chunks, [&](std::size_t k) { job(k * chunk, std::min(total, (k + 1) * chunk)); });
}

}  // namespace evote::crypto::threshold_detail
