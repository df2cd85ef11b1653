// xof(tag, msg, n) of specs/crypto.md §2 over a message fed in pieces
// (internal): the same bytes as crypto::xof, without holding the message.
#pragma once

#include <string_view>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/hash.hpp"

namespace evote::protocol {

class StreamingXof {
 public:
  explicit StreamingXof(std::string_view tag);
  void update(crypto::BytesView piece) { seed_.update(piece); }
  crypto::Bytes finish(std::size_t n);  // the object must not be used afterwards

 private:
  crypto::Sha512 seed_;
};

}  // namespace evote::protocol
