// Whole-file reading and crash-safe writing. Errors name the path.
#pragma once

#include <string>

#include "evote/crypto/bytes.hpp"

namespace evote::protocol {

// Throws FormatError("<path>: cannot read: <reason>").
crypto::Bytes read_file(const std::string& path);

// Writes to "<path>.tmp-<random>", fsyncs, renames over `path`, fsyncs the
// folder: readers see the old file or the whole new one, never a part.
// Throws FormatError("<path>: cannot write: <reason>"); the temp file is
// removed on failure.
void write_file_atomic(const std::string& path, crypto::BytesView bytes);

}  // namespace evote::protocol
