// Test ID cards for tests/card: a SoftHSM2 configuration of the test's own
// (SOFTHSM2_CONF points at it while the object lives; no token in it yet), a
// test CA made by `evote-test-card make-ca`, and cards made by
// `evote-test-card make-card` as a separate process, as the demo makes them.
#pragma once

#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "evote/card/id_card.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "support/run_program.hpp"
#include "support/temp_folder.hpp"

namespace evote::testing {

inline constexpr const char* kSoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";

inline crypto::SecretBytes pin(const std::string& digits) {
  return crypto::SecretBytes(crypto::as_bytes(digits));
}

inline crypto::Bytes sha384(crypto::BytesView message) {
  crypto::Bytes digest(48);
  unsigned int size = 0;
  if (EVP_Digest(message.data(), message.size(), digest.data(), &size, EVP_sha384(), nullptr) != 1)
    throw std::runtime_error("SHA-384 failed");
  return digest;
}

class TestCards {
 public:
  struct Card {
    std::filesystem::path authentication_pem;
    std::filesystem::path signing_pem;
  };

  TestCards() {
    if (const char* previous = std::getenv("SOFTHSM2_CONF")) previous_conf_ = previous;
    std::filesystem::create_directories(tokens());
    write_config(tokens());
    ::setenv("SOFTHSM2_CONF", config().c_str(), 1);
    const ProgramRun ca =
        run("make-ca --name 'evote card test' --out " + shell_quote(folder_ / "ca"));
    if (ca.status != 0) throw std::runtime_error("evote-test-card make-ca: " + ca.output);
  }
  ~TestCards() {
    if (previous_conf_)
      ::setenv("SOFTHSM2_CONF", previous_conf_->c_str(), 1);
    else
      ::unsetenv("SOFTHSM2_CONF");
  }
  TestCards(const TestCards&) = delete;
  TestCards& operator=(const TestCards&) = delete;

  // Runs `evote-test-card <arguments>` (a shell command line).
  static ProgramRun run(const std::string& arguments) {
    return run_program(shell_quote(EVOTE_TEST_CARD_BIN) + " " + arguments);
  }

  // make-card with the test CA; `extra` adds options (PINs, --policies, ...).
  // Throws with the program's output when it fails.
  Card add_card(const std::string& given_name, const std::string& surname,
                const std::string& personal_code, const std::string& extra = "") {
    const std::filesystem::path out = folder_ / ("card-" + std::to_string(++cards_));
    const ProgramRun made =
        run(make_card_arguments(given_name, surname, personal_code, out) + " " + extra);
    if (made.status != 0) throw std::runtime_error("evote-test-card make-card: " + made.output);
    return {out / "authentication.pem", out / "signing.pem"};
  }

  std::string make_card_arguments(const std::string& given_name, const std::string& surname,
                                  const std::string& personal_code,
                                  const std::filesystem::path& out) const {
    return "make-card --ca-cert " + shell_quote(folder_ / "ca" / "ca.pem") + " --ca-key " +
           shell_quote(folder_ / "ca" / "ca.key") + " --given-name '" + given_name +
           "' --surname '" + surname + "' --personal-code " + personal_code + " --out " +
           shell_quote(out);
  }

  // A config whose token folder is `token_folder` (SoftHSM2 reads it at C_Initialize).
  void write_config(const std::filesystem::path& token_folder) const {
    const std::string conf = "directories.tokendir = " + token_folder.string() +
                             "\nobjectstore.backend = file\nlog.level = ERROR\n";
    write_whole_file(config(), crypto::as_bytes(conf));
  }

  std::filesystem::path config() const { return folder_ / "softhsm2.conf"; }
  std::filesystem::path tokens() const { return folder_ / "tokens"; }
  std::filesystem::path ca_folder() const { return folder_ / "ca"; }
  const TempFolder& folder() const { return folder_; }

  // The test CA as verify_voter_signature takes it.
  std::vector<crypto::Bytes> trusted() const {
    return {crypto::certificate_to_der(read_whole_file(folder_ / "ca" / "root.pem"))};
  }
  std::vector<crypto::Bytes> intermediates() const {
    return {crypto::certificate_to_der(read_whole_file(folder_ / "ca" / "ca.pem"))};
  }

 private:
  TempFolder folder_;
  std::optional<std::string> previous_conf_;
  int cards_ = 0;
};

inline crypto::Bytes der_of(const std::filesystem::path& pem) {
  return crypto::certificate_to_der(read_whole_file(pem));
}

// Runs `action`, expecting a card::CardError with `problem`; returns it.
template <typename Action>
card::CardError expect_problem(Action action, card::CardProblem problem) {
  try {
    action();
  } catch (const card::CardError& error) {
    BOOST_TEST(card::to_string(error.problem()) == card::to_string(problem), error.what());
    return error;
  }
  BOOST_FAIL("no CardError " << card::to_string(problem));
  throw std::logic_error("unreachable");
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace evote::testing
