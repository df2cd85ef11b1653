// The certificates an election config names, as the organizer sees them:
// fingerprints (to name a CA certificate), and the collector TLS
// certificate's validity now (validate() checks what does not depend on time).
#pragma once

#include <cstdint>
#include <string>

#include "evote/crypto/bytes.hpp"

namespace evote::admin {

// The SHA-256 fingerprint of a DER certificate, 64 lower-case hex digits.
std::string certificate_fingerprint(crypto::BytesView der);
// "<subject>, valid <from> .. <to>, SHA-256 <fingerprint>".
std::string describe_certificate(crypto::BytesView der);

// Throws FormatError "<where>: the collector TLS certificate has expired
// (valid until ...)" or "... is not valid yet (valid from ...)" unless
// `now` (UTC seconds) is within its validity.
void check_collector_certificate_now(crypto::BytesView der, std::int64_t now,
                                     const std::string& where);

}  // namespace evote::admin
