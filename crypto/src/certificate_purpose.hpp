// What a voter's certificate may be used for (specs/crypto.md §9, steps 3
// and 4): key usage, extended key usage and certificate policies of the
// leaf. Private to voter_signature.cpp.
#pragma once

#include <openssl/x509.h>

#include <span>
#include <string>

#include "evote/crypto/error.hpp"
#include "evote/crypto/voter_signature.hpp"

namespace evote::crypto::certificate_detail {

// Not a CA; keyUsage present with the purpose's bit; extendedKeyUsage as the
// purpose requires. Reasons start with "signer certificate: ".
Verdict check_leaf_purpose(X509* leaf, CertificatePurpose purpose);

// Empty `accepted`: passes. Otherwise the leaf's certificatePolicies must
// list one of them. Throws Error for an entry that is not is_dotted_oid.
Verdict check_leaf_policies(X509* leaf, std::span<const std::string> accepted);

}  // namespace evote::crypto::certificate_detail
