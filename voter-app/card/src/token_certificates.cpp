#include "token_certificates.hpp"

namespace evote::card::detail {

const TokenCertificate* TokenView::first(CertificateRole role) const {
  for (const TokenCertificate& cert : certificates)
    if (cert.profile.role == role) return &cert;
  return nullptr;
}

TokenView read_token(const Pkcs11Module& module, CK_SLOT_ID slot) {
  TokenView token;
  token.slot = slot;
  const std::string slot_text = module.describe_slot(slot);
  const CK_TOKEN_INFO info = module.token_info(slot, slot_text);
  token.label = trimmed(info.label, sizeof info.label);
  token.where = "token '" + token.label + "' in " + slot_text;
  token.initialized = (info.flags & CKF_TOKEN_INITIALIZED) != 0;
  if (!token.initialized) return token;

  Session session(module, slot, token.where);
  CK_OBJECT_CLASS cert_class = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE cert_type = CKC_X_509;
  const std::vector<CK_OBJECT_HANDLE> found =
      session.find({{CKA_CLASS, &cert_class, sizeof cert_class},
                    {CKA_CERTIFICATE_TYPE, &cert_type, sizeof cert_type}});
  for (const CK_OBJECT_HANDLE object : found) {
    std::optional<crypto::Bytes> der = session.attribute(object, CKA_VALUE);
    if (!der || der->empty()) continue;
    std::optional<CertificateProfile> profile = read_certificate_profile(*der);
    if (!profile) continue;  // not X.509 that parses: not one of an ID card's
    TokenCertificate cert;
    cert.der = std::move(*der);
    cert.id = session.attribute(object, CKA_ID).value_or(crypto::Bytes{});
    cert.profile = std::move(*profile);
    token.certificates.push_back(std::move(cert));
  }
  return token;
}

}  // namespace evote::card::detail
