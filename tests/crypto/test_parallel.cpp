// The fork-join helper (evote/crypto/parallel.hpp): every task exactly once,
// the lowest-index exception after every thread has ended, nested calls
// inline on the calling thread, thread counts 0 and 1 on the calling thread
// alone, and the work done when the system refuses threads.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "evote/crypto/parallel.hpp"
#include "support/sanitizer.hpp"

namespace {

using evote::crypto::in_parallel_task;
using evote::crypto::parallel_for;
using evote::crypto::parallel_ranges;

// The thread ids that ran tasks.
class ThreadLog {
 public:
  void note() {
    const std::lock_guard lock(mutex_);
    ids_.insert(std::this_thread::get_id());
  }
  std::set<std::thread::id> ids() const {
    const std::lock_guard lock(mutex_);
    return ids_;
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::thread::id> ids_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(parallel)

BOOST_AUTO_TEST_CASE(every_index_runs_exactly_once) {
  for (const unsigned threads : {2u, 3u, 4u, 16u}) {
    for (const std::size_t count :
         {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{1000}}) {
      std::vector<std::atomic<int>> runs(count);
      ThreadLog log;
      parallel_for(
          count,
          [&](std::size_t k) {
            log.note();
            ++runs[k];
          },
          threads);
      for (std::size_t k = 0; k < count; ++k) BOOST_TEST(runs[k].load() == 1, "index " << k);
      // Never more threads than asked, nor than tasks.
      BOOST_TEST(log.ids().size() <= std::min<std::size_t>(threads, count));
    }
  }
}

BOOST_AUTO_TEST_CASE(ranges_cover_every_index_once_in_ranges_of_at_least_the_minimum) {
  for (const std::size_t n :
       {std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{200}, std::size_t{100001}}) {
    std::vector<std::atomic<int>> runs(n);
    std::atomic<std::size_t> ranges{0}, shortest{n};
    parallel_ranges(
        n, 64,
        [&](std::size_t begin, std::size_t end) {
          BOOST_REQUIRE(begin < end);
          ++ranges;
          for (std::size_t prev = shortest;
               end - begin < prev && !shortest.compare_exchange_weak(prev, end - begin);) {
          }
          for (std::size_t i = begin; i < end; ++i) ++runs[i];
        },
        4);
    for (std::size_t i = 0; i < n; ++i) BOOST_TEST(runs[i].load() == 1, "index " << i);
    BOOST_TEST(ranges.load() == std::clamp<std::size_t>(n / 64, 1, 4), "n = " << n);
    if (n >= 64) BOOST_TEST(shortest.load() >= 64u);
  }
  bool called = false;
  parallel_ranges(
      0, 64, [&](std::size_t, std::size_t) { called = true; }, 4);
  BOOST_TEST(!called);
}

BOOST_AUTO_TEST_CASE(the_lowest_index_exception_comes_out_after_every_thread_has_ended) {
  std::atomic<int> running{0};
  std::atomic<int> ran{0};
  try {
    parallel_for(
        1000,
        [&](std::size_t k) {
          ++running;
          ++ran;
          std::this_thread::sleep_for(std::chrono::microseconds(50));
          --running;
          if (k == 700) throw std::runtime_error("task 700");
          if (k == 300) throw std::runtime_error("task 300");
        },
        4);
    BOOST_FAIL("no exception");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()) == "task 300");
    BOOST_TEST(running.load() == 0);  // joined: nothing runs any more
  }
  BOOST_TEST(ran.load() >= 301);  // every task up to the failure ran
  BOOST_TEST(ran.load() < 1000);  // and the rest were not started

  // Ranges: the error of the lowest range; a logic_error keeps its type.
  BOOST_CHECK_THROW(parallel_ranges(
                        10000, 64,
                        [&](std::size_t begin, std::size_t) {
                          if (begin > 0)
                            throw std::logic_error("range at " + std::to_string(begin));
                        },
                        4),
                    std::logic_error);
  try {
    parallel_ranges(
        10000, 64,
        [&](std::size_t begin, std::size_t) {
          if (begin > 0) throw std::logic_error("range at " + std::to_string(begin));
        },
        4);
  } catch (const std::logic_error& e) {
    BOOST_TEST(std::string(e.what()) == "range at 2500");
  }
  // On one thread too.
  BOOST_CHECK_THROW(parallel_for(
                        3,
                        [](std::size_t k) {
                          if (k == 1) throw std::out_of_range("1");
                        },
                        1),
                    std::out_of_range);
}

BOOST_AUTO_TEST_CASE(nested_calls_run_inline_and_start_no_thread) {
  BOOST_TEST(!in_parallel_task());
  ThreadLog outer_log, all_log;
  std::atomic<bool> inline_everywhere{true};
  parallel_for(
      4,
      [&](std::size_t) {
        outer_log.note();
        all_log.note();
        if (!in_parallel_task()) inline_everywhere = false;
        const std::thread::id me = std::this_thread::get_id();
        std::vector<std::size_t> order;
        parallel_for(
            100,
            [&](std::size_t k) {
              all_log.note();
              if (std::this_thread::get_id() != me) inline_everywhere = false;
              order.push_back(k);  // no lock: must be this thread alone
            },
            4);
        parallel_ranges(
            1000, 1,
            [&](std::size_t, std::size_t) {
              all_log.note();
              if (std::this_thread::get_id() != me) inline_everywhere = false;
            },
            4);
        for (std::size_t k = 0; k < order.size(); ++k) {
          if (order[k] != k) inline_everywhere = false;  // in index order
        }
        if (order.size() != 100) inline_everywhere = false;
      },
      4);
  BOOST_TEST(inline_everywhere.load());
  BOOST_TEST(all_log.ids() == outer_log.ids());  // the inner calls used no other thread
  BOOST_TEST(all_log.ids().size() <= 4u);
  BOOST_TEST(!in_parallel_task());  // the calling thread is itself again
}

BOOST_AUTO_TEST_CASE(thread_counts_0_and_1_run_in_order_on_the_calling_thread) {
  for (const unsigned threads : {0u, 1u}) {
    std::vector<std::size_t> order;
    bool elsewhere = false;
    parallel_for(
        50,
        [&](std::size_t k) {
          if (std::this_thread::get_id() != std::this_thread::get_id()) elsewhere = true;
          order.push_back(k);
        },
        threads);
    BOOST_TEST(!elsewhere);
    BOOST_TEST(order.size() == 50u);
    for (std::size_t k = 0; k < order.size(); ++k) BOOST_TEST(order[k] == k);
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    parallel_ranges(
        1000, 1, [&](std::size_t b, std::size_t e) { ranges.emplace_back(b, e); }, threads);
    BOOST_TEST(ranges.size() == 1u);
    BOOST_TEST((ranges.at(0) == std::pair<std::size_t, std::size_t>(0, 1000)));
  }
}

BOOST_AUTO_TEST_CASE(the_work_is_done_when_the_system_refuses_threads) {
#if EVOTE_TEST_UNDER_ASAN
  // AddressSanitizer's allocator aborts when the address space runs out.
  BOOST_TEST_MESSAGE("skipped under AddressSanitizer");
  return;
#endif
  // In a child whose address space cannot take another thread's stack,
  // every task still runs (on the calling thread).
  const pid_t child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    std::ifstream statm("/proc/self/statm");
    unsigned long pages = 0;
    statm >> pages;
    const rlim_t now = static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
    const rlimit limit{now + (1 << 20), now + (1 << 20)};  // 1 MiB more: no 8 MiB stack
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(3);
    // Threads that wait take the stacks glibc kept from earlier threads,
    // until no new stack fits.
    std::atomic<bool> release{false};
    std::vector<std::thread> holders;
    bool refused = false;
    while (!refused && holders.size() < 1000) {
      try {
        holders.emplace_back([&release] {
          while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
      } catch (const std::system_error&) {
        refused = true;
      }
    }
    if (!refused) _exit(4);  // the limit did not stop threads: nothing shown
    std::vector<int> runs(64, 0);
    std::thread::id caller = std::this_thread::get_id();
    bool elsewhere = false;
    try {
      parallel_for(
          runs.size(),
          [&](std::size_t k) {
            ++runs[k];
            if (std::this_thread::get_id() != caller) elsewhere = true;
          },
          4);
    } catch (...) {
      _exit(5);
    }
    release = true;
    for (std::thread& t : holders) t.join();
    for (int r : runs) {
      if (r != 1) _exit(6);
    }
    _exit(elsewhere ? 7 : 0);
  }
  int status = 0;
  BOOST_REQUIRE(waitpid(child, &status, 0) == child);
  BOOST_REQUIRE(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0, "child exit status " << WEXITSTATUS(status));
}

BOOST_AUTO_TEST_SUITE_END()
