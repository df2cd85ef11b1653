// Splitting the certificates off an OCSPResponse's DER (ocsp_der.hpp).
#include "auth/ocsp_der.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>

namespace evote::collector::auth::detail {

namespace {

constexpr std::uint8_t kSequence = 0x30;
constexpr std::uint8_t kEnumerated = 0x0a;
constexpr std::uint8_t kObjectId = 0x06;
constexpr std::uint8_t kOctetString = 0x04;
constexpr std::uint8_t kBitString = 0x03;
constexpr std::uint8_t kExplicit0 = 0xa0;  // [0] EXPLICIT, constructed

// id-pkix-ocsp-basic, 1.3.6.1.5.5.7.48.1.1, as its DER contents.
constexpr std::array<std::uint8_t, 9> kBasicResponseType = {0x2b, 0x06, 0x01, 0x05, 0x05,
                                                            0x07, 0x30, 0x01, 0x01};

struct Element {
  std::uint8_t tag = 0;
  crypto::BytesView contents;
  crypto::BytesView whole;  // tag, length and contents
};

// The element at the start of `in`, which then starts after it. Nullopt for
// a multi-byte tag, an indefinite, non-minimal or over 4-byte length, or
// contents running past the end.
std::optional<Element> read_element(crypto::BytesView& in) {
  if (in.size() < 2 || (in[0] & 0x1f) == 0x1f) return std::nullopt;
  std::size_t length = in[1];
  std::size_t header = 2;
  if (length >= 0x80) {
    const std::size_t bytes = length & 0x7f;
    if (bytes == 0 || bytes > 4 || in.size() < 2 + bytes || in[2] == 0) return std::nullopt;
    length = 0;
    for (std::size_t i = 0; i < bytes; ++i) length = (length << 8) | in[2 + i];
    if (length < 0x80) return std::nullopt;  // the short form was due
    header += bytes;
  }
  if (in.size() - header < length) return std::nullopt;
  Element out{in[0], in.subspan(header, length), in.first(header + length)};
  in = in.subspan(header + length);
  return out;
}

// The next element of `in`, which must have `tag`.
std::optional<Element> read_tagged(crypto::BytesView& in, std::uint8_t tag) {
  std::optional<Element> e = read_element(in);
  if (!e || e->tag != tag) return std::nullopt;
  return e;
}

// The one element `in` holds, with `tag`.
std::optional<Element> read_only(crypto::BytesView in, std::uint8_t tag) {
  std::optional<Element> e = read_tagged(in, tag);
  if (!in.empty()) return std::nullopt;
  return e;
}

// An element with `tag` around `parts` (minimal DER length).
crypto::Bytes wrap(std::uint8_t tag, std::initializer_list<crypto::BytesView> parts) {
  std::size_t length = 0;
  for (crypto::BytesView p : parts) length += p.size();
  crypto::Bytes out{tag};
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
  } else {
    std::size_t bytes = 0;
    for (std::size_t rest = length; rest != 0; rest >>= 8) ++bytes;
    out.push_back(static_cast<std::uint8_t>(0x80 | bytes));
    for (std::size_t i = bytes; i-- > 0;)
      out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
  }
  for (crypto::BytesView p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace

std::optional<ResponseWithoutCertificates> split_off_certificates(crypto::BytesView der) {
  // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED,
  //                             responseBytes [0] EXPLICIT ResponseBytes }
  const auto response = read_only(der, kSequence);
  if (!response) return std::nullopt;
  crypto::BytesView fields = response->contents;
  const auto status = read_tagged(fields, kEnumerated);
  const auto explicit_bytes = status ? read_only(fields, kExplicit0) : std::nullopt;
  if (!explicit_bytes) return std::nullopt;
  // ResponseBytes ::= SEQUENCE { responseType OID, response OCTET STRING }
  const auto response_bytes = read_only(explicit_bytes->contents, kSequence);
  if (!response_bytes) return std::nullopt;
  fields = response_bytes->contents;
  const auto type = read_tagged(fields, kObjectId);
  if (!type || !std::equal(type->contents.begin(), type->contents.end(), kBasicResponseType.begin(),
                           kBasicResponseType.end()))
    return std::nullopt;
  const auto octets = read_only(fields, kOctetString);
  // BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm,
  //                                  signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF
  //                                  Certificate }
  const auto basic = octets ? read_only(octets->contents, kSequence) : std::nullopt;
  if (!basic) return std::nullopt;
  fields = basic->contents;
  const auto tbs = read_tagged(fields, kSequence);
  const auto algorithm = tbs ? read_tagged(fields, kSequence) : std::nullopt;
  const auto signature = algorithm ? read_tagged(fields, kBitString) : std::nullopt;
  const auto certs = signature ? read_only(fields, kExplicit0) : std::nullopt;
  const auto list = certs ? read_only(certs->contents, kSequence) : std::nullopt;
  if (!list) return std::nullopt;

  ResponseWithoutCertificates out;
  for (crypto::BytesView rest = list->contents; !rest.empty();) {
    const auto certificate = read_tagged(rest, kSequence);
    if (!certificate) return std::nullopt;
    out.certificates.push_back(certificate->whole);
  }
  const crypto::Bytes lean_basic =
      wrap(kSequence, {tbs->whole, algorithm->whole, signature->whole});
  const crypto::Bytes lean_octets = wrap(kOctetString, {lean_basic});
  const crypto::Bytes lean_bytes = wrap(kSequence, {type->whole, lean_octets});
  const crypto::Bytes lean_explicit = wrap(kExplicit0, {lean_bytes});
  out.response = wrap(kSequence, {status->whole, lean_explicit});
  return out;
}

}  // namespace evote::collector::auth::detail
