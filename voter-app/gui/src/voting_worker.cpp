#include "voting_worker.hpp"

#include <exception>
#include <utility>

#include "evote/voter/voter_error.hpp"

namespace evote::gui {

VotingWorker::VotingWorker(voter::AppSettings settings) : settings_(std::move(settings)) {}

VotingWorker::~VotingWorker() {
  // The session, card and module were made on the worker thread; the
  // backend destroys this object there too.
  session_.reset();
  close_card();
}

template <typename Body>
void VotingWorker::run(Step step, Body&& body) {
  Failure failure;
  failure.step = step;
  bool ok = false;
  try {
    body();
    ok = true;
  } catch (const card::CardError& e) {
    failure.source = Failure::Source::card;
    failure.card_problem = e.problem();
    failure.tries_left = e.tries_left();
    failure.detail = QString::fromStdString(e.what());
  } catch (const voter::VoterError& e) {
    failure.source = Failure::Source::voter;
    failure.voter_kind = e.kind();
    failure.collector_code = QString::fromStdString(e.collector_code());
    // An invalid choice's message names the choice: a vote is never shown or kept.
    if (e.kind() != voter::ErrorKind::invalid_choice)
      failure.detail = QString::fromStdString(e.what());
  } catch (const std::exception& e) {
    failure.source = Failure::Source::other;
    failure.detail = QString::fromStdString(e.what());
  }
  if (!ok) emit failed(failure);
  emit finished();
}

void VotingWorker::close_card() {
  card_.reset();
  module_.reset();
}

void VotingWorker::connect_collector() {
  run(Step::connect, [&] {
    session_.reset();
    auto session = std::make_unique<voter::VotingSession>(settings_);
    session->connect();
    session_ = std::move(session);
    emit connected(QString::fromStdString(session_->config().election_id));
  });
}

void VotingWorker::find_cards() {
  run(Step::find_cards, [&] {
    cards_.clear();
    close_card();
    module_ = std::make_unique<card::IdCardModule>(settings_.pkcs11_module);
    cards_ = module_->cards();
    QList<CardChoice> found;
    for (const card::CardInfo& info : cards_)
      found.push_back({QString::fromStdString(info.holder.name),
                       QString::fromStdString(info.holder.personal_code),
                       QString::fromStdString(info.reader)});
    emit cards_found(found);
  });
}

void VotingWorker::log_in(const QString& personal_code, std::shared_ptr<crypto::SecretBytes> pin1) {
  run(Step::log_in, [&] {
    if (!session_ || !module_)
      throw voter::VoterError(voter::ErrorKind::wrong_state, "not connected");
    const std::string code = personal_code.toStdString();
    const card::CardInfo* chosen = nullptr;
    for (const card::CardInfo& info : cards_)
      if (info.holder.personal_code == code) chosen = &info;
    if (chosen == nullptr)
      throw card::CardError(card::CardProblem::card_removed, "the chosen card is gone");
    card_.reset();
    card_.emplace(module_->open(*chosen));
    session_->authenticate(*card_, *pin1);
    pin1.reset();
    auto ballot = std::make_shared<const voter::VoterBallot>(session_->voter_ballot());
    emit logged_in({QString::fromStdString(session_->voter().name), std::move(ballot)});
  });
}

void VotingWorker::cast(const protocol::Selections& selections,
                        std::shared_ptr<crypto::SecretBytes> pin2) {
  run(Step::cast, [&] {
    if (!session_ || !card_)
      throw voter::VoterError(voter::ErrorKind::wrong_state, "not logged in");
    const voter::CastResult result = session_->cast(*card_, selections, *pin2);
    pin2.reset();
    std::string code = session_->verification_code_text();
    std::shared_ptr<const voter::QrCode> qr;
    try {
      qr = std::make_shared<const voter::QrCode>(voter::QrCode::encode(code));
    } catch (...) {
      voter::wipe_text(code);
      throw;
    }
    voter::wipe_text(code);
    emit cast_done({QString::fromStdString(result.vote_id_text), result.receipt.time,
                    result.receipt.sequence, std::move(qr)});
  });
}

void VotingWorker::forget_randomness() {
  if (session_) session_->forget_randomness();
  emit randomness_forgotten();
}

void VotingWorker::load_record() {
  run(Step::record, [&] {
    if (!session_) throw voter::VoterError(voter::ErrorKind::wrong_state, "not connected");
    emit record_loaded(std::make_shared<const voter::VoterRecord>(session_->record()));
  });
}

}  // namespace evote::gui
