// A throwaway PostgreSQL server for tests: initdb into a temp folder, a free
// TCP port on 127.0.0.1, the socket in that folder, pg_ctl to start, stop
// and restart it. As root (CI and the developers' machines) initdb and
// postgres refuse to run, so they run as the `postgres` system user
// (runuser), on a folder that user owns. The destructor stops the server
// (immediate) and removes the folder.
#pragma once

#include <filesystem>
#include <string>

#include "support/temp_folder.hpp"

namespace evote::testing {

class PostgresCluster {
 public:
  // initdb + start; throws std::runtime_error with the server's log when
  // either fails.
  PostgresCluster();
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // libpq connection string for database `postgres` as user `postgres`.
  std::string connection_string() const;
  int port() const { return port_; }

  void stop(bool immediate = false);  // pg_ctl stop -m fast|immediate
  void start();                       // pg_ctl start -w
  void restart() {
    stop();
    start();
  }
  // The server's log (for messages on failure).
  std::string log() const;

 private:
  int pg_ctl(const std::string& arguments) const;
  TempFolder folder_;
  std::filesystem::path bin_;
  std::filesystem::path data_;
  int port_ = 0;
  bool running_ = false;
};

// A free TCP port on 127.0.0.1 (bound and released; a race is unlikely).
int free_tcp_port();

}  // namespace evote::testing
