// evote-test-card: test ID cards in SoftHSM2, laid out as OpenSC shows an
// Estonian ID card (specs/voter-app.md, "Test cards"), and the test CA that
// issues their certificates. Usage: evote-test-card help.
//
// Test data only: the PINs are taken on the command line and the CA keys are
// written unencrypted.
#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>
#include <sstream>

#include "evote/cli/program.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "evote/protocol/files.hpp"
#include "pkcs11_module.hpp"
#include "test_certificates.hpp"

namespace {

using evote::card::detail::Pkcs11Module;
using evote::card::detail::Session;
using evote::card::detail::trimmed;
using evote::cli::Args;
using evote::cli::Kind;
using evote::cli::number_option;
using evote::cli::optional_option;
using evote::cli::required_option;
using evote::crypto::Bytes;
using evote::crypto::SecretBytes;
namespace tools = evote::card::tools;
namespace fs = std::filesystem;

constexpr const char* kSoftHsm = "/usr/lib/softhsm/libsofthsm2.so";
constexpr std::time_t kDay = 24 * 60 * 60;

// ------------------------------------------------------------ checks

// Estonian personal code: 11 digits, G YYMMDD SSS C (century/sex digit 1..8),
// check digit by the two weight rounds of the standard EVS 585.
std::string checked_personal_code(const std::string& code) {
  if (code.size() != 11 || code.find_first_not_of("0123456789") != std::string::npos)
    throw evote::cli::UsageError("--personal-code must be 11 digits, got \"" + code + "\"");
  if (code[0] < '1' || code[0] > '8')
    throw evote::cli::UsageError("--personal-code " + code + ": the first digit must be 1..8");
  const int month = std::stoi(code.substr(3, 2));
  const int day = std::stoi(code.substr(5, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31)
    throw evote::cli::UsageError("--personal-code " + code + ": no such birth date");
  const auto weighted = [&](int first_weight) {
    int sum = 0;
    for (int i = 0; i < 10; ++i) sum += (code[i] - '0') * ((first_weight + i - 1) % 9 + 1);
    return sum % 11;
  };
  int check = weighted(1);
  if (check == 10) check = weighted(3) % 10;
  if (code[10] - '0' != check)
    throw evote::cli::UsageError("--personal-code " + code + ": wrong check digit (expected " +
                                 std::to_string(check) + ")");
  return code;
}

// A PIN of digits only, as the ID card takes them.
SecretBytes checked_pin(const Args& args, const std::string& option, const char* fallback,
                        std::size_t shortest) {
  const std::string pin = args.optional(option).value_or(fallback);
  if (pin.size() < shortest || pin.size() > 12 ||
      pin.find_first_not_of("0123456789") != std::string::npos)
    throw evote::cli::UsageError("--" + option + " must be " + std::to_string(shortest) +
                                 " to 12 digits");
  return SecretBytes(evote::crypto::as_bytes(pin));
}

std::vector<std::string> checked_policies(const Args& args) {
  std::vector<std::string> policies;
  std::stringstream list(args.optional("policies").value_or(""));
  for (std::string oid; std::getline(list, oid, ',');) {
    if (oid.empty() || oid.find_first_not_of("0123456789.") != std::string::npos ||
        oid.front() == '.' || oid.back() == '.' || oid.find("..") != std::string::npos)
      throw evote::cli::UsageError("--policies: \"" + oid + "\" is not a dotted OID");
    policies.push_back(oid);
  }
  return policies;
}

// "<GN> <SN> (PIN1)" in at most 32 bytes: the name is cut at a character
// boundary when it is too long, the suffix always stays.
std::string token_label(const tools::Person& person, const std::string& suffix) {
  std::string name = person.given_name + " " + person.surname;
  const std::size_t room = 32 - suffix.size();
  if (name.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xc0) == 0x80) --cut;
    name.resize(cut);
  }
  return name + suffix;
}

// ------------------------------------------------------------ PKCS#11

CK_ATTRIBUTE text(CK_ATTRIBUTE_TYPE type, const std::string& value) {
  return {type, const_cast<char*>(value.data()), value.size()};
}
CK_ATTRIBUTE bytes(CK_ATTRIBUTE_TYPE type, const Bytes& value) {
  return {type, const_cast<std::uint8_t*>(value.data()), value.size()};
}

CK_BBOOL kTrue = CK_TRUE;
CK_BBOOL kFalse = CK_FALSE;

// The slot of the initialized token with this label, or nullopt.
std::optional<CK_SLOT_ID> slot_with_label(const Pkcs11Module& module, const std::string& label) {
  for (const CK_SLOT_ID slot : module.slots(true)) {
    const CK_TOKEN_INFO info = module.token_info(slot, module.describe_slot(slot));
    if ((info.flags & CKF_TOKEN_INITIALIZED) != 0 &&
        trimmed(info.label, sizeof info.label) == label)
      return slot;
  }
  return std::nullopt;
}

// C_InitToken on SoftHSM2's free slot, then C_InitPIN as the security officer.
CK_SLOT_ID init_token(const Pkcs11Module& module, const std::string& label, const SecretBytes& pin,
                      const SecretBytes& so_pin) {
  std::optional<CK_SLOT_ID> free_slot;
  for (const CK_SLOT_ID slot : module.slots(true)) {
    const CK_TOKEN_INFO info = module.token_info(slot, module.describe_slot(slot));
    if ((info.flags & CKF_TOKEN_INITIALIZED) == 0) {
      free_slot = slot;
      break;
    }
  }
  if (!free_slot) throw std::runtime_error(module.path().string() + ": no free slot for a token");

  CK_UTF8CHAR padded[32];
  std::memset(padded, ' ', sizeof padded);
  std::memcpy(padded, label.data(), label.size());
  std::vector<CK_UTF8CHAR> so_copy(so_pin.data(), so_pin.data() + so_pin.size());
  const CK_RV rv = module.f().C_InitToken(*free_slot, so_copy.data(), so_copy.size(), padded);
  std::fill(so_copy.begin(), so_copy.end(), 0);
  module.check(rv, "token '" + label + "'", "C_InitToken failed");

  // SoftHSM2 moves an initialized token to a slot named after its serial.
  const std::optional<CK_SLOT_ID> slot = slot_with_label(module, label);
  if (!slot) throw std::runtime_error("token '" + label + "': not found after C_InitToken");
  Session session(module, *slot, "token '" + label + "'", Session::Mode::read_write);
  session.login(CKU_SO, so_pin);
  std::vector<CK_UTF8CHAR> pin_copy(pin.data(), pin.data() + pin.size());
  const CK_RV init_pin = module.f().C_InitPIN(session.handle(), pin_copy.data(), pin_copy.size());
  std::fill(pin_copy.begin(), pin_copy.end(), 0);
  session.check(init_pin, "C_InitPIN failed");
  return *slot;
}

struct CardKeySpec {
  tools::CardCertificate kind;
  std::string token_suffix;  // " (PIN1)"
  std::string object_label;  // as OpenSC labels the EstEID objects
  Bytes id;                  // CKA_ID of key and certificate, as OpenSC shows them
};

// One token of the card: a P-384 key pair generated on it, its certificate
// issued by the CA and stored next to it. Returns the certificate PEM.
std::string make_token(const Pkcs11Module& module, const CardKeySpec& spec,
                       const tools::Person& person, const SecretBytes& pin,
                       const SecretBytes& so_pin, X509* ca, EVP_PKEY* ca_key,
                       const tools::IssueOptions& options) {
  const std::string label = token_label(person, spec.token_suffix);
  if (slot_with_label(module, label))
    throw std::runtime_error("a token labelled '" + label + "' exists already in " +
                             module.path().string() + " (SOFTHSM2_CONF " +
                             std::getenv("SOFTHSM2_CONF") + ")");
  const CK_SLOT_ID slot = init_token(module, label, pin, so_pin);
  Session session(module, slot, "token '" + label + "'", Session::Mode::read_write);
  session.login(CKU_USER, pin);

  const bool signing = spec.kind == tools::CardCertificate::signing;
  Bytes p384_oid = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};  // secp384r1
  std::vector<CK_ATTRIBUTE> public_template = {{CKA_TOKEN, &kTrue, sizeof kTrue},
                                               {CKA_PRIVATE, &kFalse, sizeof kFalse},
                                               {CKA_VERIFY, &kTrue, sizeof kTrue},
                                               bytes(CKA_EC_PARAMS, p384_oid),
                                               {CKA_ENCRYPT, &kFalse, 1},
                                               {CKA_WRAP, &kFalse, 1},
                                               bytes(CKA_ID, spec.id),
                                               text(CKA_LABEL, spec.object_label)};
  std::vector<CK_ATTRIBUTE> private_template = {
      {CKA_TOKEN, &kTrue, sizeof kTrue},
      {CKA_PRIVATE, &kTrue, sizeof kTrue},
      {CKA_SENSITIVE, &kTrue, sizeof kTrue},
      {CKA_EXTRACTABLE, &kFalse, sizeof kFalse},
      {CKA_SIGN, &kTrue, sizeof kTrue},
      {CKA_DERIVE, signing ? &kFalse : &kTrue, 1},
      {CKA_DECRYPT, &kFalse, 1},
      {CKA_UNWRAP, &kFalse, 1},
      bytes(CKA_ID, spec.id),
      text(CKA_LABEL, spec.object_label),
      // OpenSC marks the signing key "user consent": PIN2 for every signature.
      {CKA_ALWAYS_AUTHENTICATE, signing ? &kTrue : &kFalse, 1}};
  CK_MECHANISM mechanism{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
  CK_OBJECT_HANDLE public_key = CK_INVALID_HANDLE, private_key = CK_INVALID_HANDLE;
  session.check(module.f().C_GenerateKeyPair(session.handle(), &mechanism, public_template.data(),
                                             public_template.size(), private_template.data(),
                                             private_template.size(), &public_key, &private_key),
                "C_GenerateKeyPair (EC P-384) failed");
  const std::optional<Bytes> point = session.attribute(public_key, CKA_EC_POINT);
  if (!point) throw std::runtime_error("token '" + label + "': the public key has no CKA_EC_POINT");

  const tools::KeyPtr key = tools::p384_public_key(*point);
  const tools::CertPtr cert =
      tools::issue_card_certificate(ca, ca_key, key.get(), person, spec.kind, options);
  const Bytes der = tools::certificate_der(cert.get());
  const Bytes subject = tools::subject_der(cert.get());
  const Bytes issuer = tools::issuer_der(cert.get());
  const Bytes serial = tools::serial_der(cert.get());
  CK_OBJECT_CLASS cert_class = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE cert_type = CKC_X_509;
  std::vector<CK_ATTRIBUTE> cert_template = {{CKA_CLASS, &cert_class, sizeof cert_class},
                                             {CKA_CERTIFICATE_TYPE, &cert_type, sizeof cert_type},
                                             {CKA_TOKEN, &kTrue, sizeof kTrue},
                                             {CKA_PRIVATE, &kFalse, sizeof kFalse},
                                             text(CKA_LABEL, spec.object_label),
                                             bytes(CKA_ID, spec.id),
                                             bytes(CKA_SUBJECT, subject),
                                             bytes(CKA_ISSUER, issuer),
                                             bytes(CKA_SERIAL_NUMBER, serial),
                                             bytes(CKA_VALUE, der)};
  CK_OBJECT_HANDLE stored = CK_INVALID_HANDLE;
  session.check(module.f().C_CreateObject(session.handle(), cert_template.data(),
                                          cert_template.size(), &stored),
                "C_CreateObject (certificate) failed");
  session.logout();
  return tools::certificate_pem(cert.get());
}

// ------------------------------------------------------------ commands

int cmd_make_card(const Args& args) {
  const tools::Person person{args.required("given-name"), args.required("surname"),
                             checked_personal_code(args.required("personal-code"))};
  if (person.given_name.empty() || person.surname.empty())
    throw evote::cli::UsageError("--given-name and --surname must not be empty");
  const SecretBytes pin1 = checked_pin(args, "pin1", "1234", 4);
  const SecretBytes pin2 = checked_pin(args, "pin2", "12345", 5);
  const SecretBytes puk = checked_pin(args, "puk", "12345678", 8);
  tools::IssueOptions options;
  const std::uint64_t days = args.optional_number("days", 1, 36500).value_or(1825);
  const std::uint64_t backdate = args.optional_number("backdate-days", 0, 36500).value_or(1);
  options.not_before = std::time(nullptr) - static_cast<std::time_t>(backdate) * kDay;
  options.not_after = options.not_before + static_cast<std::time_t>(days) * kDay;
  options.policies = checked_policies(args);
  options.ocsp_url = args.optional("ocsp-url").value_or("");

  const fs::path out = args.required("out");
  const fs::path auth_file = out / "authentication.pem";
  const fs::path sign_file = out / "signing.pem";
  const auto mode = evote::protocol::WriteMode::new_public();
  evote::cli::check_output(auth_file, mode);
  evote::cli::check_output(sign_file, mode);
  if (std::getenv("SOFTHSM2_CONF") == nullptr)
    throw std::runtime_error("SOFTHSM2_CONF is not set: point it at the SoftHSM2 config to use");

  const tools::CertPtr ca = tools::read_certificate_pem(args.required("ca-cert"));
  const tools::KeyPtr ca_key = tools::read_private_key_pem(args.required("ca-key"));
  if (X509_check_private_key(ca.get(), ca_key.get()) != 1)
    throw std::runtime_error("--ca-key is not the key of --ca-cert");

  Pkcs11Module module(args.optional("module").value_or(kSoftHsm));
  const std::string auth_pem =
      make_token(module, {tools::CardCertificate::authentication, " (PIN1)", "Isikutuvastus", {1}},
                 person, pin1, puk, ca.get(), ca_key.get(), options);
  const std::string sign_pem =
      make_token(module, {tools::CardCertificate::signing, " (PIN2)", "Allkirjastamine", {2}},
                 person, pin2, puk, ca.get(), ca_key.get(), options);
  fs::create_directories(out);
  evote::protocol::write_file_atomic(auth_file, evote::crypto::as_bytes(auth_pem), mode);
  evote::protocol::write_file_atomic(sign_file, evote::crypto::as_bytes(sign_pem), mode);
  std::printf("card of %s %s (PNOEE-%s): tokens '%s' and '%s' in %s\n", person.given_name.c_str(),
              person.surname.c_str(), person.personal_code.c_str(),
              token_label(person, " (PIN1)").c_str(), token_label(person, " (PIN2)").c_str(),
              std::getenv("SOFTHSM2_CONF"));
  std::printf("certificates: %s, %s\n", auth_file.c_str(), sign_file.c_str());
  return 0;
}

int cmd_make_ca(const Args& args) {
  const std::string name = args.required("name");
  const int days = static_cast<int>(args.optional_number("days", 1, 36500).value_or(3650));
  const fs::path out = args.required("out");
  const auto public_mode = evote::protocol::WriteMode::new_public();
  const auto secret_mode = evote::protocol::WriteMode::new_secret();
  for (const char* file : {"root.pem", "ca.pem"}) evote::cli::check_output(out / file, public_mode);
  for (const char* file : {"root.key", "ca.key"}) evote::cli::check_output(out / file, secret_mode);

  const tools::CaFiles ca = tools::make_test_ca(name, days);
  fs::create_directories(out);
  using evote::crypto::as_bytes;
  using evote::protocol::write_file_atomic;
  write_file_atomic(out / "root.pem", as_bytes(tools::certificate_pem(ca.root.get())), public_mode);
  write_file_atomic(out / "ca.pem", as_bytes(tools::certificate_pem(ca.issuing.get())),
                    public_mode);
  write_file_atomic(out / "root.key", as_bytes(tools::private_key_pem(ca.root_key.get())),
                    secret_mode);
  write_file_atomic(out / "ca.key", as_bytes(tools::private_key_pem(ca.issuing_key.get())),
                    secret_mode);
  std::printf("test CA '%s': %s (root), %s (issuing CA) and their keys\n", name.c_str(),
              (out / "root.pem").c_str(), (out / "ca.pem").c_str());
  return 0;
}

evote::cli::ProgramSpec program() {
  return {
      "evote-test-card",
      "test Estonian ID cards in SoftHSM2 and the test CA that issues them",
      "SOFTHSM2_CONF names the SoftHSM2 config whose token folder receives the cards.\n"
      "Test data only: PINs are given on the command line, CA keys are unencrypted.",
      {{"make-ca",
        "Test cards",
        "make a P-384 test root CA and issuing CA (root.pem, ca.pem, root.key, ca.key)",
        {required_option("name", "NAME", "the CA name (\"<NAME> Root CA\", \"<NAME> Issuing CA\")"),
         required_option("out", "DIR", "the folder for the files", Kind::output_folder),
         number_option("days", "DAYS", "validity from a day ago (default 3650)", 1, 36500, false)},
        {},
        "make-ca --name \"evote test\" --out ca",
        cmd_make_ca},
       {"make-card",
        "Test cards",
        "make an ID card: two tokens (PIN1, PIN2), P-384 keys made on them, certificates by the CA",
        {required_option("ca-cert", "PEM", "the issuing CA certificate", Kind::input_file),
         required_option("ca-key", "PEM", "the issuing CA's private key", Kind::input_file),
         required_option("given-name", "GN", "the holder's given name(s), e.g. MARI-LIIS"),
         required_option("surname", "SN", "the holder's surname, e.g. MÄNNIK"),
         required_option("personal-code", "CODE",
                         "the 11-digit personal code (check digit "
                         "checked)"),
         optional_option("pin1", "DIGITS", "PIN1, 4..12 digits (default 1234)"),
         optional_option("pin2", "DIGITS", "PIN2, 5..12 digits (default 12345)"),
         optional_option("puk", "DIGITS",
                         "PUK = both tokens' SO PIN, 8..12 digits (default "
                         "12345678)"),
         number_option("days", "DAYS", "certificate validity (default 1825)", 1, 36500, false),
         number_option("backdate-days", "DAYS", "valid from this many days ago (default 1)", 0,
                       36500, false),
         optional_option("policies", "OID,...", "certificatePolicies of both certificates"),
         optional_option("ocsp-url", "URL", "authorityInfoAccess OCSP URL of both certificates"),
         optional_option("module", "SO",
                         std::string("the SoftHSM2 module (default ") + kSoftHsm + ")",
                         Kind::input_file),
         required_option("out", "DIR", "the folder for authentication.pem and signing.pem",
                         Kind::output_folder)},
        {},
        "make-card --ca-cert ca/ca.pem --ca-key ca/ca.key --given-name MARI-LIIS --surname "
        "MÄNNIK --personal-code 38001085718 --out card",
        cmd_make_card}}};
}

}  // namespace

int main(int argc, char** argv) { return evote::cli::run_program(argc, argv, program()); }
