// ShuffleProof's fixed-layout encoding (specs/mix.md, "Proof encoding").
#include <string>

#include "evote/crypto/parallel.hpp"
#include "evote/mix/shuffle.hpp"
#include "proof_layout.hpp"

namespace evote::mix {

using crypto::Bytes;
using crypto::BytesView;
using crypto::DecodeError;
using crypto::Element;
using crypto::Scalar;

namespace {

void put(Bytes& out, const Element& e) { crypto::append(out, e.encode()); }
void put(Bytes& out, const Scalar& s) { crypto::append(out, s.encode()); }
template <typename T>
void put_all(Bytes& out, const std::vector<T>& values) {
  for (const T& v : values) put(out, v);
}

// Reads the fields in order; every failure names the field.
class Reader {
 public:
  Reader(const crypto::Group& group, BytesView bytes) : group_(group), bytes_(bytes) {}

 private:
  template <typename Decode>
  auto decode(const std::string& field, std::size_t size, Decode&& decode_one) {
    const BytesView piece = bytes_.subspan(offset_, size);
    offset_ += size;
    try {
      return decode_one(piece);
    } catch (const DecodeError& e) {
      throw DecodeError("shuffle proof: " + field + ": " + e.what());
    }
  }

 public:
  Element element(const std::string& field) {
    return decode(field, group_.element_bytes(), [&](BytesView b) { return group_.decode(b); });
  }
  Scalar scalar(const std::string& field) {
    return decode(field, group_.scalars().byte_length(),
                  [&](BytesView b) { return group_.scalars().decode(b); });
  }
  // Many elements: decoded in parallel (a ristretto255 decoding costs a
  // square root); a failure names the first bad index.
  std::vector<Element> elements(const std::string& field, std::size_t count) {
    const std::size_t size = group_.element_bytes();
    const BytesView all = bytes_.subspan(offset_, count * size);
    offset_ += count * size;
    std::vector<Element> out(count, group_.identity());
    crypto::parallel_ranges(count, 256, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        try {
          out[i] = group_.decode(all.subspan(i * size, size));
        } catch (const DecodeError& e) {
          throw DecodeError("shuffle proof: " + field + "[" + std::to_string(i + 1) +
                            "]: " + e.what());
        }
      }
    });
    return out;
  }
  std::vector<Scalar> scalars(const std::string& field, std::size_t count) {
    std::vector<Scalar> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
      out.push_back(scalar(field + "[" + std::to_string(i + 1) + "]"));
    return out;
  }
  void skip(std::size_t count) { offset_ += count; }

 private:
  const crypto::Group& group_;
  BytesView bytes_;
  std::size_t offset_ = 0;
};

// The encoding's length for N rows of width w (both at most the input's length,
// so the products cannot overflow 64 bits).
std::uint64_t proof_length(const crypto::Group& group, std::uint64_t n, std::uint64_t w) {
  const std::uint64_t e = group.element_bytes(), l = group.scalars().byte_length();
  return 16 + (3 * n + 3 + 2 * w) * e + (2 * n + 3 + w) * l;
}

}  // namespace

Bytes encode(const ShuffleProof& p) {
  const std::string problem =
      detail::proof_shape_problem(p.t1.group(), p, p.permutation_commitment.size(), p.t4.size());
  if (!problem.empty()) throw crypto::Error("cannot encode: " + problem);
  Bytes out;
  crypto::append_be64(out, p.permutation_commitment.size());
  crypto::append_be64(out, p.t4.size());
  put_all(out, p.permutation_commitment);
  put_all(out, p.commitment_chain);
  for (const Element* e : {&p.t1, &p.t2, &p.t3}) put(out, *e);
  for (const crypto::Ciphertext& pair : p.t4) crypto::append(out, crypto::encode(pair));
  put_all(out, p.t_hat);
  for (const Scalar* s : {&p.s1, &p.s2, &p.s3}) put(out, *s);
  put_all(out, p.s4);
  put_all(out, p.s_hat);
  put_all(out, p.s_prime);
  return out;
}

ShuffleProof decode_shuffle_proof(const crypto::Group& group, BytesView bytes) {
  if (bytes.size() < 16) {
    throw DecodeError("shuffle proof: truncated header (" + std::to_string(bytes.size()) +
                      " bytes)");
  }
  const std::uint64_t n = crypto::read_be64(bytes), w = crypto::read_be64(bytes.subspan(8));
  if (n == 0 || w == 0) throw DecodeError("shuffle proof: zero rows or zero width");
  if (n > bytes.size() || w > bytes.size() || proof_length(group, n, w) != bytes.size()) {
    throw DecodeError("shuffle proof: wrong length (" + std::to_string(bytes.size()) +
                      " bytes for " + std::to_string(n) + " rows of width " + std::to_string(w) +
                      " in " + std::string(group.name()) + ")");
  }
  Reader in(group, bytes);
  in.skip(16);
  ShuffleProof p = detail::blank_proof(group);
  p.permutation_commitment = in.elements("permutation_commitment", n);
  p.commitment_chain = in.elements("commitment_chain", n);
  p.t1 = in.element("t1");
  p.t2 = in.element("t2");
  p.t3 = in.element("t3");
  for (std::size_t k = 0; k < w; ++k) {
    const std::string column = "t4[" + std::to_string(k + 1) + "].";
    Element a = in.element(column + "a");
    p.t4.push_back({std::move(a), in.element(column + "b")});
  }
  p.t_hat = in.elements("t_hat", n);
  p.s1 = in.scalar("s1");
  p.s2 = in.scalar("s2");
  p.s3 = in.scalar("s3");
  p.s4 = in.scalars("s4", w);
  p.s_hat = in.scalars("s_hat", n);
  p.s_prime = in.scalars("s_prime", n);
  return p;
}

}  // namespace evote::mix
