// Group commit for the ballot log: request threads hand their accepted
// ballot to submit() and wait; one writer thread appends whatever is queued
// in one transaction (one durable commit for many ballots under load,
// without weakening durability) and answers each caller only after COMMIT
// returned. A lost connection (PostgreSQL restarted) is reopened and the
// batch retried; append_ballots is idempotent by vote_id, so a commit that
// went through before the connection broke is not appended twice.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "storage/ballot_log.hpp"

namespace evote::collector {

struct CommitterStats {
  std::uint64_t ballots = 0;     // acknowledged
  std::uint64_t commits = 0;     // transactions committed
  std::uint64_t reconnects = 0;  // connections reopened
  std::uint64_t largest_batch = 0;
};

class BallotCommitter {
 public:
  // `give_up_after`: how long a batch is retried while the database is away
  // before its callers get an error (nothing of theirs was acknowledged).
  // `require_open`: append only while voting is open (append_ballots); the
  // callers of a batch refused get VotingNotOpen.
  BallotCommitter(std::string conninfo, std::size_t max_batch = 256,
                  std::chrono::milliseconds give_up_after = std::chrono::seconds(30),
                  bool require_open = false);
  ~BallotCommitter();  // finishes what is queued, then stops
  BallotCommitter(const BallotCommitter&) = delete;
  BallotCommitter& operator=(const BallotCommitter&) = delete;

  // The future holds the entry once durably committed, or the error
  // (NotEligible: the voter list changed under the ballot; append_ballots).
  std::future<LoggedEntry> submit(NewBallot ballot);
  CommitterStats stats() const;

 private:
  struct Pending {
    NewBallot ballot;
    std::promise<LoggedEntry> done;
  };
  void run();
  std::vector<LoggedEntry> commit_with_retry(const std::vector<NewBallot>& batch);

  std::string conninfo_;
  std::size_t max_batch_;
  std::chrono::milliseconds give_up_after_;
  bool require_open_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  CommitterStats stats_;
  std::unique_ptr<pg::Connection> connection_;
  std::thread writer_;
};

}  // namespace evote::collector
