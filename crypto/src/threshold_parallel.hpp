// A minimal parallel loop for the threshold code's long batches (partial
// decryption, verification, combining): each job is independent and writes
// only its own outputs.
#pragma once

#include <cstddef>
#include <functional>

namespace evote::crypto::threshold_detail {

// Runs job(0) .. job(count - 1) on up to hardware_concurrency threads; the
// first exception thrown by a job is rethrown after all threads stop.
void parallel_for(std::size_t count, const std::function<void(std::size_t)>& job);

// Splits [0, total) into chunks of about `chunk` and runs job(begin, end) on each.
void parallel_chunks(std::size_t total, std::size_t chunk,
                     const std::function<void(std::size_t, std::size_t)>& job);

}  // namespace evote::crypto::threshold_detail
