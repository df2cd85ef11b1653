// Reading a certificate's own fields with OpenSSL 3 (certificate_info.hpp).
#include "evote/crypto/certificate_info.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <climits>
#include <ctime>
#include <memory>

#include "evote/crypto/error.hpp"
#include "openssl_ptr.hpp"

namespace evote::crypto {
namespace {


using X509Ptr = std::unique_ptr<X509, OpensslFree<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpensslFree<BIO_free>>;

struct ClearErrors {
  ~ClearErrors() { ERR_clear_error(); }
};

int no_password(char*, int, int, void*) { return 0; }

X509Ptr parse(BytesView bytes) {
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  const unsigned char* p = bytes.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(bytes.size())));
  if (cert && p == bytes.data() + bytes.size()) return cert;
  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) return nullptr;
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, no_password, nullptr));
}

std::string subject_line(const X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
    throw DecodeError("certificate: cannot print the subject");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

std::int64_t seconds(const ASN1_TIME* time, const char* which) {
  struct tm parts {};
  if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
    throw DecodeError(std::string("certificate: ") + which + " does not decode");
  return static_cast<std::int64_t>(timegm(&parts));
}

}  // namespace

CertificateInfo inspect_certificate(BytesView der_or_pem) {
  ClearErrors clear;
  X509Ptr cert = parse(der_or_pem);
  if (!cert) throw DecodeError("certificate: cannot parse (not DER or PEM X.509)");
  // X509_get_extension_flags decodes the extensions; EXFLAG_INVALID marks one that does not.
  const std::uint32_t flags = X509_get_extension_flags(cert.get());
  if (flags & EXFLAG_INVALID) throw DecodeError("certificate: an extension does not decode");
  CertificateInfo info;
  info.subject = subject_line(cert.get());
  unsigned int length = 0;
  if (X509_digest(cert.get(), EVP_sha256(), info.sha256_fingerprint.data(), &length) != 1 || length != 32)
    throw DecodeError("certificate: cannot compute the SHA-256 fingerprint");
  info.is_ca = (flags & EXFLAG_CA) != 0;
  info.has_extended_key_usage = (flags & EXFLAG_XKUSAGE) != 0;
  info.server_auth = info.has_extended_key_usage && (X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER) != 0;
  info.not_before = seconds(X509_get0_notBefore(cert.get()), "notBefore");
  info.not_after = seconds(X509_get0_notAfter(cert.get()), "notAfter");
  return info;
}

}  // namespace evote::crypto
