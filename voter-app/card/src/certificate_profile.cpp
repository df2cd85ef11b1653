#include "certificate_profile.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <memory>
#include <string_view>

namespace evote::card::detail {

namespace {

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};

// The first attribute `nid` of the name as UTF-8; empty when absent.
std::string name_entry(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return {};
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

CardHolder holder_of(const X509_NAME* subject) {
  CardHolder holder;
  holder.given_name = name_entry(subject, NID_givenName);
  holder.surname = name_entry(subject, NID_surname);
  holder.serial_number = name_entry(subject, NID_serialNumber);
  if (!holder.given_name.empty() && !holder.surname.empty())
    holder.name = holder.given_name + " " + holder.surname;
  else
    holder.name = name_entry(subject, NID_commonName);
  // "PNOEE-38001085718": the ETSI EN 319 412-1 semantics identifier, then the code.
  constexpr std::string_view kPrefix = "PNO";
  const std::string& serial = holder.serial_number;
  if (serial.size() > 6 && serial.compare(0, kPrefix.size(), kPrefix) == 0 && serial[5] == '-')
    holder.personal_code = serial.substr(6);
  else
    holder.personal_code = serial;
  return holder;
}

}  // namespace

std::optional<CertificateProfile> read_certificate_profile(crypto::BytesView der) {
  const unsigned char* cursor = der.data();
  std::unique_ptr<X509, X509Free> cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  if (!cert || cursor != der.data() + der.size()) {
    ERR_clear_error();
    return std::nullopt;
  }
  CertificateProfile profile;
  profile.holder = holder_of(X509_get_subject_name(cert.get()));

  if (const EVP_PKEY* key = X509_get0_pubkey(cert.get())) {
    if (EVP_PKEY_is_a(key, "EC"))
      profile.key = KeyAlgorithm::ec;
    else if (EVP_PKEY_is_a(key, "RSA"))
      profile.key = KeyAlgorithm::rsa;
  }

  // X509_get_key_usage / X509_get_extended_key_usage answer "all" when the
  // extension is absent: ask for the extensions themselves.
  const bool has_key_usage = X509_get_ext_by_NID(cert.get(), NID_key_usage, -1) >= 0;
  const bool has_eku = X509_get_ext_by_NID(cert.get(), NID_ext_key_usage, -1) >= 0;
  const std::uint32_t key_usage = has_key_usage ? X509_get_key_usage(cert.get()) : 0;
  const std::uint32_t eku = has_eku ? X509_get_extended_key_usage(cert.get()) : 0;
  ERR_clear_error();

  if ((key_usage & KU_DIGITAL_SIGNATURE) != 0 && (eku & XKU_SSL_CLIENT) != 0)
    profile.role = CertificateRole::authentication;
  else if ((key_usage & KU_NON_REPUDIATION) != 0)
    profile.role = CertificateRole::signing;
  return profile;
}

}  // namespace evote::card::detail
