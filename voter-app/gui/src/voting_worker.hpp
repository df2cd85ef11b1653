// The one object that talks to the collector and the ID card: it owns the
// VotingSession, the PKCS#11 module and the open card, and lives on the
// worker thread (VotingBackend moves it there). Every method blocks
// (network, card) and must run on that thread; each ends by emitting its
// result or failed(), then finished(). PINs arrive as SecretBytes and are
// wiped when the request is done; nothing here logs a PIN or a choice.
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "evote/card/id_card.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/voter/app_settings.hpp"
#include "evote/voter/voting_session.hpp"
#include "worker_results.hpp"

namespace evote::gui {

class VotingWorker : public QObject {
  Q_OBJECT

 public:
  explicit VotingWorker(voter::AppSettings settings);
  ~VotingWorker() override;

  // GET /v1/election with a fresh session (the config checked and pinned).
  void connect_collector();
  // Loads the PKCS#11 module afresh (a card put in or taken out since is
  // seen) and lists the cards.
  void find_cards();
  // Opens the card of `personal_code` (from the last find_cards), logs in
  // with PIN1 and reads the voter's ballot.
  void log_in(const QString& personal_code, std::shared_ptr<crypto::SecretBytes> pin1);
  // Casts `selections` signed with PIN2; the verification code goes out
  // only as its QR code.
  void cast(const protocol::Selections& selections, std::shared_ptr<crypto::SecretBytes> pin2);
  // Wipes the last cast's randomness (after its QR code was shown).
  void forget_randomness();
  // GET /v1/me/record.
  void load_record();

 signals:
  void connected(QString election_id);
  void cards_found(QList<evote::gui::CardChoice> cards);
  void logged_in(evote::gui::LoginResult result);
  void cast_done(evote::gui::CastDone done);
  void randomness_forgotten();
  void record_loaded(std::shared_ptr<const evote::voter::VoterRecord> record);
  void failed(evote::gui::Failure failure);
  void finished();

 private:
  // Runs `body`, turning an exception into failed(step, ...); then finished().
  template <typename Body>
  void run(Step step, Body&& body);
  void close_card();

  voter::AppSettings settings_;
  std::unique_ptr<voter::VotingSession> session_;
  std::vector<card::CardInfo> cards_;
  std::optional<card::IdCard> card_;
  std::unique_ptr<card::IdCardModule> module_;
};

}  // namespace evote::gui
