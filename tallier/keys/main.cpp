// evote-keys: a trustee's offline tool. Usage: evote-keys help.
#include <map>

#include "commands.hpp"
#include "evote/cli/program.hpp"
#include "evote/token/token_store.hpp"

namespace {

constexpr const char* kUsage = R"(usage: evote-keys COMMAND [options] [files]

Key ceremony (each trustee on its own offline machine, files moved on USB sticks;
DIR is the trustee's folder, CONFIG the signed election config with the trustees):
  trustee-init --dir DIR [--passphrase-file F]      identity keys; prints them for evote-admin add-trustee
  deal --config CONFIG --dir DIR [--passphrase-file F]
        writes deal-I.json (publish) and boxes-I.json (give to every trustee)
  receive --config CONFIG --dir DIR [--passphrase-file F]
        opens and checks the shares; writes complaints-J.json (publish)
  answer --config CONFIG --dir DIR [--passphrase-file F]
        answers "no valid share" complaints; writes answers-I.json (publish)
  finish --config CONFIG --dir DIR [--passphrase-file F] [--token-module SO --token-label L --pin-file F]
        derives and stores the share (share.json); writes finish-J.json (publish)
  publish-key --config CONFIG --dir DIR --out CEREMONY    the ceremony file and the election key
  verify-ceremony [--config CONFIG] CEREMONY              re-checks everything; PASS or FAIL

Decryption:
  partial-decrypt --dir DIR --ceremony CEREMONY --in CIPHERTEXTS --out PARTIAL [--passphrase-file F]
        [--token-module SO --token-label L --pin-file F]
  combine --ceremony CEREMONY --in CIPHERTEXTS --out PLAINTEXTS [--max-code M] PARTIAL...

Passphrases and PINs are read from files (first line) or the terminal, never from the command line.
)";

using evote::cli::Command;

const std::map<std::string, Command>& commands() {
  using namespace evote::keys;
  static const std::map<std::string, Command> table = {
      {"trustee-init", cmd_trustee_init},
      {"deal", cmd_deal},
      {"receive", cmd_receive},
      {"answer", cmd_answer},
      {"finish", cmd_finish},
      {"publish-key", cmd_publish_key},
      {"verify-ceremony", cmd_verify_ceremony},
      {"partial-decrypt", cmd_partial_decrypt},
      {"combine", cmd_combine},
  };
  return table;
}

}  // namespace

int main(int argc, char** argv) {
  return evote::cli::run_program(argc, argv, "evote-keys", kUsage, commands());
}
