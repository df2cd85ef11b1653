// A minimal fork-join helper for the multi-multiplication.
#pragma once

#include <system_error>
#include <thread>
#include <vector>

namespace evote::crypto::r255 {

// Runs task(t) for t = 0 .. threads-1, one thread each (task 0 on the
// calling thread), and returns when all are done. If the system refuses a
// thread, its task runs on the calling thread instead. task must not throw.
template <class Task>
void run_parallel(unsigned threads, const Task& task) {
  std::vector<std::thread> pool;
  unsigned started = 1;
  for (; started < threads; ++started) {
    try {
      pool.emplace_back([&task, started] { task(started); });
    } catch (const std::system_error&) {
      break;
    }
  }
  task(0);
  for (unsigned t = started; t < threads; ++t) task(t);
  for (std::thread& th : pool) th.join();
}

}  // namespace evote::crypto::r255
