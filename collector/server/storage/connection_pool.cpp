#include "storage/connection_pool.hpp"

namespace evote::collector {

ConnectionPool::ConnectionPool(std::string conninfo, std::size_t size)
    : conninfo_(std::move(conninfo)), size_(size) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ && connection_) pool_->give_back(std::move(connection_));
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_ptr<pg::Connection> connection;
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return leased_ < size_; });
    ++leased_;
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  try {
    if (!connection || !connection->ok()) connection = std::make_unique<pg::Connection>(conninfo_);
  } catch (...) {
    std::lock_guard lock(mutex_);
    --leased_;
    available_.notify_one();
    throw;
  }
  return Lease(*this, std::move(connection));
}

void ConnectionPool::give_back(std::unique_ptr<pg::Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->ok()) idle_.push_back(std::move(connection));
  --leased_;
  available_.notify_one();
}

std::size_t ConnectionPool::in_use() const {
  std::lock_guard lock(mutex_);
  return leased_;
}

}  // namespace evote::collector
