#include "support/softhsm_token.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace evote::testing {

namespace {

// Runs argv (no shell), its output to `log`; returns the exit status.
int run(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string text_of(const std::filesystem::path& file) {
  try {
    const crypto::Bytes bytes = read_whole_file(file);
    return std::string(bytes.begin(), bytes.end());
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace

SoftHsmToken::SoftHsmToken(std::string label, std::string pin, std::string so_pin)
    : config_(folder_ / "softhsm2.conf"), label_(std::move(label)), pin_(std::move(pin)) {
  if (const char* previous = std::getenv("SOFTHSM2_CONF")) previous_conf_ = previous;
  const std::filesystem::path tokens = folder_ / "tokens";
  std::filesystem::create_directories(tokens);
  const std::string conf = "directories.tokendir = " + tokens.string() +
                           "\nobjectstore.backend = file\nlog.level = ERROR\n";
  write_whole_file(config_, crypto::as_bytes(conf));
  ::setenv("SOFTHSM2_CONF", config_.c_str(), 1);
  add_token(label_, pin_, so_pin);
}

SoftHsmToken::~SoftHsmToken() {
  if (previous_conf_)
    ::setenv("SOFTHSM2_CONF", previous_conf_->c_str(), 1);
  else
    ::unsetenv("SOFTHSM2_CONF");
}

void SoftHsmToken::add_token(const std::string& label, const std::string& pin,
                             const std::string& so_pin) {
  const std::filesystem::path log = folder_ / "softhsm2-util.log";
  const int status = run({"softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                          "--so-pin", so_pin},
                         log);
  if (status != 0)
    throw std::runtime_error("softhsm2-util --init-token --label " + label + " failed (status " +
                             std::to_string(status) + "): " + text_of(log));
}

}  // namespace evote::testing
