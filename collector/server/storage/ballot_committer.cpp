#include "storage/ballot_committer.hpp"

#include <algorithm>

namespace evote::collector {

BallotCommitter::BallotCommitter(std::string conninfo, std::size_t max_batch,
                                 std::chrono::milliseconds give_up_after, bool require_open)
    : conninfo_(std::move(conninfo)),
      max_batch_(max_batch),
      give_up_after_(give_up_after),
      require_open_(require_open) {
  connection_ = std::make_unique<pg::Connection>(conninfo_);
  prepare_log_connection(*connection_);
  writer_ = std::thread([this] { run(); });
}

BallotCommitter::~BallotCommitter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

std::future<LoggedEntry> BallotCommitter::submit(NewBallot ballot) {
  Pending pending{std::move(ballot), {}};
  std::future<LoggedEntry> result = pending.done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw std::runtime_error("ballot committer: shutting down");
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return result;
}

CommitterStats BallotCommitter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::vector<LoggedEntry> BallotCommitter::commit_with_retry(const std::vector<NewBallot>& batch) {
  const auto deadline = std::chrono::steady_clock::now() + give_up_after_;
  auto pause = std::chrono::milliseconds(50);
  while (true) {
    try {
      if (!connection_) {
        connection_ = std::make_unique<pg::Connection>(conninfo_);
        prepare_log_connection(*connection_);
        std::lock_guard lock(mutex_);
        ++stats_.reconnects;
      }
      return append_ballots(*connection_, batch, require_open_);
    } catch (const pg::Error& e) {
      const bool lost = e.connection_lost() || !connection_ || !connection_->ok();
      if (!lost && !e.retryable()) throw;
      if (lost) connection_.reset();
      if (std::chrono::steady_clock::now() + pause > deadline) throw;
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(1000));
    }
  }
}

void BallotCommitter::run() {
  while (true) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<NewBallot> ballots;
    for (Pending& p : batch) ballots.push_back(p.ballot);
    try {
      const std::vector<LoggedEntry> entries = commit_with_retry(ballots);
      const auto logged = static_cast<std::uint64_t>(
          std::count_if(entries.begin(), entries.end(),
                        [](const LoggedEntry& e) { return !e.not_eligible.has_value(); }));
      {
        std::lock_guard lock(mutex_);
        stats_.ballots += logged;
        ++stats_.commits;
        stats_.largest_batch = std::max<std::uint64_t>(stats_.largest_batch, entries.size());
      }
      for (std::size_t k = 0; k < batch.size(); ++k) {
        if (entries[k].not_eligible)
          batch[k].done.set_exception(
              std::make_exception_ptr(NotEligible(*entries[k].not_eligible)));
        else
          batch[k].done.set_value(entries[k]);
      }
    } catch (...) {
      for (Pending& p : batch) p.done.set_exception(std::current_exception());
    }
  }
}

}  // namespace evote::collector
