#include "collector_load/load_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <thread>

#include "collector_load/voter_session.hpp"

namespace evote::bench {

namespace {

using Clock = std::chrono::steady_clock;

void keep(std::vector<double>& into, double milliseconds) {
  if (milliseconds >= 0) into.push_back(milliseconds);
}

void merge(std::vector<double>& into, const std::vector<double>& from) {
  into.insert(into.end(), from.begin(), from.end());
}

}  // namespace

LoadResult run_load(const LoadOptions& options, const VoterMaterial& material,
                    const protocol::ElectionConfig& config, const TlsClientContext& context,
                    std::uint16_t port, const std::string& origin) {
  const bool open_loop = options.rate > 0;
  const std::size_t per = options.ballots_per_session;
  const std::size_t pool = material.ballots.size() / per;  // whole sessions
  // Open loop: exactly rate * seconds sessions, due at start + i / rate;
  // closed loop: as many as fit in the span (the pool may end it early).
  const std::size_t scheduled = open_loop ? static_cast<std::size_t>(options.rate * options.seconds)
                                          : std::numeric_limits<std::size_t>::max();
  std::atomic<std::size_t> next{0};
  std::atomic<bool> ran_out{false};
  std::mutex merge_mutex;
  LoadResult total;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(options.seconds));

  const auto client_thread = [&] {
    LoadResult mine;
    TlsClient client(context, "127.0.0.1", port);
    while (true) {
      const std::size_t i = next++;
      if (i >= scheduled) break;
      if (i >= pool) {
        ran_out = true;
        break;
      }
      Clock::time_point due = Clock::now();
      if (open_loop) {
        due = start + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(static_cast<double>(i) / options.rate));
        std::this_thread::sleep_until(due);
        mine.worst_start_lag_ms =
            std::max(mine.worst_start_lag_ms,
                     std::chrono::duration<double, std::milli>(Clock::now() - due).count());
      } else if (due >= end) {
        break;
      }
      ++mine.sessions;
      const std::span<const PreparedBallot> ballots(&material.ballots[i * per], per);
      const SessionOutcome outcome =
          run_voter_session(client, config, origin, material.voters[ballots[0].voter], ballots,
                            !options.reuse_connections);
      const auto done = Clock::now();
      if (!options.reuse_connections) client.close();
      const SessionTimes& t = outcome.times;
      keep(mine.connect, t.connect);
      keep(mine.challenge, t.challenge);
      keep(mine.token, t.token);
      merge(mine.ballot, t.ballot);
      keep(mine.sign_token, t.sign_token);
      merge(mine.check_receipt, t.check_receipt);
      for (const auto& at : outcome.accepted)
        mine.accepted_at.push_back(std::chrono::duration<double>(at - start).count());
      if (outcome.ok()) {
        mine.session.push_back(std::chrono::duration<double, std::milli>(done - due).count());
      } else {
        if (++mine.errors[outcome.error] == 1) mine.error_examples[outcome.error] = outcome.detail;
      }
    }
    std::lock_guard lock(merge_mutex);
    merge(total.connect, mine.connect);
    merge(total.challenge, mine.challenge);
    merge(total.token, mine.token);
    merge(total.ballot, mine.ballot);
    merge(total.session, mine.session);
    merge(total.sign_token, mine.sign_token);
    merge(total.check_receipt, mine.check_receipt);
    merge(total.accepted_at, mine.accepted_at);
    for (const auto& [kind, count] : mine.errors) total.errors[kind] += count;
    total.error_examples.insert(mine.error_examples.begin(), mine.error_examples.end());
    total.sessions += mine.sessions;
    total.worst_start_lag_ms = std::max(total.worst_start_lag_ms, mine.worst_start_lag_ms);
  };

  std::vector<std::thread> threads;
  for (unsigned c = 0; c < options.clients; ++c) threads.emplace_back(client_thread);
  for (auto& thread : threads) thread.join();
  total.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  total.ran_out_of_ballots = ran_out;
  std::sort(total.accepted_at.begin(), total.accepted_at.end());
  return total;
}

}  // namespace evote::bench
