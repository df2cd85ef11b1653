// Verificatum byte trees (specs/interop.md §2.1): the one encoding of every
// file a Verificatum mix-net writes and of every random-oracle input.
//   leaf: 0x01 || be32(n) || n bytes
//   node: 0x00 || be32(k) || k byte trees
// parse() accepts exactly one whole tree (no trailing bytes) and throws
// FormatError naming the file, the byte offset and what is wrong; the
// nesting depth is bounded so that hostile input cannot exhaust the stack.
// Plain values, no secrets; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::verificatum {

using crypto::Bytes;
using crypto::BytesView;

// A Verificatum input that is not what the specification says it must be.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ByteTree {
  bool is_leaf = true;
  Bytes data;                      // a leaf's bytes
  std::vector<ByteTree> children;  // a node's children

  static ByteTree leaf(Bytes bytes);
  static ByteTree leaf_string(std::string_view text);  // ASCII/UTF-8 bytes of text
  static ByteTree leaf_int32(std::uint32_t value);     // four bytes, big-endian
  static ByteTree node(std::vector<ByteTree> children);

  // The canonical encoding above.
  Bytes encode() const;
  void encode_to(Bytes& out) const;

  // `what` names the input in errors ("proof/proofs/PoSReply01.bt").
  static ByteTree parse(BytesView bytes, std::string_view what);

  // Accessors that throw FormatError naming `what` unless the shape matches.
  const ByteTree& child(std::size_t index, std::string_view what) const;
  const std::vector<ByteTree>& node_of(std::size_t count, std::string_view what) const;
  const Bytes& leaf_bytes(std::string_view what) const;
};

// The whole file at `path` as one byte tree (FormatError when unreadable).
ByteTree read_byte_tree_file(const std::string& path);
// The bytes of the file at `path` (FormatError naming the path when unreadable).
Bytes read_file_bytes(const std::string& path);

}  // namespace evote::verificatum
