#include "auth/openssl_helpers.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>

#include <climits>
#include <ctime>

#include "evote/crypto/certificate_memo.hpp"

namespace evote::collector::auth::detail {
namespace {

using BioPtr = std::unique_ptr<BIO, OpensslFree<BIO_free>>;

// A certificate is never encrypted: refuse any password prompt.
int no_password(char*, int, int, void*) { return 0; }

}  // namespace

std::string take_openssl_error() {
  const char* data = nullptr;
  int flags = 0;
  unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags);
  ERR_clear_error();
  if (code == 0) return {};
  const char* reason = ERR_reason_error_string(code);
  std::string text = reason ? reason : "OpenSSL error " + std::to_string(code);
  if (data && (flags & ERR_TXT_STRING) && *data) text += std::string(" (") + data + ")";
  return text;
}

X509Ptr parse_der_certificate(crypto::BytesView der) {
  return X509Ptr(crypto::parse_der_certificate_memo(der));
}

X509Ptr parse_certificate(crypto::BytesView der_or_pem) {
  if (X509Ptr cert = parse_der_certificate(der_or_pem)) return cert;
  if (der_or_pem.empty() || der_or_pem.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  BioPtr bio(BIO_new_mem_buf(der_or_pem.data(), static_cast<int>(der_or_pem.size())));
  if (!bio) return nullptr;
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, no_password, nullptr));
}

crypto::Bytes certificate_der(const X509* cert) {
  int length = i2d_X509(cert, nullptr);
  if (length <= 0) return {};
  crypto::Bytes out(static_cast<std::size_t>(length));
  unsigned char* p = out.data();
  i2d_X509(cert, &p);
  return out;
}

std::string name_entry(const X509_NAME* name, int nid) {
  int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return {};
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

std::optional<std::int64_t> asn1_time_seconds(const ASN1_TIME* time) {
  std::tm parts{};
  if (!time || ASN1_TIME_to_tm(time, &parts) != 1) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&parts));
}

std::string utc_text(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm parts{};
  if (!gmtime_r(&t, &parts)) return std::to_string(seconds) + " s";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace evote::collector::auth::detail
