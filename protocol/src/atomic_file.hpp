// File output and input for streamed documents (internal).
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>

#include "canonical_writer.hpp"
#include "evote/protocol/atomic_output.hpp"

namespace evote::protocol {

// Writes `path` through AtomicOutput (atomic_output.hpp) with `mode`;
// `produce` writes the content to the sink it is given. Exceptions from
// `produce` pass through (the temporary file is removed).
void write_file_atomically(const std::filesystem::path& path, WriteMode mode,
                           const std::function<void(const ByteSink&)>& produce);

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Opens for reading; FormatError("<path>: cannot read: <reason>").
FilePtr open_for_reading(const std::filesystem::path& path);

}  // namespace evote::protocol
