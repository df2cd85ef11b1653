// The state behind IdCardModule and IdCard: an IdCard keeps its module
// loaded (shared_ptr) for as long as the app holds the card.
#pragma once

#include <memory>

#include "certificate_profile.hpp"
#include "evote/card/id_card.hpp"
#include "pkcs11_module.hpp"

namespace evote::card {

struct IdCardModule::Impl {
  std::unique_ptr<detail::Pkcs11Module> module;
};

// One of the card's two keys: where it is and the certificate naming it.
struct CardKey {
  CK_SLOT_ID slot = 0;
  std::string where;  // "token 'LABEL' in slot N (reader)"
  crypto::Bytes certificate;
  crypto::Bytes id;  // the certificate's CKA_ID = the private key's
  detail::KeyAlgorithm algorithm = detail::KeyAlgorithm::other;
};

struct IdCard::Impl {
  std::shared_ptr<IdCardModule::Impl> module;
  CardHolder holder;
  CardKey authentication;
  CardKey signing;
};

}  // namespace evote::card
