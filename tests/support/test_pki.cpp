// Test certificates with the OpenSSL 3 API; see test_pki.hpp.
#include "support/test_pki.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>
#include <utility>

namespace evote::testing {
namespace {

template <auto free_fn>
struct OpensslFree {
  template <class T>
  void operator()(T* p) const noexcept {
    free_fn(p);
  }
};

using X509Ptr = std::unique_ptr<X509, OpensslFree<X509_free>>;
using NamePtr = std::unique_ptr<X509_NAME, OpensslFree<X509_NAME_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpensslFree<X509_EXTENSION_free>>;
using BioPtr = std::unique_ptr<BIO, OpensslFree<BIO_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslFree<EVP_MD_CTX_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpensslFree<ECDSA_SIG_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpensslFree<BN_free>>;

// Throws with OpenSSL's queued reason (and clears the queue).
[[noreturn]] void fail(const std::string& what) {
  unsigned long code = ERR_get_error();
  char reason[256] = "no OpenSSL error";
  if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error("test PKI: " + what + ": " + reason);
}

void check(int rc, const char* what) {
  if (rc <= 0) fail(what);
}

bool is_ec(KeyType type) {
  return type == KeyType::ec_p384 || type == KeyType::ec_p256 || type == KeyType::ec_p521;
}

const EVP_MD* digest_for(KeyType type) {
  switch (type) {
    case KeyType::ec_p384:
      return EVP_sha384();
    case KeyType::ec_p521:
      return EVP_sha512();
    default:
      return EVP_sha256();
  }
}

std::size_t ec_field_bytes(KeyType type) {
  switch (type) {
    case KeyType::ec_p384:
      return 48;
    case KeyType::ec_p256:
      return 32;
    default:
      return 66;  // P-521
  }
}

crypto::Bytes bio_contents(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  if (length < 0) fail("BIO_get_mem_data");
  return crypto::Bytes(data, data + length);
}

// A DER/PKCS#1 signature over message with the key's digest.
crypto::Bytes digest_sign(EVP_PKEY* key, KeyType type, crypto::BytesView message) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  if (!ctx) fail("EVP_MD_CTX_new");
  check(EVP_DigestSignInit(ctx.get(), &pkey_ctx, digest_for(type), nullptr, key),
        "EVP_DigestSignInit");
  if (!is_ec(type)) check(EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING), "padding");
  std::size_t length = 0;
  check(EVP_DigestSign(ctx.get(), nullptr, &length, message.data(), message.size()),
        "EVP_DigestSign (size)");
  crypto::Bytes signature(length);
  check(EVP_DigestSign(ctx.get(), signature.data(), &length, message.data(), message.size()),
        "EVP_DigestSign");
  signature.resize(length);
  return signature;
}

// DER ECDSA-Sig-Value to the fixed-width r || s a PKCS#11 token returns.
crypto::Bytes der_to_raw(crypto::BytesView der, std::size_t field_bytes) {
  const unsigned char* p = der.data();
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) fail("d2i_ECDSA_SIG");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  crypto::Bytes raw(2 * field_bytes);
  const int width = static_cast<int>(field_bytes);
  check(BN_bn2binpad(r, raw.data(), width) == width, "BN_bn2binpad(r)");
  check(BN_bn2binpad(s, raw.data() + field_bytes, width) == width, "BN_bn2binpad(s)");
  return raw;
}

}  // namespace

std::string to_string(KeyType type) {
  switch (type) {
    case KeyType::ec_p384:
      return "EC P-384";
    case KeyType::ec_p256:
      return "EC P-256";
    case KeyType::ec_p521:
      return "EC P-521";
    case KeyType::rsa_2048:
      return "RSA-2048";
    case KeyType::rsa_1024:
      return "RSA-1024";
  }
  return "?";
}

TestKey TestKey::generate(KeyType type) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case KeyType::ec_p384:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
      break;
    case KeyType::ec_p256:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
      break;
    case KeyType::ec_p521:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521");
      break;
    case KeyType::rsa_2048:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048));
      break;
    case KeyType::rsa_1024:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(1024));
      break;
  }
  if (!key) fail("key generation (" + to_string(type) + ")");
  return TestKey(type, std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
}

crypto::Bytes TestKey::sign_like_card(crypto::BytesView message) const {
  crypto::Bytes signature = digest_sign(get(), type_, message);
  if (!is_ec(type_)) return signature;
  return der_to_raw(signature, ec_field_bytes(type_));
}

std::size_t TestKey::signature_size() const {
  if (is_ec(type_)) return 2 * ec_field_bytes(type_);
  return static_cast<std::size_t>(EVP_PKEY_get_size(get()));
}

crypto::Bytes TestKey::public_key_der() const {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(get(), &der);
  if (length <= 0) fail("i2d_PUBKEY");
  crypto::Bytes out(der, der + length);
  OPENSSL_free(der);
  return out;
}

crypto::Bytes TestKey::private_key_der() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) fail("BIO_new");
  check(i2d_PKCS8PrivateKey_bio(bio.get(), get(), nullptr, nullptr, 0, nullptr, nullptr),
        "i2d_PKCS8PrivateKey_bio");
  return bio_contents(bio.get());
}

std::string TestKey::private_key_pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) fail("BIO_new");
  check(PEM_write_bio_PrivateKey(bio.get(), get(), nullptr, nullptr, 0, nullptr, nullptr),
        "PEM_write_bio_PrivateKey");
  crypto::Bytes bytes = bio_contents(bio.get());
  return std::string(bytes.begin(), bytes.end());
}

CertOptions ocsp_responder_options(std::string common_name) {
  CertOptions options;
  options.common_name = std::move(common_name);
  options.key_usage = ku_digital_signature;
  options.extended_key_usage = {"OCSPSigning"};
  options.extended_key_usage_critical = true;
  return options;
}

CertOptions ca_options(std::string common_name) {
  CertOptions options;
  options.common_name = std::move(common_name);
  options.organization = "evote test PKI";
  options.ca = true;
  options.key_usage = ku_key_cert_sign | ku_crl_sign;
  options.not_after = std::time(nullptr) + 10 * 365 * one_day;
  return options;
}

CertOptions leaf_options(std::string serial_number, std::string common_name,
                         KeyUsageFlags key_usage) {
  CertOptions options;
  options.serial_number = std::move(serial_number);
  options.common_name = std::move(common_name);
  options.key_usage = key_usage;
  if (key_usage & ku_digital_signature) {
    options.extended_key_usage = {"clientAuth", "emailProtection"};
    options.extended_key_usage_critical = true;
  }
  return options;
}

namespace {

NamePtr make_name(const CertOptions& options) {
  NamePtr name(X509_NAME_new());
  if (!name) fail("X509_NAME_new");
  auto add = [&](const char* field, const std::string& value) {
    if (value.empty()) return;
    const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
    check(X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_UTF8, bytes,
                                     static_cast<int>(value.size()), -1, 0),
          "X509_NAME_add_entry_by_txt");
  };
  add("C", options.country);
  add("O", options.organization);
  add("CN", options.common_name);
  add("SN", options.surname);
  add("GN", options.given_name);
  add("serialNumber", options.serial_number);
  return name;
}

std::string key_usage_text(KeyUsageFlags usage) {
  std::string text = "critical";
  if (usage & ku_digital_signature) text += ",digitalSignature";
  if (usage & ku_non_repudiation) text += ",nonRepudiation";
  if (usage & ku_key_cert_sign) text += ",keyCertSign";
  if (usage & ku_crl_sign) text += ",cRLSign";
  return text;
}

std::string comma_list(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

void add_extension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str()));
  if (!extension) fail("extension " + std::string(OBJ_nid2sn(nid)) + "=" + value);
  check(X509_add_ext(cert, extension.get(), -1), "X509_add_ext");  // copies
}

// certificatePolicies without qualifiers (the text form needs a config database).
void add_policies(X509* cert, const std::vector<std::string>& oids) {
  std::unique_ptr<CERTIFICATEPOLICIES, OpensslFree<CERTIFICATEPOLICIES_free>> policies(
      sk_POLICYINFO_new_null());
  if (!policies) fail("sk_POLICYINFO_new_null");
  for (const std::string& oid : oids) {
    POLICYINFO* info = POLICYINFO_new();
    if (!info) fail("POLICYINFO_new");
    ASN1_OBJECT_free(info->policyid);
    info->policyid = OBJ_txt2obj(oid.c_str(), 1);
    if (!info->policyid || sk_POLICYINFO_push(policies.get(), info) <= 0) {
      POLICYINFO_free(info);
      fail("policy " + oid);
    }
  }
  check(X509_add1_ext_i2d(cert, NID_certificate_policies, policies.get(), 0, X509V3_ADD_DEFAULT),
        "X509_add1_ext_i2d(certificatePolicies)");
}

// issuer == nullptr: self-signed.
void add_extensions(X509* cert, X509* issuer, const CertOptions& options) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
  if (options.basic_constraints)
    add_extension(
        cert, &ctx, NID_basic_constraints,
        options.ca ? "critical,CA:TRUE" + (options.path_length >= 0
                                               ? ",pathlen:" + std::to_string(options.path_length)
                                               : std::string())
                   : std::string("critical,CA:FALSE"));
  if (!options.name_constraints.empty())
    add_extension(cert, &ctx, NID_name_constraints, "critical," + options.name_constraints);
  if (options.key_usage != ku_none)
    add_extension(cert, &ctx, NID_key_usage, key_usage_text(options.key_usage));
  if (!options.extended_key_usage.empty())
    add_extension(cert, &ctx, NID_ext_key_usage,
                  (options.extended_key_usage_critical ? "critical," : "") +
                      comma_list(options.extended_key_usage));
  if (!options.policies.empty()) add_policies(cert, options.policies);
  add_extension(cert, &ctx, NID_subject_key_identifier, "hash");
  if (issuer) add_extension(cert, &ctx, NID_authority_key_identifier, "keyid:always");
  if (!options.ocsp_url.empty())
    add_extension(cert, &ctx, NID_info_access, "OCSP;URI:" + options.ocsp_url);
}

void set_serial_and_validity(X509* cert, const CertOptions& options) {
  BignumPtr serial(BN_new());
  if (!serial) fail("BN_new");
  check(BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "BN_rand");
  if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert))) fail("BN_to_ASN1_INTEGER");
  if (!ASN1_TIME_set(X509_getm_notBefore(cert), options.not_before)) fail("notBefore");
  if (!ASN1_TIME_set(X509_getm_notAfter(cert), options.not_after)) fail("notAfter");
}

TestCertificate build(const TestKey& key, const CertOptions& options, X509* issuer_cert,
                      const TestKey& issuer_key) {
  X509Ptr cert(X509_new());
  if (!cert) fail("X509_new");
  check(X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version");
  set_serial_and_validity(cert.get(), options);
  check(X509_set_pubkey(cert.get(), key.get()), "X509_set_pubkey");
  NamePtr subject = make_name(options);
  check(X509_set_subject_name(cert.get(), subject.get()), "X509_set_subject_name");
  const X509_NAME* issuer_name = issuer_cert ? X509_get_subject_name(issuer_cert) : subject.get();
  check(X509_set_issuer_name(cert.get(), issuer_name), "X509_set_issuer_name");
  add_extensions(cert.get(), issuer_cert, options);
  check(X509_sign(cert.get(), issuer_key.get(), digest_for(issuer_key.type())), "X509_sign");
  return TestCertificate(std::shared_ptr<X509>(cert.release(), X509_free), key);
}

}  // namespace

crypto::Bytes TestCertificate::der() const {
  unsigned char* der = nullptr;
  int length = i2d_X509(get(), &der);
  if (length <= 0) fail("i2d_X509");
  crypto::Bytes out(der, der + length);
  OPENSSL_free(der);
  return out;
}

crypto::Bytes TestCertificate::pem_bytes() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) fail("BIO_new");
  check(PEM_write_bio_X509(bio.get(), get()), "PEM_write_bio_X509");
  return bio_contents(bio.get());
}

std::string TestCertificate::pem() const {
  crypto::Bytes bytes = pem_bytes();
  return std::string(bytes.begin(), bytes.end());
}

TestCertificate make_self_signed(const TestKey& key, const CertOptions& options) {
  return build(key, options, nullptr, key);
}

TestCertificate issue_certificate(const TestCertificate& issuer, const TestKey& subject_key,
                                  const CertOptions& options) {
  return build(subject_key, options, issuer.get(), issuer.key());
}

TestPki TestPki::create(const std::string& name, KeyType ca_key_type) {
  TestCertificate root =
      make_self_signed(TestKey::generate(ca_key_type), ca_options(name + " Root CA"));
  TestCertificate intermediate = issue_certificate(root, TestKey::generate(ca_key_type),
                                                   ca_options(name + " Intermediate CA"));
  return TestPki{std::move(root), std::move(intermediate)};
}

TestCertificate TestPki::issue_leaf(KeyType type, const CertOptions& options) const {
  return issue_certificate(intermediate, TestKey::generate(type), options);
}

std::vector<crypto::Bytes> TestPki::trusted() const { return {root.der()}; }

std::vector<crypto::Bytes> TestPki::intermediates() const { return {intermediate.der()}; }

}  // namespace evote::testing
