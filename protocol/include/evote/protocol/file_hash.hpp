// The hash that names a file in the election record, and the config hash
// that ties the ballot box and the record to one election config
// (specs/formats.md, "Hashes"):
//   file_hash(bytes)   = xof("evote/file-hash/v1", bytes, 32)
//   config_hash        = file_hash(canonical bytes of the signed config)
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::protocol {

inline constexpr std::string_view kFileHashTag = "evote/file-hash/v1";
inline constexpr std::size_t kHashBytes = 32;

crypto::Bytes file_hash(crypto::BytesView bytes);

struct FileDigest {
  crypto::Bytes hash;  // 32 bytes
  std::uint64_t size = 0;
};
// Streams the file (bounded memory). Throws FormatError naming it.
FileDigest hash_file(const std::filesystem::path& path);

// file_hash of the signed election config's canonical bytes (the file
// config.json of the record).
crypto::Bytes config_hash(crypto::BytesView signed_config_bytes);

}  // namespace evote::protocol
