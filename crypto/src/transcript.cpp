#include "evote/crypto/transcript.hpp"

#include "evote/crypto/error.hpp"

namespace evote::crypto {

namespace {
constexpr std::string_view kChallengeTag = "evote/challenge/v1";

void update_be64(Sha512& hash, std::uint64_t value) {
  Bytes b;
  append_be64(b, value);
  hash.update(b);
}
}  // namespace

Transcript::Transcript(std::string_view domain_tag) {
  update_be64(hash_, domain_tag.size());
  hash_.update(as_bytes(domain_tag));
}

void Transcript::put_header(std::string_view label, std::uint64_t length) {
  if (item_open_) throw Error("transcript: item \"" + std::string(label) + "\" started inside an open item");
  update_be64(hash_, label.size());
  hash_.update(as_bytes(label));
  update_be64(hash_, length);
}

void Transcript::append(std::string_view label, BytesView data) {
  put_header(label, data.size());
  hash_.update(data);
}

void Transcript::append_text(std::string_view label, std::string_view text) {
  append(label, as_bytes(text));
}

void Transcript::append_u64(std::string_view label, std::uint64_t value) {
  Bytes b;
  append_be64(b, value);
  append(label, b);
}

void Transcript::append(std::string_view label, const Element& element) {
  append(label, BytesView(element.encode()));
}

void Transcript::append(std::string_view label, const Scalar& scalar) {
  append(label, BytesView(scalar.encode()));
}

void Transcript::begin_item(std::string_view label, std::uint64_t length) {
  put_header(label, length);
  item_open_ = true;
  open_item_remaining_ = length;
}

void Transcript::absorb(BytesView piece) {
  if (!item_open_ || piece.size() > open_item_remaining_) {
    throw Error("transcript: more bytes absorbed than the open item announced");
  }
  open_item_remaining_ -= piece.size();
  hash_.update(piece);
}

void Transcript::end_item() {
  if (!item_open_ || open_item_remaining_ != 0) {
    throw Error("transcript: item ended with " + std::to_string(open_item_remaining_) + " bytes missing");
  }
  item_open_ = false;
}

Digest Transcript::digest() const {
  if (item_open_) throw Error("transcript: digest taken inside an open item");
  Sha512 copy = hash_;
  return copy.finish();
}

Scalar Transcript::challenge(const ScalarField& field) const {
  const Digest d = digest();
  return field.from_hash(kChallengeTag, d);
}

}  // namespace evote::crypto
