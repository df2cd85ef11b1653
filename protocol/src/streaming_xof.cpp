#include "streaming_xof.hpp"

namespace evote::protocol {

StreamingXof::StreamingXof(std::string_view tag) {
  crypto::Bytes prefix;
  crypto::append_be64(prefix, tag.size());
  seed_.update(prefix);
  seed_.update(crypto::as_bytes(tag));
}

crypto::Bytes StreamingXof::finish(std::size_t n) {
  const crypto::Digest seed = seed_.finish();
  crypto::Bytes out;
  out.reserve(n + 64);
  for (std::uint32_t block = 1; out.size() < n; ++block) {
    crypto::Bytes input(seed.begin(), seed.end());
    crypto::append_be32(input, block);
    const crypto::Digest d = crypto::sha512(input);
    out.insert(out.end(), d.begin(), d.end());
  }
  out.resize(n);
  return out;
}

}  // namespace evote::protocol
