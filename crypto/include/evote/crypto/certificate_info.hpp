// What an X.509 certificate says about itself, for the organizer's checks
// of the certificates an election config names (the collector's TLS
// certificate, the voters' CA certificates): no path validation here (that
// is voter_signature.hpp), only the certificate's own fields. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

struct CertificateInfo {
  std::string subject;  // one line, RFC 2253 style, e.g. "CN=collector.example,C=EE"
  std::array<std::uint8_t, 32> sha256_fingerprint{};  // SHA-256 of the DER encoding
  bool is_ca = false;  // basicConstraints CA:TRUE
  bool has_extended_key_usage = false;
  bool server_auth = false;  // the extendedKeyUsage extension lists id-kp-serverAuth
  std::int64_t not_before = 0;  // UTC seconds
  std::int64_t not_after = 0;
};

// Reads one certificate given as DER (the whole input) or PEM (the first
// CERTIFICATE block). Throws DecodeError "certificate: cannot parse (not
// DER or PEM X.509)", or "certificate: ..." for an extension or a time that
// does not decode. Leaves OpenSSL's error queue empty.
CertificateInfo inspect_certificate(BytesView der_or_pem);

}  // namespace evote::crypto
