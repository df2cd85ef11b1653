// The certificates one token shows without a login (CKO_CERTIFICATE,
// CKC_X_509: CKA_VALUE and CKA_ID), each with what it is for.
#pragma once

#include <p11-kit/pkcs11.h>

#include <string>
#include <vector>

#include "certificate_profile.hpp"
#include "pkcs11_module.hpp"

namespace evote::card::detail {

struct TokenCertificate {
  crypto::Bytes der;
  crypto::Bytes id;  // CKA_ID: the private key's CKA_ID on an ID card
  CertificateProfile profile;
};

// One token present in a slot, as cards() and open() read it.
struct TokenView {
  CK_SLOT_ID slot = 0;
  std::string label;  // CK_TOKEN_INFO label, trailing blanks cut
  std::string where;  // "token 'LABEL' in slot N (reader)" for messages
  bool initialized = false;
  std::vector<TokenCertificate> certificates;  // parseable X.509 certificates only

  // The first certificate with this role, or nullptr.
  const TokenCertificate* first(CertificateRole role) const;
};

// Reads the token in `slot` (its info, then its certificates in a session
// without login). CardError card_removed when the token is gone.
TokenView read_token(const Pkcs11Module& module, CK_SLOT_ID slot);

}  // namespace evote::card::detail
