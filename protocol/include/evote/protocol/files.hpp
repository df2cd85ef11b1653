// Whole-file reading and crash-safe writing. Errors name the path.
#pragma once

#include <filesystem>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

// Throws FormatError("<path>: cannot read: <reason>"), with "is a folder,
// not a file" for a folder.
crypto::Bytes read_file(const std::filesystem::path& path);

// Writes `bytes` through AtomicOutput (atomic_output.hpp): readers see no
// file (or the old one) or the whole new one, never a part. `mode` says
// whether an existing file may be replaced and who may read the new one.
void write_file_atomic(const std::filesystem::path& path, crypto::BytesView bytes, WriteMode mode);

// write_file_atomic of the document's canonical bytes (canonical_json.hpp).
void save_canonical(const std::filesystem::path& path, const Json& document, WriteMode mode);

}  // namespace evote::protocol
