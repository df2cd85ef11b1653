// Step 11 of the Web eID token check (specs/collector-auth.md §2.2): the
// signature over H(origin) || H(nonce). Internal to the auth library.
#pragma once

#include <openssl/evp.h>

#include <string_view>

#include "auth/web_eid_token.hpp"

namespace evote::collector::auth::detail {

// valid or signature_invalid. `algorithm` is one parse_auth_token accepted.
AuthVerdict verify_token_signature(EVP_PKEY* key, std::string_view algorithm,
                                   crypto::BytesView signature, std::string_view origin,
                                   std::string_view nonce);

}  // namespace evote::collector::auth::detail
