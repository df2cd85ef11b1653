// Helpers shared by the threshold_*.cpp files (not part of the public API).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/group.hpp"
#include "evote/crypto/threshold.hpp"

namespace evote::crypto::threshold_detail {

// Context and statement bytes have the transcript layout of specs/crypto.md
// section 6, unhashed: be64(len tag) || tag || (be64(len label) || label ||
// be64(len data) || data)*.
class ItemWriter {
 public:
  explicit ItemWriter(std::string_view tag);
  ItemWriter& text(std::string_view label, std::string_view value);
  ItemWriter& u64(std::string_view label, std::uint64_t value);
  ItemWriter& bytes(std::string_view label, BytesView value);
  // Item header only; the caller appends `length` data bytes itself.
  ItemWriter& header(std::string_view label, std::uint64_t length);
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

// Throws Error "<what>: trustee index j outside 1..n".
void require_trustee(const ThresholdParams& params, std::uint32_t trustee, std::string_view what);

// True if e belongs to `group` (elements of another group are refused, not thrown).
inline bool in_group(const Group& group, const Element& e) { return &e.group() == &group; }

// The same element as decoded from its encoding. Some groups (ristretto255)
// keep a decoded element's encoding, so a key hashed into thousands of
// challenges is then encoded once, not once per challenge.
inline Element with_encoding(const Element& e) { return e.group().decode(e.encode()); }

// The trustee index j as a scalar.
Scalar index_scalar(const ScalarField& field, std::uint32_t trustee);

// lagrange_combine over submissions held elsewhere (no copies).
std::vector<Element> lagrange_combine_refs(std::span<const Ciphertext> ciphertexts,
                                           std::span<const TrusteeDecryptions* const> chosen);

}  // namespace evote::crypto::threshold_detail
