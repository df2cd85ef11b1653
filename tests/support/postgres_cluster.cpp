#include "support/postgres_cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace evote::testing {

namespace fs = std::filesystem;

namespace {

// /usr/lib/postgresql/<major>/bin, the newest major installed.
fs::path postgres_bin() {
  std::vector<fs::path> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error))
    if (fs::exists(entry.path() / "bin" / "initdb")) found.push_back(entry.path() / "bin");
  if (found.empty())
    throw std::runtime_error("PostgreSQL server not installed (/usr/lib/postgresql/*/bin/initdb)");
  std::sort(found.begin(), found.end());
  return found.back();
}

bool running_as_root() { return ::geteuid() == 0; }

// As root, commands run as the postgres user (initdb and postgres refuse root).
std::string as_server_user(const std::string& command) {
  if (!running_as_root()) return command;
  return "runuser -u postgres -- " + command;
}

std::string quote(const fs::path& path) { return "'" + path.string() + "'"; }

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("free_tcp_port: socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("free_tcp_port: bind failed");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

PostgresCluster::PostgresCluster()
    : bin_(postgres_bin()), data_(folder_ / "data"), port_(free_tcp_port()) {
  if (running_as_root()) {
    const passwd* user = ::getpwnam("postgres");
    if (!user)
      throw std::runtime_error("PostgresCluster: no postgres system user (install postgresql)");
    fs::permissions(folder_.path(), fs::perms::owner_all);
    if (::chown(folder_.path().c_str(), user->pw_uid, user->pw_gid) != 0)
      throw std::runtime_error("PostgresCluster: cannot give " + folder_.path().string() +
                               " to postgres");
  }
  const std::string initdb = as_server_user(quote(bin_ / "initdb") + " -D " + quote(data_) +
                                            " -A trust -U postgres -E UTF8 --no-instructions > " +
                                            quote(folder_ / "initdb.log") + " 2>&1");
  if (shell(initdb) != 0) throw std::runtime_error("initdb failed:\n" + log());
  start();
}

PostgresCluster::~PostgresCluster() {
  try {
    if (running_) stop(true);
  } catch (...) {
  }
}

int PostgresCluster::pg_ctl(const std::string& arguments) const {
  return shell(as_server_user(quote(bin_ / "pg_ctl") + " -D " + quote(data_) + " " + arguments +
                              " >> " + quote(folder_ / "pg_ctl.log") + " 2>&1"));
}

void PostgresCluster::start() {
  const std::string options = "-p " + std::to_string(port_) + " -k " + folder_.path().string() +
                              " -c listen_addresses=127.0.0.1 -c max_connections=200";
  if (pg_ctl("-w -t 60 -l " + quote(folder_ / "server.log") + " -o '" + options + "' start") != 0)
    throw std::runtime_error("pg_ctl start failed:\n" + log());
  running_ = true;
}

void PostgresCluster::stop(bool immediate) {
  if (pg_ctl(std::string("-w -t 60 -m ") + (immediate ? "immediate" : "fast") + " stop") != 0)
    throw std::runtime_error("pg_ctl stop failed:\n" + log());
  running_ = false;
}

std::string PostgresCluster::connection_string() const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres";
}

std::string PostgresCluster::log() const {
  std::string text;
  for (const char* name : {"initdb.log", "pg_ctl.log", "server.log"}) {
    try {
      const crypto::Bytes bytes = read_whole_file(folder_ / name);
      text += std::string("--- ") + name + "\n" + std::string(bytes.begin(), bytes.end());
    } catch (const std::exception&) {
    }
  }
  return text;
}

}  // namespace evote::testing
