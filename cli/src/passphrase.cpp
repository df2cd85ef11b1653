#include "evote/cli/passphrase.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "evote/cli/args.hpp"
#include "evote/protocol/files.hpp"

namespace evote::cli {

namespace {

crypto::SecretBytes first_line(crypto::BytesView bytes) {
  std::size_t end = 0;
  while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r') ++end;
  return crypto::SecretBytes(bytes.first(end));
}

crypto::SecretBytes read_from_terminal(const std::string& prompt) {
  const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY);
  if (fd < 0) throw UsageError("no passphrase: give --passphrase-file FILE or run in a terminal");
  termios old_mode{};
  const bool is_tty = ::tcgetattr(fd, &old_mode) == 0;
  termios quiet = old_mode;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &quiet);
  (void)!::write(fd, prompt.data(), prompt.size());
  crypto::SecretBytes buffer(1024);
  std::size_t used = 0;
  char c;
  while (used < buffer.size() && ::read(fd, &c, 1) == 1 && c != '\n')
    buffer.data()[used++] = static_cast<std::uint8_t>(c);
  if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &old_mode);
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  return first_line(buffer.view().first(used));
}

}  // namespace

std::string_view as_text(const crypto::SecretBytes& secret) {
  return {reinterpret_cast<const char*>(secret.data()), secret.size()};
}

crypto::SecretBytes read_passphrase(const std::optional<std::string>& passphrase_file,
                                    const std::string& prompt, bool confirm) {
  crypto::SecretBytes passphrase;
  if (passphrase_file) {
    crypto::SecretBytes whole(protocol::read_file(*passphrase_file));
    passphrase = first_line(whole.view());
    if (passphrase.size() == 0)
      throw std::runtime_error(*passphrase_file +
                               ": the passphrase file is empty (its first line is the passphrase)");
  } else {
    passphrase = read_from_terminal(prompt + ": ");
    if (confirm) {
      const crypto::SecretBytes again = read_from_terminal(prompt + " (again): ");
      if (!crypto::equal_constant_time(passphrase.view(), again.view())) {
        throw UsageError("the two passphrases differ");
      }
    }
  }
  if (passphrase.size() == 0) throw UsageError("the passphrase is empty");
  return passphrase;
}

}  // namespace evote::cli
