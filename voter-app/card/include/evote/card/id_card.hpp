// The voter's ID card through PKCS#11, as OpenSC shows an Estonian ID card:
// two tokens (slots) per card, the authentication token (PIN1: the
// authentication key and certificate, keyUsage digitalSignature, EKU
// clientAuth) and the signing token (PIN2: the signing key and certificate,
// keyUsage nonRepudiation). The module is loaded at run time (dlopen):
// OpenSC's opensc-pkcs11.so for real cards, SoftHSM2 in tests and the demo
// (tokens laid out the same way: specs/voter-app.md, "Test cards").
//
// Keys never leave the token: the card signs a digest the app computed.
// PINs are taken as crypto::SecretBytes, copied only into a buffer wiped
// after C_Login, and never formatted into a message or a log.
//
//   IdCardModule module("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
//   std::vector<CardInfo> cards = module.cards();       // CardError no_reader / no_card
//   IdCard card = module.open(cards[0]);
//   card.holder().name;                                  // "MARI-LIIS MÄNNIK"
//   Bytes sig = card.sign_authentication(sha384_digest, pin1);
//   Bytes sig2 = card.sign_document(sha384_digest, pin2);
//
// Not thread-safe: use one module and its cards from one thread at a time
// (the voter app runs card work on one worker thread).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::card {

// What went wrong, for the app to say it in the voter's language and offer
// the way to try again.
enum class CardProblem {
  module_not_loaded,  // the PKCS#11 library is missing or not a PKCS#11 module
  no_reader,          // the module reports no slot at all
  no_card,            // slots, but no token in any of them
  not_an_id_card,     // a token, but not an authentication + signing pair with certificates
  wrong_pin,          // CKR_PIN_INCORRECT; tries_left says how many remain if known
  pin_blocked,        // CKR_PIN_LOCKED, or the token says the PIN is locked
  pin_format,         // CKR_PIN_LEN_RANGE / CKR_PIN_INVALID: not 4..12 digits
  card_removed,       // the token went away mid-way (CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT,
                      // CKR_SESSION_HANDLE_INVALID/CLOSED, CKR_DEVICE_ERROR; CKR_SLOT_ID_INVALID
                      // for the card's slot; its certificate no longer on the token)
  token_error,        // any other PKCS#11 failure (the message names the call and code)
};

// "wrong_pin", "card_removed", ... (for logs and the CLI).
std::string_view to_string(CardProblem problem);

class CardError : public std::runtime_error {
 public:
  CardError(CardProblem problem, const std::string& message,
            std::optional<int> tries_left = std::nullopt)
      : std::runtime_error(message), problem_(problem), tries_left_(tries_left) {}
  CardProblem problem() const { return problem_; }
  // For wrong_pin: the tries left when the token tells (CKF_USER_PIN_FINAL_TRY: 1);
  // nullopt when unknown (CKF_USER_PIN_COUNT_LOW only says "few").
  std::optional<int> tries_left() const { return tries_left_; }

 private:
  CardProblem problem_;
  std::optional<int> tries_left_;
};

// The certificate holder as the authentication certificate's subject names
// them (Estonian cards: GN, SN, serialNumber "PNOEE-<isikukood>").
struct CardHolder {
  std::string given_name;     // "MARI-LIIS"
  std::string surname;        // "MÄNNIK"
  std::string name;           // "MARI-LIIS MÄNNIK" (given name, space, surname; or the CN)
  std::string personal_code;  // "38001085718" (from serialNumber, prefix removed)
  std::string serial_number;  // "PNOEE-38001085718" as in the certificate
};

enum class PinState { ok, count_low, final_try, locked };

// One card found in the module: its two slots and the holder.
struct CardInfo {
  unsigned long authentication_slot = 0;  // CK_SLOT_ID of the PIN1 token
  unsigned long signing_slot = 0;         // CK_SLOT_ID of the PIN2 token
  std::string reader;                     // slot description of the authentication slot
  CardHolder holder;
};

class IdCard;

// The loaded and initialized PKCS#11 module (C_Initialize in the
// constructor, C_Finalize and dlclose in the destructor).
class IdCardModule {
 public:
  // Throws CardError module_not_loaded naming the path and dlerror().
  explicit IdCardModule(const std::filesystem::path& module_path);
  ~IdCardModule();
  IdCardModule(const IdCardModule&) = delete;
  IdCardModule& operator=(const IdCardModule&) = delete;

  // Every ID card present: pairs of an authentication token and a signing
  // token whose certificates name the same serialNumber. Throws CardError
  // no_reader (no slot), no_card (no token present) or not_an_id_card
  // (tokens present, none a complete card).
  std::vector<CardInfo> cards() const;

  // Opens the card (reads both certificates). CardError card_removed when a
  // token is gone since cards().
  IdCard open(const CardInfo& card) const;

  const std::filesystem::path& path() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

class IdCard {
 public:
  const CardHolder& holder() const;
  const crypto::Bytes& authentication_certificate() const;  // DER
  const crypto::Bytes& signing_certificate() const;         // DER
  PinState pin1_state() const;                              // CardError card_removed
  PinState pin2_state() const;

  // Logs in to the authentication token with PIN1, signs `digest` with
  // CKM_ECDSA (or CKM_RSA_PKCS over a DigestInfo for RSA keys), logs out.
  // Returns the raw r || s (ECDSA) or the RSA signature. CardError wrong_pin
  // (with tries_left), pin_blocked, pin_format, card_removed, token_error;
  // not_an_id_card when no private key has the certificate's CKA_ID.
  // `digest` is 32, 48 or 64 bytes (SHA-256/384/512), else std::invalid_argument.
  // The certificate read at open() is checked to be on the token before the
  // PIN is sent (card_removed otherwise).
  crypto::Bytes sign_authentication(crypto::BytesView digest, const crypto::SecretBytes& pin1);
  // The same on the signing token with PIN2.
  crypto::Bytes sign_document(crypto::BytesView digest, const crypto::SecretBytes& pin2);

  struct Impl;
  explicit IdCard(std::shared_ptr<Impl> impl);

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace evote::card
