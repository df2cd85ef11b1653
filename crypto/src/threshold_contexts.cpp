// Parameter checks and the context bytes of the threshold proofs
// (specs/keys.md, "Context bytes").
#include "evote/crypto/error.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace threshold_detail {

ItemWriter::ItemWriter(std::string_view tag) {
  append_be64(out_, tag.size());
  append(out_, as_bytes(tag));
}

ItemWriter& ItemWriter::header(std::string_view label, std::uint64_t length) {
  append_be64(out_, label.size());
  append(out_, as_bytes(label));
  append_be64(out_, length);
  return *this;
}

ItemWriter& ItemWriter::bytes(std::string_view label, BytesView value) {
  header(label, value.size());
  append(out_, value);
  return *this;
}

ItemWriter& ItemWriter::text(std::string_view label, std::string_view value) {
  return bytes(label, as_bytes(value));
}

ItemWriter& ItemWriter::u64(std::string_view label, std::uint64_t value) {
  Bytes data;
  append_be64(data, value);
  return bytes(label, data);
}

void require_trustee(const ThresholdParams& params, std::uint32_t trustee, std::string_view what) {
  if (trustee < 1 || trustee > params.trustees) {
    throw Error(std::string(what) + ": trustee index " + std::to_string(trustee) + " outside 1.." +
                std::to_string(params.trustees));
  }
}

Scalar index_scalar(const ScalarField& field, std::uint32_t trustee) {
  return field.from_u64(trustee);
}

}  // namespace threshold_detail

using threshold_detail::ItemWriter;

void check_params(const ThresholdParams& params) {
  const auto n = params.trustees;
  const auto t = params.threshold;
  if (t < 1 || t > n || n > kMaxTrustees) {
    throw Error("threshold parameters: need 1 <= t <= n <= " + std::to_string(kMaxTrustees) +
                ", got t = " + std::to_string(t) + ", n = " + std::to_string(n));
  }
}

Bytes dealer_proof_context(const ThresholdParams& params, std::uint32_t dealer,
                           std::span<const Element> coefficients) {
  Bytes encoded;
  for (const Element& c : coefficients) append(encoded, c.encode());
  return ItemWriter("evote/dkg/dealer/v1")
      .text("election_id", params.election_id)
      .u64("n", params.trustees)
      .u64("t", params.threshold)
      .u64("dealer", dealer)
      .bytes("commitments", encoded)
      .take();
}

Bytes partial_decryption_context(const DecryptionContext& context, std::uint32_t trustee,
                                 std::uint64_t position) {
  return ItemWriter("evote/partial-decryption/v1")
      .text("election_id", context.election_id)
      .text("batch", context.batch)
      .u64("trustee", trustee)
      .u64("position", position)
      .take();
}

}  // namespace evote::crypto
