#include "certificates.hpp"

#include "evote/crypto/certificate_info.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/utc_time.hpp"

namespace evote::admin {

std::string certificate_fingerprint(crypto::BytesView der) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : crypto::inspect_certificate(der).sha256_fingerprint) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::string describe_certificate(crypto::BytesView der) {
  const crypto::CertificateInfo info = crypto::inspect_certificate(der);
  return info.subject + ", valid " + protocol::format_utc(info.not_before) + " .. " +
         protocol::format_utc(info.not_after) + ", SHA-256 " + certificate_fingerprint(der);
}

void check_collector_certificate_now(crypto::BytesView der, std::int64_t now,
                                     const std::string& where) {
  const crypto::CertificateInfo info = crypto::inspect_certificate(der);
  if (now < info.not_before) {
    throw protocol::FormatError(where +
                                ": the collector TLS certificate is not valid yet (valid from " +
                                protocol::format_utc(info.not_before) + ")");
  }
  if (now > info.not_after) {
    throw protocol::FormatError(where +
                                ": the collector TLS certificate has expired (valid until " +
                                protocol::format_utc(info.not_after) + ")");
  }
}

}  // namespace evote::admin
