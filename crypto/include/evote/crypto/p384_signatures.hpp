// ECDSA P-384 signatures checked with crypto's own arithmetic instead of
// OpenSSL 3.0's (which has no fast P-384: about 0.5 ms a verification, eight
// times its P-256). Estonian ID cards and their CAs sign with P-384, so a
// ballot's signature, its certificate's and its OCSP response's all are.
// specs/crypto.md §9.2.
//
// Every function answers exactly as OpenSSL would for the same input, or
// answers nullopt ("not mine") and the caller asks OpenSSL as before:
// nullopt for any key that is not P-384 in uncompressed form, any algorithm
// other than ecdsa-with-SHA256/384/512 without parameters, and a signature
// BIT STRING with unused bits. Everything here is public (keys, messages,
// signatures), so the arithmetic is variable-time. Thread-safe. The keys
// that sign certificates and OCSP responses (CAs, responders) are decoded
// once with bigger tables and kept for the process (the last 16).
#pragma once

#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <optional>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

// A signature of `signed_bytes` as X.509 and OCSP carry one: `algorithm`
// (an AlgorithmIdentifier) and `signature` (a BIT STRING holding a DER
// ECDSA-Sig-Value), checked with `key`. As OpenSSL, the DER must be exact
// (no trailing bytes, minimal encoding) and 0 < r, s < n.
std::optional<bool> p384_signature_verifies(EVP_PKEY* key, const X509_ALGOR* algorithm,
                                            const ASN1_BIT_STRING* signature,
                                            BytesView signed_bytes);

// X509_verify(certificate, issuer_key) > 0: the certificate's two signature
// algorithm fields are equal and its signature over the tbsCertificate bytes
// (as it was parsed) verifies with issuer_key.
std::optional<bool> p384_certificate_verifies(X509* certificate, EVP_PKEY* issuer_key);

// ECDSA over `message` hashed with `md` (SHA-256, -384 or -512; any other:
// nullopt) with the signature as PKCS#11 gives it: r || s, 48 bytes each.
// A signature of another length is false.
std::optional<bool> p384_raw_signature_verifies(EVP_PKEY* key, const EVP_MD* md, BytesView message,
                                                BytesView r_and_s);

}  // namespace evote::crypto
