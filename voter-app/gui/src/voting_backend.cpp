#include "voting_backend.hpp"

#include <utility>

namespace evote::gui {

namespace {

void register_result_types() {
  qRegisterMetaType<CardChoice>();
  qRegisterMetaType<QList<CardChoice>>();
  qRegisterMetaType<LoginResult>();
  qRegisterMetaType<CastDone>();
  qRegisterMetaType<Failure>();
  qRegisterMetaType<std::shared_ptr<const voter::VoterRecord>>();
}

}  // namespace

VotingBackend::VotingBackend(voter::AppSettings settings, QObject* parent)
    : QObject(parent), worker_(new VotingWorker(std::move(settings))) {
  register_result_types();
  thread_.setObjectName("evote-voting-worker");
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &VotingWorker::finished, this, &VotingBackend::step_finished);
  thread_.start();
}

VotingBackend::~VotingBackend() {
  thread_.quit();
  thread_.wait();
}

template <typename Step>
void VotingBackend::queue(Step step) {
  if (++pending_ == 1) emit busy_changed(true);
  QMetaObject::invokeMethod(worker_, std::move(step), Qt::QueuedConnection);
}

void VotingBackend::step_finished() {
  if (pending_ > 0 && --pending_ == 0) emit busy_changed(false);
}

void VotingBackend::connect_collector() {
  queue([w = worker_] { w->connect_collector(); });
}

void VotingBackend::find_cards() {
  queue([w = worker_] { w->find_cards(); });
}

void VotingBackend::log_in(const QString& personal_code, crypto::SecretBytes pin1) {
  auto pin = std::make_shared<crypto::SecretBytes>(std::move(pin1));
  queue([w = worker_, personal_code, pin]() mutable { w->log_in(personal_code, std::move(pin)); });
}

void VotingBackend::cast(protocol::Selections selections, crypto::SecretBytes pin2) {
  auto pin = std::make_shared<crypto::SecretBytes>(std::move(pin2));
  queue([w = worker_, selections = std::move(selections), pin]() mutable {
    w->cast(selections, std::move(pin));
  });
}

void VotingBackend::forget_randomness() {
  QMetaObject::invokeMethod(
      worker_, [w = worker_] { w->forget_randomness(); }, Qt::QueuedConnection);
}

void VotingBackend::load_record() {
  queue([w = worker_] { w->load_record(); });
}

}  // namespace evote::gui
