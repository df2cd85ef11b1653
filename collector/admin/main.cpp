// evote-admin: the election organizer's tool. Usage: evote-admin help.
#include <map>

#include "args.hpp"
#include "commands.hpp"
#include "evote/cli/program.hpp"

namespace {

constexpr const char* kUsage = R"(usage: evote-admin COMMAND [options] [files]

Building the election config (a draft until signed):
  init --election-id ID --name-et NAME [--name-en N] [--name-ru N] --start UTC --end UTC
       [--group ristretto255|modp3072-rfc3526|modp4096-eg] --config OUT --key OUT [--passphrase-file F]
  new-key --role ROLE --key OUT [--passphrase-file F]   (e.g. the collector's signing key)
  add-district --config F --id ID --name-et NAME [--name-en N] [--name-ru N]
  add-contest --config F --id ID --type single|approval|ranked [--max-selections K] --name-et NAME [...]
  import-choices --config F --contest ID --csv FILE     (columns code,district,name_et[,name_en][,name_ru])
  add-ca --config F --cert FILE                         (voter ID-card CA certificate, PEM or DER)
  set-collector --config F --tls-cert FILE --signing-key KEYFILE
  add-trustee --config F --index I --name NAME --signing-key B64URL --encryption-key B64URL [--threshold T]
  set-election-key --config F --key B64URL
  sign --config F --key KEYFILE [--passphrase-file F]

Lists (signed with the organizer key, checked against the signed config):
  import-voters --config SIGNED --tsv FILE --key KEYFILE --out OUT [--previous CHANGESET] [--passphrase-file F]
  paper-votes --config SIGNED --list FILE --key KEYFILE --out OUT [--passphrase-file F]

Checking:
  verify [--config SIGNED] FILE...   check signatures, chains and every rule; exit 1 on any failure
  show FILE                          human-readable summary

Passphrases are read from --passphrase-file (first line) or the terminal, never from the command line.
Times are UTC, e.g. 2027-02-22T07:00:00Z.
)";

using evote::cli::Command;

const std::map<std::string, Command>& commands() {
  using namespace evote::admin;
  static const std::map<std::string, Command> table = {
      {"init", cmd_init},
      {"new-key", cmd_new_key},
      {"add-district", cmd_add_district},
      {"add-contest", cmd_add_contest},
      {"import-choices", cmd_import_choices},
      {"add-ca", cmd_add_ca},
      {"set-collector", cmd_set_collector},
      {"add-trustee", cmd_add_trustee},
      {"set-election-key", cmd_set_election_key},
      {"sign", cmd_sign},
      {"import-voters", cmd_import_voters},
      {"paper-votes", cmd_paper_votes},
      {"verify", cmd_verify},
      {"show", cmd_show},
  };
  return table;
}

}  // namespace

int main(int argc, char** argv) {
  return evote::cli::run_program(argc, argv, "evote-admin", kUsage, commands());
}
