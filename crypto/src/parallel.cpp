#include "evote/crypto/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace evote::crypto {

namespace {

thread_local bool inside_task = false;

// Marks the current thread as running tasks of a parallel call until the
// scope ends (the calling thread restores what it was before).
class TaskScope {
 public:
  TaskScope() : previous_(inside_task) { inside_task = true; }
  ~TaskScope() { inside_task = previous_; }
  TaskScope(const TaskScope&) = delete;
  TaskScope& operator=(const TaskScope&) = delete;

 private:
  bool previous_;
};

// The shared state of one parallel call: the next task to hand out and the
// lowest-index failure so far.
class Tasks {
 public:
  Tasks(std::size_t count, const std::function<void(std::size_t)>& task)
      : count_(count), task_(task) {}

  // Takes tasks until none is left or one has failed.
  void work() {
    const TaskScope scope;
    while (!failed_.load(std::memory_order_relaxed)) {
      const std::size_t k = next_.fetch_add(1);
      if (k >= count_) return;
      try {
        task_(k);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        if (!error_ || k < error_index_) {
          error_ = std::current_exception();
          error_index_ = k;
        }
        failed_ = true;
      }
    }
  }

  void rethrow_failure() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  const std::size_t count_;
  const std::function<void(std::size_t)>& task_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::exception_ptr error_;
  std::size_t error_index_ = 0;
};

}  // namespace

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

bool in_parallel_task() { return inside_task; }

void parallel_for(std::size_t count, const std::function<void(std::size_t)>& task,
                  unsigned threads) {
  const std::size_t used = std::min<std::size_t>(count, std::max(1u, threads));
  if (used <= 1 || inside_task) {
    for (std::size_t k = 0; k < count; ++k) task(k);
    return;
  }
  Tasks tasks(count, task);
  std::vector<std::thread> pool;
  pool.reserve(used - 1);
  for (std::size_t t = 1; t < used; ++t) {
    try {
      pool.emplace_back([&tasks] { tasks.work(); });
    } catch (...) {  // std::system_error: no thread; the running ones take its share
      break;
    }
  }
  tasks.work();
  for (std::thread& thread : pool) thread.join();
  tasks.rethrow_failure();
}

void parallel_ranges(std::size_t n, std::size_t min_range,
                     const std::function<void(std::size_t, std::size_t)>& task, unsigned threads) {
  if (n == 0) return;
  const std::size_t ranges =
      std::clamp<std::size_t>(n / std::max<std::size_t>(min_range, 1), 1, std::max(1u, threads));
  parallel_for(
      ranges, [&](std::size_t k) { task(n * k / ranges, n * (k + 1) / ranges); }, threads);
}

}  // namespace evote::crypto
