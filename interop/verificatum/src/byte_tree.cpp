#include "evote/verificatum/byte_tree.hpp"

#include <fstream>
#include <iterator>

namespace evote::verificatum {
namespace {

constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kHeaderBytes = 5;

class Parser {
 public:
  Parser(BytesView bytes, std::string_view what) : bytes_(bytes), what_(what) {}

  ByteTree tree(std::size_t depth) {
    if (depth > kMaxDepth) fail("byte tree nested deeper than " + std::to_string(kMaxDepth));
    if (bytes_.size() - pos_ < kHeaderBytes) fail("truncated byte tree header");
    const std::uint8_t type = bytes_[pos_];
    const std::uint32_t count = crypto::read_be32(bytes_.subspan(pos_ + 1, 4));
    if (type != 0 && type != 1) {
      fail("byte tree type byte is " + std::to_string(type) + ", not 0 (node) or 1 (leaf)");
    }
    const std::size_t start = pos_;
    pos_ += kHeaderBytes;
    ByteTree out;
    if (type == 1) {
      if (bytes_.size() - pos_ < count) {
        pos_ = start;
        fail("leaf of " + std::to_string(count) + " bytes runs past the end (" +
             std::to_string(bytes_.size() - start - kHeaderBytes) + " left)");
      }
      out.data.assign(bytes_.begin() + pos_, bytes_.begin() + pos_ + count);
      pos_ += count;
      return out;
    }
    out.is_leaf = false;
    // Every child takes at least a header: a count beyond that is a lie.
    if (count > (bytes_.size() - pos_) / kHeaderBytes) {
      pos_ = start;
      fail("node claims " + std::to_string(count) + " children, more than the bytes left hold");
    }
    out.children.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) out.children.push_back(tree(depth + 1));
    return out;
  }

  void finish() const {
    if (pos_ != bytes_.size()) {
      fail(std::to_string(bytes_.size() - pos_) + " bytes after the end of the byte tree");
    }
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw FormatError(std::string(what_) + ": byte " + std::to_string(pos_) + ": " + why);
  }
  BytesView bytes_;
  std::string_view what_;
  std::size_t pos_ = 0;
};

}  // namespace

ByteTree ByteTree::leaf(Bytes bytes) {
  ByteTree out;
  out.data = std::move(bytes);
  return out;
}

ByteTree ByteTree::leaf_string(std::string_view text) {
  return leaf(Bytes(text.begin(), text.end()));
}

ByteTree ByteTree::leaf_int32(std::uint32_t value) {
  Bytes bytes;
  crypto::append_be32(bytes, value);
  return leaf(std::move(bytes));
}

ByteTree ByteTree::node(std::vector<ByteTree> children) {
  ByteTree out;
  out.is_leaf = false;
  out.children = std::move(children);
  return out;
}

void ByteTree::encode_to(Bytes& out) const {
  out.push_back(is_leaf ? 1 : 0);
  if (is_leaf) {
    crypto::append_be32(out, static_cast<std::uint32_t>(data.size()));
    out.insert(out.end(), data.begin(), data.end());
    return;
  }
  crypto::append_be32(out, static_cast<std::uint32_t>(children.size()));
  for (const ByteTree& c : children) c.encode_to(out);
}

Bytes ByteTree::encode() const {
  Bytes out;
  encode_to(out);
  return out;
}

ByteTree ByteTree::parse(BytesView bytes, std::string_view what) {
  Parser parser(bytes, what);
  ByteTree out = parser.tree(0);
  parser.finish();
  return out;
}

const std::vector<ByteTree>& ByteTree::node_of(std::size_t count, std::string_view what) const {
  if (is_leaf) throw FormatError(std::string(what) + ": a leaf where a node is expected");
  if (children.size() != count) {
    throw FormatError(std::string(what) + ": a node of " + std::to_string(children.size()) +
                      " children where " + std::to_string(count) + " are expected");
  }
  return children;
}

const ByteTree& ByteTree::child(std::size_t index, std::string_view what) const {
  if (is_leaf) throw FormatError(std::string(what) + ": a leaf where a node is expected");
  if (index >= children.size()) {
    throw FormatError(std::string(what) + ": node has " + std::to_string(children.size()) +
                      " children, child " + std::to_string(index) + " is missing");
  }
  return children[index];
}

const Bytes& ByteTree::leaf_bytes(std::string_view what) const {
  if (!is_leaf) throw FormatError(std::string(what) + ": a node where a leaf is expected");
  return data;
}

Bytes read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(path + ": cannot be read");
  Bytes out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw FormatError(path + ": read error");
  return out;
}

ByteTree read_byte_tree_file(const std::string& path) {
  const Bytes bytes = read_file_bytes(path);
  return ByteTree::parse(bytes, path);
}

}  // namespace evote::verificatum
