// Secrets kept on a PKCS#11 token (a trustee's key share): stored as a
// private token object, so reading it back needs the token and its user PIN.
// The PKCS#11 module is loaded at run time from the given path (SoftHSM2 in
// the tests: /usr/lib/softhsm/libsofthsm2.so). specs/keys.md, "Shares on a
// PKCS#11 token", says which object attributes are used.
//
// Each call loads the module, initializes it (CKF_OS_LOCKING_OK; if this
// process had initialized it already, it is shared and left initialized),
// logs in as CKU_USER, and logs out, finalizes and unloads before it returns
// or throws. Calls are serialized by a process-wide lock, so they are safe
// from several threads. The PIN is copied only into a buffer wiped after
// C_Login; a secret read back lives only in the returned SecretBytes.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::token {

// Every failure: the message names the module, the token and what went wrong
// ("token 'trustee-3': wrong PIN", "no token labelled 'x' in module ...",
// "token 'x': no object labelled 'evote-share ...'"). Never contains the PIN
// or the secret.
class TokenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TokenLocation {
  std::filesystem::path module;  // the PKCS#11 shared library
  std::string token_label;       // CK_TOKEN_INFO label (trailing spaces ignored)
};

// Stores `secret` under `object_label` (a private, non-modifiable CKO_DATA
// token object of application "evote") and reads it back to compare.
// Refuses (TokenError) when an evote object with that label exists already:
// a share is never overwritten.
void store_secret(const TokenLocation& where, std::string_view pin, std::string_view object_label,
                  crypto::BytesView secret);

// Reads the secret back. TokenError for a wrong PIN, a missing token or object.
crypto::SecretBytes load_secret(const TokenLocation& where, std::string_view pin,
                                std::string_view object_label);

// Whether an object with that label exists (needs the PIN: objects are private).
bool has_secret(const TokenLocation& where, std::string_view pin, std::string_view object_label);

}  // namespace evote::token
