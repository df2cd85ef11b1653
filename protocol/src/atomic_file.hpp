// File output and input for streamed documents (internal).
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>

#include "canonical_writer.hpp"

namespace evote::protocol {

// Writes `path` through a temporary file in the same folder, fsync and
// rename: a crash or an error leaves the old file or the whole new one,
// never half of it. `produce` writes the content to the sink it is given.
// The file gets mode 0600 (mkstemp): voter lists are personal data.
// Throws FormatError("<path>: cannot write: <reason>") like files.hpp;
// exceptions from `produce` pass through (the temporary file is removed).
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const ByteSink&)>& produce);

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Opens for reading; FormatError("<path>: cannot read: <reason>").
FilePtr open_for_reading(const std::filesystem::path& path);

}  // namespace evote::protocol
