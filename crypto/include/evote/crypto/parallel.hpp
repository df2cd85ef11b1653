// The one fork-join helper of evote: independent tasks spread over a few
// threads, joined before the call returns. Every parallel loop in crypto,
// mix and protocol goes through it, so that threads never start threads.
//
// Promises of parallel_for and parallel_ranges:
//  - every task runs exactly once (until a task throws: see below), each on
//    one thread, the calling thread being one of them; at most `threads`
//    threads work at once (0 counts as 1), and never more than there are
//    tasks;
//  - no threads inside threads: a call made from inside a task of a call
//    that runs on more than one thread runs all its tasks inline, in index
//    order, on the thread that calls it (in_parallel_task() says so);
//  - if the system refuses to start a thread, the threads that run (at
//    least the calling one) take its tasks: the work is done all the same;
//  - if tasks throw, the call returns only after every thread has ended,
//    then rethrows the exception of the lowest-index task that threw: the
//    one a loop run in order would have thrown. Once a task has thrown no
//    new task starts (tasks of lower index have all started by then).
// Thread-safe: tasks may run concurrently; each must touch only its own
// outputs (or lock).
#pragma once

#include <cstddef>
#include <functional>

namespace evote::crypto {

// std::thread::hardware_concurrency(), at least 1.
unsigned hardware_threads();

// Runs task(0) .. task(count - 1) on up to `threads` threads.
void parallel_for(std::size_t count, const std::function<void(std::size_t)>& task,
                  unsigned threads = hardware_threads());

// Splits [0, n) into contiguous ranges of near-equal size, as many as there
// are threads but each of at least min_range indices (one range when
// n < 2 * min_range), and runs task(begin, end) on each as parallel_for does.
// Nothing runs when n == 0.
void parallel_ranges(std::size_t n, std::size_t min_range,
                     const std::function<void(std::size_t, std::size_t)>& task,
                     unsigned threads = hardware_threads());

// True on a thread while it runs a task of a call that runs on more than
// one thread (there, nested calls run inline).
bool in_parallel_task();

}  // namespace evote::crypto
