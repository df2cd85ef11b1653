#include "test_certificates.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>

#include "evote/crypto/random.hpp"

namespace evote::card::tools {

namespace {

constexpr std::time_t kDay = 24 * 60 * 60;

[[noreturn]] void openssl_fail(const std::string& what) {
  const unsigned long code = ERR_peek_last_error();
  char reason[256] = "unknown OpenSSL error";
  if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error(what + ": " + reason);
}

void ensure(bool ok, const std::string& what) {
  if (!ok) openssl_fail(what);
}

KeyPtr generate_p384() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
  ensure(key != nullptr, "generating a P-384 key");
  return KeyPtr(key, EVP_PKEY_free);
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  ERR_clear_error();
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  ensure(ext != nullptr, "certificate extension " + std::string(OBJ_nid2sn(nid)) + "=" + value);
  const int added = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  ensure(added == 1, "adding extension " + std::string(OBJ_nid2sn(nid)));
}

// certificatePolicies with bare policy OIDs (X509V3_EXT_conf_nid wants a
// config database for this extension).
void add_policies(X509* cert, const std::vector<std::string>& oids) {
  CERTIFICATEPOLICIES* policies = CERTIFICATEPOLICIES_new();
  ensure(policies != nullptr, "CERTIFICATEPOLICIES_new");
  for (const std::string& oid : oids) {
    POLICYINFO* info = POLICYINFO_new();
    ASN1_OBJECT* id = OBJ_txt2obj(oid.c_str(), 1);
    if (info == nullptr || id == nullptr) {
      POLICYINFO_free(info);
      CERTIFICATEPOLICIES_free(policies);
      openssl_fail("certificate policy " + oid);
    }
    ASN1_OBJECT_free(info->policyid);
    info->policyid = id;
    sk_POLICYINFO_push(policies, info);
  }
  const int added =
      X509_add1_ext_i2d(cert, NID_certificate_policies, policies, 0, X509V3_ADD_DEFAULT);
  CERTIFICATEPOLICIES_free(policies);
  ensure(added == 1, "adding certificatePolicies");
}

void add_name_entry(X509_NAME* name, int nid, const std::string& value) {
  ensure(X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                    0) == 1,
         std::string("subject ") + OBJ_nid2sn(nid) + "=" + value);
}

// A v3 certificate with a random positive 127-bit serial, SKI and (when not
// self-signed) AKI, signed with SHA-384.
CertPtr new_certificate(X509_NAME* subject, EVP_PKEY* public_key, std::time_t not_before,
                        std::time_t not_after) {
  CertPtr cert(X509_new(), X509_free);
  ensure(cert != nullptr, "X509_new");
  ensure(X509_set_version(cert.get(), X509_VERSION_3) == 1, "X509_set_version");
  crypto::Bytes serial = crypto::random_bytes(16);
  serial[0] = static_cast<std::uint8_t>((serial[0] & 0x7f) | 0x40);
  BIGNUM* number = BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr);
  ensure(number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get())),
         "certificate serial");
  BN_free(number);
  ensure(X509_set_subject_name(cert.get(), subject) == 1, "X509_set_subject_name");
  ensure(X509_set_pubkey(cert.get(), public_key) == 1, "X509_set_pubkey");
  ensure(ASN1_TIME_set(X509_getm_notBefore(cert.get()), not_before) != nullptr, "notBefore");
  ensure(ASN1_TIME_set(X509_getm_notAfter(cert.get()), not_after) != nullptr, "notAfter");
  return cert;
}

void sign(X509* cert, X509* issuer, EVP_PKEY* issuer_key) {
  ensure(X509_set_issuer_name(cert, X509_get_subject_name(issuer)) == 1, "X509_set_issuer_name");
  add_extension(cert, issuer, NID_subject_key_identifier, "hash");
  if (cert != issuer) add_extension(cert, issuer, NID_authority_key_identifier, "keyid:always");
  ensure(X509_sign(cert, issuer_key, EVP_sha384()) > 0, "signing the certificate");
}

CertPtr make_ca_certificate(const std::string& common_name, EVP_PKEY* key, X509* issuer,
                            EVP_PKEY* issuer_key, const std::string& constraints, int days) {
  X509_NAME* name = X509_NAME_new();
  add_name_entry(name, NID_countryName, "EE");
  add_name_entry(name, NID_organizationName, "evote test");
  add_name_entry(name, NID_commonName, common_name);
  const std::time_t now = std::time(nullptr);
  CertPtr cert = new_certificate(name, key, now - kDay, now + days * kDay);
  X509_NAME_free(name);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  add_extension(cert.get(), signer, NID_basic_constraints, constraints);
  add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  sign(cert.get(), signer, issuer_key != nullptr ? issuer_key : key);
  return cert;
}

crypto::Bytes to_der(int (*encode)(const void*, unsigned char**), const void* object,
                     const std::string& what) {
  unsigned char* out = nullptr;
  const int length = encode(object, &out);
  ensure(length > 0, what);
  crypto::Bytes der(out, out + length);
  OPENSSL_free(out);
  return der;
}

}  // namespace

CaFiles make_test_ca(const std::string& name, int days) {
  CaFiles ca;
  ca.root_key = generate_p384();
  ca.root = make_ca_certificate(name + " Root CA", ca.root_key.get(), nullptr, nullptr,
                                "critical,CA:TRUE,pathlen:1", days);
  ca.issuing_key = generate_p384();
  ca.issuing = make_ca_certificate(name + " Issuing CA", ca.issuing_key.get(), ca.root.get(),
                                   ca.root_key.get(), "critical,CA:TRUE,pathlen:0", days);
  return ca;
}

std::string certificate_pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  ensure(bio != nullptr && PEM_write_bio_X509(bio, cert) == 1, "PEM certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string private_key_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  ensure(bio != nullptr &&
             PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
         "PEM private key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return pem;
}

crypto::Bytes certificate_der(X509* cert) {
  return to_der(
      [](const void* c, unsigned char** out) { return i2d_X509(static_cast<const X509*>(c), out); },
      cert, "DER certificate");
}

crypto::Bytes subject_der(X509* cert) {
  return to_der(
      [](const void* n, unsigned char** out) {
        return i2d_X509_NAME(static_cast<const X509_NAME*>(n), out);
      },
      X509_get_subject_name(cert), "DER subject");
}

crypto::Bytes issuer_der(X509* cert) {
  return to_der(
      [](const void* n, unsigned char** out) {
        return i2d_X509_NAME(static_cast<const X509_NAME*>(n), out);
      },
      X509_get_issuer_name(cert), "DER issuer");
}

crypto::Bytes serial_der(X509* cert) {
  return to_der(
      [](const void* s, unsigned char** out) {
        return i2d_ASN1_INTEGER(static_cast<const ASN1_INTEGER*>(s), out);
      },
      X509_get0_serialNumber(cert), "DER serial number");
}

CertPtr read_certificate_pem(const std::string& path) {
  BIO* bio = BIO_new_file(path.c_str(), "r");
  ensure(bio != nullptr, path + ": cannot open");
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ensure(cert != nullptr, path + ": not a PEM certificate");
  return CertPtr(cert, X509_free);
}

KeyPtr read_private_key_pem(const std::string& path) {
  BIO* bio = BIO_new_file(path.c_str(), "r");
  ensure(bio != nullptr, path + ": cannot open");
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ensure(key != nullptr, path + ": not an unencrypted PEM private key");
  return KeyPtr(key, EVP_PKEY_free);
}

KeyPtr p384_public_key(crypto::BytesView ec_point) {
  constexpr std::size_t kPoint = 97;  // 04 || x || y
  crypto::BytesView point = ec_point;
  if (point.size() == kPoint + 2 && point[0] == 0x04 && point[1] == kPoint)
    point = point.subspan(2);
  if (point.size() != kPoint || point[0] != 0x04)
    throw std::runtime_error("CKA_EC_POINT is not an uncompressed P-384 point (" +
                             std::to_string(ec_point.size()) + " bytes)");
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  ensure(build != nullptr, "OSSL_PARAM_BLD_new");
  OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "secp384r1", 0);
  OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
  OSSL_PARAM_BLD_free(build);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  const bool ok = params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1 &&
                  EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  ensure(ok, "CKA_EC_POINT: not a point on P-384");
  return KeyPtr(key, EVP_PKEY_free);
}

CertPtr issue_card_certificate(X509* ca, EVP_PKEY* ca_key, EVP_PKEY* public_key,
                               const Person& person, CardCertificate kind,
                               const IssueOptions& options) {
  // The attribute order of an Estonian authentication certificate.
  X509_NAME* name = X509_NAME_new();
  add_name_entry(name, NID_countryName, "EE");
  add_name_entry(name, NID_commonName,
                 person.surname + "," + person.given_name + "," + person.personal_code);
  add_name_entry(name, NID_surname, person.surname);
  add_name_entry(name, NID_givenName, person.given_name);
  add_name_entry(name, NID_serialNumber, "PNOEE-" + person.personal_code);
  CertPtr cert = new_certificate(name, public_key, options.not_before, options.not_after);
  X509_NAME_free(name);

  add_extension(cert.get(), ca, NID_basic_constraints, "CA:FALSE");
  if (kind == CardCertificate::authentication) {
    add_extension(cert.get(), ca, NID_key_usage, "critical,digitalSignature,keyAgreement");
    add_extension(cert.get(), ca, NID_ext_key_usage, "clientAuth,emailProtection");
  } else {
    add_extension(cert.get(), ca, NID_key_usage, "critical,nonRepudiation");
  }
  if (!options.policies.empty()) add_policies(cert.get(), options.policies);
  if (!options.ocsp_url.empty())
    add_extension(cert.get(), ca, NID_info_access, "OCSP;URI:" + options.ocsp_url);
  sign(cert.get(), ca, ca_key);
  return cert;
}

}  // namespace evote::card::tools
