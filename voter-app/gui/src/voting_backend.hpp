// The worker thread: one QThread running one VotingWorker. The windows call
// these methods on the GUI thread; each queues the step on the worker and
// returns at once, so the window never freezes. busy() is true from a
// request until the worker has finished it; the results come as the
// worker's signals (connect to worker()), delivered on the GUI thread.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <memory>

#include "evote/crypto/secret_bytes.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/voter/app_settings.hpp"
#include "voting_worker.hpp"

namespace evote::gui {

class VotingBackend : public QObject {
  Q_OBJECT

 public:
  explicit VotingBackend(voter::AppSettings settings, QObject* parent = nullptr);
  // Waits for the step under way, then ends the thread.
  ~VotingBackend() override;

  const VotingWorker* worker() const { return worker_; }
  bool busy() const { return pending_ > 0; }

  void connect_collector();
  void find_cards();
  void log_in(const QString& personal_code, crypto::SecretBytes pin1);
  void cast(protocol::Selections selections, crypto::SecretBytes pin2);
  void forget_randomness();
  void load_record();

 signals:
  void busy_changed(bool busy);

 private:
  template <typename Step>
  void queue(Step step);
  void step_finished();

  QThread thread_;
  VotingWorker* worker_;  // lives on thread_; deleted there when it ends
  int pending_ = 0;
};

}  // namespace evote::gui
