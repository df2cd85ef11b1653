// Runs work(i) for i in [0, count) on every core (internal). The decoders and
// encoders of bulk ciphertext files use it: a ristretto255 decode or encode
// costs an inversion, which dominates reading and writing 100,000 rows.
#pragma once

#include <cstddef>
#include <functional>

namespace evote::protocol::detail {

// Every thread takes contiguous blocks; an exception in any work item is
// rethrown after all threads have stopped (the one of the lowest index).
void parallel_rows(std::size_t count, const std::function<void(std::size_t)>& work);

}  // namespace evote::protocol::detail
