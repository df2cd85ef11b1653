#include "evote/protocol/file_hash.hpp"

#include "evote/crypto/hash.hpp"
#include "file_input.hpp"
#include "streaming_xof.hpp"

namespace evote::protocol {

crypto::Bytes file_hash(crypto::BytesView bytes) {
  return crypto::xof(kFileHashTag, bytes, kHashBytes);
}

FileDigest hash_file(const std::filesystem::path& path) {
  FileInput input(path);
  StreamingXof xof(kFileHashTag);
  crypto::Bytes chunk(1 << 16);
  FileDigest digest;
  for (;;) {
    const std::size_t n = input.read(chunk.data(), chunk.size());
    if (n == 0) break;
    xof.update(crypto::BytesView(chunk.data(), n));
    digest.size += n;
  }
  digest.hash = xof.finish(kHashBytes);
  return digest;
}

crypto::Bytes config_hash(crypto::BytesView signed_config_bytes) {
  return file_hash(signed_config_bytes);
}

}  // namespace evote::protocol
