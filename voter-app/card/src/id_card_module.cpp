// IdCardModule: finding the ID cards among the module's tokens
// (specs/voter-app.md, "ID card (PKCS#11)").
#include <utility>

#include "evote/card/id_card.hpp"
#include "id_card_impl.hpp"
#include "token_certificates.hpp"

namespace evote::card {

namespace {

using detail::CertificateRole;
using detail::TokenView;

// The tokens present. A token that went away while being read is skipped; one
// that fails otherwise is kept aside in `failures` so that the other tokens
// still count (SoftHSM2 answers CKR_GENERAL_ERROR for a token whose folder
// was removed, and a stale slot must not hide the card in another reader).
std::vector<TokenView> present_tokens(const detail::Pkcs11Module& module,
                                      const std::vector<CK_SLOT_ID>& slots,
                                      std::vector<CardError>& failures) {
  std::vector<TokenView> tokens;
  for (const CK_SLOT_ID slot : slots) {
    try {
      tokens.push_back(detail::read_token(module, slot));
    } catch (const CardError& error) {
      if (error.problem() != CardProblem::card_removed) failures.push_back(error);
    }
  }
  return tokens;
}

// Why a token is not half of a card, for the not_an_id_card message.
std::string what_it_is(const TokenView& token) {
  if (token.certificates.empty()) return token.where + ": no X.509 certificate";
  if (const auto* auth = token.first(CertificateRole::authentication))
    return token.where + ": authentication certificate of '" + auth->profile.holder.serial_number +
           "' without a signing token of the same serialNumber";
  if (const auto* sign = token.first(CertificateRole::signing))
    return token.where + ": signing certificate of '" + sign->profile.holder.serial_number +
           "' without an authentication token of the same serialNumber";
  return token.where + ": " + std::to_string(token.certificates.size()) +
         " certificate(s), none for authentication (digitalSignature + clientAuth) or signing "
         "(nonRepudiation)";
}

CardKey key_of(const TokenView& token, const detail::TokenCertificate& cert) {
  return {token.slot, token.where, cert.der, cert.id, cert.profile.key};
}

}  // namespace

IdCardModule::IdCardModule(const std::filesystem::path& module_path)
    : impl_(std::make_shared<Impl>()) {
  impl_->module = std::make_unique<detail::Pkcs11Module>(module_path);
}

IdCardModule::~IdCardModule() = default;

const std::filesystem::path& IdCardModule::path() const { return impl_->module->path(); }

std::vector<CardInfo> IdCardModule::cards() const {
  const detail::Pkcs11Module& module = *impl_->module;
  if (module.slots(false).empty())
    module.fail(CardProblem::no_reader, "", "no card reader (the module reports no slot)");
  std::vector<CardError> failures;
  std::vector<TokenView> tokens = present_tokens(module, module.slots(true), failures);
  std::erase_if(tokens, [](const TokenView& token) { return !token.initialized; });
  if (tokens.empty() && !failures.empty()) throw failures.front();
  if (tokens.empty())
    module.fail(CardProblem::no_card, "", "no card in any reader (no initialized token)");

  std::vector<CardInfo> cards;
  std::vector<bool> used(tokens.size(), false);
  for (std::size_t a = 0; a < tokens.size(); ++a) {
    const auto* auth = tokens[a].first(CertificateRole::authentication);
    if (auth == nullptr || auth->profile.holder.serial_number.empty()) continue;
    for (std::size_t s = 0; s < tokens.size(); ++s) {
      if (s == a || used[s] || tokens[s].first(CertificateRole::authentication) != nullptr)
        continue;
      const auto* sign = tokens[s].first(CertificateRole::signing);
      if (sign == nullptr ||
          sign->profile.holder.serial_number != auth->profile.holder.serial_number)
        continue;
      used[a] = used[s] = true;
      CardInfo card;
      card.authentication_slot = tokens[a].slot;
      card.signing_slot = tokens[s].slot;
      card.reader = module.describe_slot(tokens[a].slot);
      card.holder = auth->profile.holder;
      cards.push_back(std::move(card));
      break;
    }
  }
  if (cards.empty()) {
    std::string found;
    for (const TokenView& token : tokens) found += "; " + what_it_is(token);
    for (const CardError& failure : failures)
      found += "; unreadable: " + std::string(failure.what());
    module.fail(CardProblem::not_an_id_card, "",
                "no ID card among " + std::to_string(tokens.size()) + " token(s)" + found);
  }
  return cards;
}

IdCard IdCardModule::open(const CardInfo& card) const {
  const detail::Pkcs11Module& module = *impl_->module;
  auto impl = std::make_shared<IdCard::Impl>();
  impl->module = impl_;
  impl->holder = card.holder;

  // Both tokens must still show the certificates of the same person: a
  // card taken out (or another put in) since cards() is card_removed.
  const auto read = [&](CK_SLOT_ID slot, CertificateRole role, const char* what) {
    const TokenView token = detail::read_token(module, slot);
    const auto* cert = token.initialized ? token.first(role) : nullptr;
    if (cert == nullptr || cert->profile.holder.serial_number != card.holder.serial_number)
      module.fail(CardProblem::card_removed, token.where,
                  std::string("the ") + what + " certificate of '" + card.holder.serial_number +
                      "' is no longer there (card removed or replaced)");
    return key_of(token, *cert);
  };
  impl->authentication =
      read(card.authentication_slot, CertificateRole::authentication, "authentication");
  impl->signing = read(card.signing_slot, CertificateRole::signing, "signing");
  return IdCard(std::move(impl));
}

}  // namespace evote::card
