// One X.509 parse per certificate per ballot. OpenSSL 3.0 takes about as
// long to parse a P-384 certificate (its key goes through the provider
// decoders) as evote takes to verify a P-384 signature, and the checks of
// one ballot read its certificate twice: for the signature and chain
// (voter_signature.hpp), then for the OCSP response's CertID.
#pragma once

#include <openssl/x509.h>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

// d2i_X509 of exactly `der` (the whole input: trailing bytes give null), or
// null when it does not parse. Each thread keeps the last four certificates
// it parsed here (a ballot's and its intermediates), so a second call with
// the same bytes on the same thread costs comparisons and returns that
// certificate again. The caller gets its own
// reference (X509_free it). Leaves OpenSSL's error queue as d2i_X509 does.
X509* parse_der_certificate_memo(BytesView der);

}  // namespace evote::crypto
