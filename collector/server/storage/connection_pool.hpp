// A fixed-size pool of database connections for request handlers. A
// connection found broken (the server restarted) is replaced on its next
// use. acquire() waits while every connection is in use.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/pg.hpp"

namespace evote::collector {

class ConnectionPool {
 public:
  ConnectionPool(std::string conninfo, std::size_t size);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<pg::Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease();
    pg::Connection& operator*() { return *connection_; }
    pg::Connection* operator->() { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<pg::Connection> connection_;
  };

  // Throws pg::Error when no connection can be made.
  Lease acquire();
  std::size_t size() const { return size_; }
  std::size_t in_use() const;

 private:
  void give_back(std::unique_ptr<pg::Connection> connection);
  std::string conninfo_;
  std::size_t size_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pg::Connection>> idle_;
  std::size_t leased_ = 0;
};

}  // namespace evote::collector
