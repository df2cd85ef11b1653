#include "streaming_reader.hpp"

#include <cerrno>
#include <cstring>
#include <iterator>
#include <vector>

#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

// Deeper nesting has no place in a list document; the limit keeps hostile
// input from building deep structures.
constexpr int kMaxDepth = 32;

// Builds one JSON value from SAX events (like nlohmann's DOM parser).
class DomBuilder {
 public:
  void key(std::string key) { key_ = std::move(key); }
  void value(Json v) { place(std::move(v)); }
  void begin(Json container) { stack_.push_back(place(std::move(container))); }
  void end() { stack_.pop_back(); }
  Json take() { return std::move(root_); }

 private:
  // Children are only added to the innermost open container, so pointers
  // into its parents stay valid.
  Json* place(Json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    Json& slot = parent[key_];
    slot = std::move(v);
    return &slot;
  }

  Json root_;
  std::vector<Json*> stack_;
  std::string key_;
};

}  // namespace

class StreamingSaxHandler {
 public:
  explicit StreamingSaxHandler(StreamingObjectReader& reader) : reader_(reader) {}

  bool null() { return value(Json(nullptr)); }
  bool boolean(bool v) { return value(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return value(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return value(Json(v)); }
  bool number_float(Json::number_float_t v, const Json::string_t&) { return value(Json(v)); }
  bool string(Json::string_t& v) { return value(Json(std::move(v))); }
  bool binary(Json::binary_t& v) { return value(Json::binary(std::move(v))); }
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(Json::string_t& k) {
    if (depth_ == 1) top_key_ = k;
    builder().key(std::move(k));
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const Json::exception&) {
    throw FormatError(reader_.what_ + ": not valid JSON (byte " + std::to_string(position) +
                      "; truncated or corrupted?)");
  }

  Json take_top() { return top_.take(); }

 private:
  DomBuilder& builder() { return in_list_ ? element_ : top_; }

  bool value(Json v) {
    if (depth_ == 0) (void)ObjectReader(v, reader_.what_);  // throws: not an object
    builder().value(std::move(v));
    if (in_list_ && depth_ == 2) deliver();
    return true;
  }

  bool open(Json container) {
    if (depth_ == 0 && !container.is_object()) (void)ObjectReader(container, reader_.what_);
    if (depth_ >= kMaxDepth) throw FormatError(reader_.what_ + ": nested too deeply");
    if (depth_ == 1 && container.is_array() && top_key_ == reader_.list_key_) {
      top_.value(Json::array());  // the list itself is never stored
      in_list_ = true;
    } else {
      builder().begin(std::move(container));
    }
    ++depth_;
    return true;
  }

  bool close() {
    --depth_;
    if (in_list_ && depth_ == 1) {
      in_list_ = false;
      return true;
    }
    builder().end();
    if (in_list_ && depth_ == 2) deliver();
    return true;
  }

  void deliver() {
    const Json element = element_.take();
    const std::size_t index = reader_.element_count_++;
    if (reader_.element_error_) return;
    try {
      reader_.on_element_(element, index);
    } catch (const FormatError& e) {
      reader_.element_error_ = e.what();
    }
  }

  StreamingObjectReader& reader_;
  DomBuilder top_;
  DomBuilder element_;
  int depth_ = 0;
  bool in_list_ = false;
  std::string top_key_;
};

namespace {

struct ReadError {
  int error;
};

// A file read in 64 KiB chunks, each hashed as it arrives.
class ChunkedFile {
 public:
  explicit ChunkedFile(std::FILE* file) : file_(file), buffer_(1 << 16) {}
  bool at_end() {
    if (pos_ == size_) refill();
    return pos_ == size_;
  }
  const char& current() const { return buffer_[pos_]; }
  void advance() { ++pos_; }
  crypto::Digest finish_hash() { return hash_.finish(); }

 private:
  void refill() {
    pos_ = 0;
    size_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    if (size_ == 0 && std::ferror(file_)) throw ReadError{errno};
    hash_.update(crypto::BytesView(reinterpret_cast<const std::uint8_t*>(buffer_.data()), size_));
  }

  std::FILE* file_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t size_ = 0;
  crypto::Sha512 hash_;
};

// The input iterator nlohmann's parser reads through; all end iterators
// and an exhausted file compare equal.
struct ChunkIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  ChunkedFile* file = nullptr;
  reference operator*() const { return file->current(); }
  ChunkIterator& operator++() {
    file->advance();
    return *this;
  }
  bool ended() const { return file == nullptr || file->at_end(); }
  bool operator==(const ChunkIterator& other) const { return ended() == other.ended(); }
};

}  // namespace

StreamingObjectReader::StreamingObjectReader(std::string what, std::string list_key,
                                             ElementFn on_element)
    : what_(std::move(what)), list_key_(std::move(list_key)), on_element_(std::move(on_element)) {}

void StreamingObjectReader::parse(crypto::BytesView bytes) {
  if (bytes.empty()) throw FormatError(what_ + ": empty file");
  StreamingSaxHandler handler(*this);
  const char* begin = reinterpret_cast<const char*>(bytes.data());
  Json::sax_parse(begin, begin + bytes.size(), &handler);
  top_ = handler.take_top();
}

crypto::Digest StreamingObjectReader::parse_file(std::FILE* file) {
  ChunkedFile chunks(file);
  if (chunks.at_end()) throw FormatError(what_ + ": empty file");
  StreamingSaxHandler handler(*this);
  try {
    Json::sax_parse(ChunkIterator{&chunks}, ChunkIterator{}, &handler);
  } catch (const ReadError& e) {
    throw FormatError(what_ + ": cannot read: " + std::strerror(e.error));
  }
  top_ = handler.take_top();
  return chunks.finish_hash();
}

void StreamingObjectReader::rethrow_element_error() const {
  if (element_error_) throw FormatError(*element_error_);
}

}  // namespace evote::protocol
