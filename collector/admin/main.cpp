// evote-admin: the election organizer's tool. Usage: evote-admin help.
#include "commands.hpp"
#include "evote/cli/program.hpp"
#include "evote/protocol/election_config.hpp"

namespace {

using evote::cli::flag_option;
using evote::cli::Kind;
using evote::cli::number_option;
using evote::cli::optional_option;
using evote::cli::required_option;

const evote::cli::OptionSpec kPassphraseFile = optional_option(
    "passphrase-file", "FILE", "the key's passphrase (first line); else asked at the terminal",
    Kind::input_file);

std::vector<evote::cli::OptionSpec> names(const std::string& what) {
  return {required_option("name-et", "NAME", what + " in Estonian"),
          optional_option("name-en", "NAME", what + " in English"),
          optional_option("name-ru", "NAME", what + " in Russian")};
}

evote::cli::OptionSpec draft(
    const std::string& help = "the draft config to change (its signature is removed)") {
  return required_option("config", "CONFIG", help, Kind::edited_file);
}

template <typename... Lists>
std::vector<evote::cli::OptionSpec> join(Lists... lists) {
  std::vector<evote::cli::OptionSpec> all;
  (all.insert(all.end(), lists.begin(), lists.end()), ...);
  return all;
}

// Section "Collector": the admin API's client commands (specs/collector-admin.md).
std::vector<evote::cli::OptionSpec> collector_options(std::vector<evote::cli::OptionSpec> extra) {
  std::vector<evote::cli::OptionSpec> all = {
      required_option("collector", "URL", "the collector's admin listener, https://HOST:PORT"),
      required_option("config", "SIGNED",
                      "the signed election config (election, organizer key, the collector's TLS "
                      "certificate to pin)",
                      Kind::input_file),
      required_option("key", "KEYFILE", "the sealed organizer key", Kind::input_file),
      kPassphraseFile,
      number_option("timeout", "SECONDS", "give up on a step after this long (default 120)", 1,
                    3600, false)};
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

std::vector<evote::cli::CommandSpec> collector_commands() {
  using namespace evote::admin;
  const std::string section = "Collector (signed requests to its admin listener)";
  const std::string common =
      "--collector https://127.0.0.1:8444 --config config.json --key organizer.key";
  return {
      {"collector-status",
       section,
       "show the collector's state, config, voter list and log head",
       collector_options({}),
       {},
       "collector-status " + common,
       cmd_collector_status},
      {"collector-load-config",
       section,
       "load the signed config (--config) into the collector",
       collector_options({}),
       {},
       "collector-load-config " + common,
       cmd_collector_load_config},
      {"collector-load-voters",
       section,
       "apply a signed voter list change set",
       collector_options(
           {required_option("voters", "CHANGESET", "the signed change set", Kind::input_file)}),
       {},
       "collector-load-voters " + common + " --voters voters-1.json",
       cmd_collector_load_voters},
      {"collector-load-paper-votes",
       section,
       "load the signed paper-vote list",
       collector_options({required_option("paper-votes", "FILE", "the signed paper-vote list",
                                          Kind::input_file)}),
       {},
       "collector-load-paper-votes " + common + " --paper-votes paper-votes.json",
       cmd_collector_load_paper_votes},
      {"collector-open",
       section,
       "open voting (ballots are accepted inside the voting period)",
       collector_options({}),
       {},
       "collector-open " + common,
       cmd_collector_open},
      {"collector-close",
       section,
       "close voting",
       collector_options({}),
       {},
       "collector-close " + common,
       cmd_collector_close},
      {"collector-export",
       section,
       "download the signed ballot box; kept only if it reads back and verifies",
       collector_options(
           {required_option("out", "OUT", "the ballot box export (JSON Lines)", Kind::new_output)}),
       {},
       "collector-export " + common + " --out ballot-box.jsonl",
       cmd_collector_export},
      {"collector-votes-order",
       section,
       "fetch the signed list of e-votes after a sequence (for polling stations)",
       collector_options(
           {number_option("after", "N", "the last sequence already held (0: none)", 0,
                          0x7fffffffffffffff, true),
            required_option("out", "OUT", "the signed votes-order page", Kind::output_file)}),
       {},
       "collector-votes-order " + common + " --after 0 --out votes-order-1.json",
       cmd_collector_votes_order},
  };
}

evote::cli::ProgramSpec program() {
  using namespace evote::admin;
  const std::string building = "Building the election config (a draft until signed)";
  const std::string lists =
      "Lists (signed with the organizer key, checked against the signed config)";
  const std::string checking = "Checking";
  evote::cli::ProgramSpec spec{
      "evote-admin",
      "The election organizer's tool: builds, signs and checks the election config, voter lists "
      "and "
      "paper-vote lists.",
      "\nPassphrases are read from --passphrase-file (first line) or the terminal, never from the "
      "command line.\n"
      "Times are UTC, e.g. 2027-02-22T07:00:00Z. Formats: specs/formats.md.\n",
      {
          {"init",
           building,
           "start a draft config and make the organizer's signing key",
           join(std::vector{required_option("election-id", "ID",
                                            "the election's id (letters, digits, _ and -)")},
                names("the election's name"),
                std::vector{
                    required_option("start", "UTC", "voting opens"),
                    required_option("end", "UTC", "voting closes"),
                    optional_option("group", "GROUP",
                                    "ristretto255 (default), modp3072-rfc3526 or modp4096-eg"),
                    required_option("config", "OUT", "the new draft config", Kind::new_output),
                    required_option("key", "OUT", "the new sealed organizer key",
                                    Kind::secret_output),
                    kPassphraseFile}),
           {},
           "init --election-id RK_2027 --name-et 'Riigikogu valimised 2027' --start "
           "2027-02-22T07:00:00Z "
           "--end 2027-03-01T18:00:00Z --config config.json --key organizer.key",
           cmd_init},
          {"new-key",
           building,
           "make a sealed Ed25519 signing key (the collector's, a mix server's, the tally's)",
           {required_option("role", "ROLE", "what the key is for, e.g. collector, mix-1, tally"),
            required_option("key", "OUT", "the new sealed key", Kind::secret_output),
            kPassphraseFile},
           {},
           "new-key --role collector --key collector.key",
           cmd_new_key},
          {"add-district",
           building,
           "add a district",
           join(std::vector{draft(), required_option("id", "ID", "the district's id")},
                names("the district's name")),
           {},
           "add-district --config config.json --id tallinn-1 --name-et 'Tallinna 1. ringkond'",
           cmd_add_district},
          {"remove-district",
           building,
           "remove a district no choice belongs to",
           {draft(), required_option("id", "ID", "the district's id")},
           {},
           "remove-district --config config.json --id tallinn-1",
           cmd_remove_district},
          {"add-contest",
           building,
           "add a contest",
           join(std::vector{draft(), required_option("id", "ID", "the contest's id"),
                            required_option("type", "TYPE", "single, approval or ranked"),
                            number_option("max-selections", "K",
                                          "selections per ballot (default 1; at most " +
                                              std::to_string(evote::protocol::kMaxSelections) + ")",
                                          1, evote::protocol::kMaxSelections, false)},
                names("the contest's name")),
           {},
           "add-contest --config config.json --id riigikogu --type single --name-et Riigikogu",
           cmd_add_contest},
          {"remove-contest",
           building,
           "remove a contest and its choices",
           {draft(), required_option("id", "ID", "the contest's id")},
           {},
           "remove-contest --config config.json --id referendum",
           cmd_remove_contest},
          {"import-choices",
           building,
           "add a contest's choices from a CSV file",
           {draft(), required_option("contest", "ID", "the contest"),
            required_option("csv", "FILE", "columns code,district,name_et[,name_en][,name_ru][,party_et[,party_en][,party_ru]]",
                            Kind::input_file)},
           {},
           "import-choices --config config.json --contest riigikogu --csv choices.csv",
           cmd_import_choices},
          {"remove-choice",
           building,
           "remove one choice from a contest",
           {draft(), required_option("contest", "ID", "the contest"),
            number_option("code", "N", "the choice's code", 2, evote::protocol::kMaxChoiceCode,
                          true)},
           {},
           "remove-choice --config config.json --contest riigikogu --code 101",
           cmd_remove_choice},
          {"add-ca",
           building,
           "trust a CA for voters' ID-card certificates",
           {draft(),
            required_option("cert", "FILE", "the CA certificate, PEM or DER", Kind::input_file)},
           {},
           "add-ca --config config.json --cert TEST_of_ESTEID2018.pem",
           cmd_add_ca},
          {"remove-ca",
           building,
           "stop trusting a voter CA (as `show` lists them)",
           {draft(), optional_option("fingerprint", "HEX", "the certificate's SHA-256 fingerprint"),
            number_option("index", "I", "its number in the list, from 1", 1, 0xffffffff, false)},
           {},
           "remove-ca --config config.json --index 1",
           cmd_remove_ca},
          {"add-policy",
           building,
           "accept voters' certificates carrying this certificate policy",
           {draft(), required_option("oid", "OID",
                                     "a certificate policy, dotted, e.g. 1.3.6.1.4.1.51361.1.1.1")},
           {},
           "add-policy --config config.json --oid 1.3.6.1.4.1.51361.1.1.1",
           cmd_add_policy},
          {"remove-policy",
           building,
           "stop listing an accepted certificate policy",
           {draft(), required_option("oid", "OID", "the policy to remove")},
           {},
           "remove-policy --config config.json --oid 1.3.6.1.4.1.51361.1.1.1",
           cmd_remove_policy},
          {"set-collector",
           building,
           "name the collector's TLS certificate and signing key",
           {draft(),
            required_option("tls-cert", "FILE", "the collector's TLS certificate, PEM or DER",
                            Kind::input_file),
            required_option("signing-key", "KEYFILE",
                            "the collector's sealed signing key (public part used)",
                            Kind::input_file)},
           {},
           "set-collector --config config.json --tls-cert collector.pem --signing-key "
           "collector.key",
           cmd_set_collector},
          {"add-trustee",
           building,
           "add a key-ceremony trustee (as evote-keys trustee-init prints)",
           {draft(),
            number_option("index", "I", "the trustee's number, 1 to n", 1, 0xffffffff, true),
            required_option("name", "NAME", "who the trustee is"),
            required_option("signing-key", "B64URL", "the trustee's Ed25519 public key"),
            required_option("encryption-key", "B64URL", "the trustee's X25519 public key"),
            number_option("threshold", "T", "trustees needed to decrypt", 1, 0xffffffff, false)},
           {},
           "add-trustee --config config.json --index 1 --name 'Trustee 1' --signing-key AbC... "
           "--encryption-key "
           "XyZ... --threshold 3",
           cmd_add_trustee},
          {"remove-trustee",
           building,
           "remove a trustee (those after it move down one index)",
           {draft(), number_option("index", "I", "the trustee's number", 1, 0xffffffff, true),
            number_option("threshold", "T",
                          "the new threshold, if the old one exceeds the trustees left", 1,
                          0xffffffff, false)},
           {},
           "remove-trustee --config config.json --index 4",
           cmd_remove_trustee},
          {"set-election-key",
           building,
           "set the election public key (as evote-keys publish-key prints)",
           {draft(), required_option("key", "B64URL", "the election public key")},
           {},
           "set-election-key --config config.json --key 5mB0...",
           cmd_set_election_key},
          {"remove-election-key",
           building,
           "remove the election public key (before trustees change)",
           {draft()},
           {},
           "remove-election-key --config config.json",
           cmd_remove_election_key},
          {"set-mix-servers",
           building,
           "name the mix cascade: its servers in stage order, each with its signing key",
           {draft()},
           evote::cli::FilesSpec{"NAME=KEYFILE",
                                 "a server's name (its organisation), '=', its sealed signing key "
                                 "(public part used); 2 to " +
                                     std::to_string(evote::protocol::kMaxMixServers) +
                                     ", the first makes stage 1",
                                 Kind::text, 1},
           "set-mix-servers --config config.json 'Org A=mix-1.key' 'Org B=mix-2.key'",
           cmd_set_mix_servers},
          {"add-mix-server",
           building,
           "add a mix server as the cascade's last stage (after set-mix-servers)",
           {draft(), required_option("name", "NAME", "the server's name (its organisation)"),
            required_option("signing-key", "KEYFILE",
                            "the server's sealed signing key (public part used)",
                            Kind::input_file)},
           {},
           "add-mix-server --config config.json --name 'Org C' --signing-key mix-3.key",
           cmd_add_mix_server},
          {"remove-mix-server",
           building,
           "remove a mix server (those after it move up one stage), or --all of them",
           {draft(),
            number_option("index", "I", "the server's stage, from 1", 1,
                          evote::protocol::kMaxMixServers, false),
            optional_option("name", "NAME", "the server's name"),
            flag_option("all", "remove every mix server (the config then names none)")},
           {},
           "remove-mix-server --config config.json --name 'Org C'",
           cmd_remove_mix_server},
          {"set-tally-key",
           building,
           "name the tally operator's signing key",
           {draft(), required_option("signing-key", "KEYFILE",
                                     "the tally operator's sealed signing key (public part used)",
                                     Kind::input_file)},
           {},
           "set-tally-key --config config.json --signing-key tally.key",
           cmd_set_tally_key},
          {"canonicalize",
           building,
           "turn a hand-edited config into a canonical unsigned draft",
           {},
           evote::cli::FilesSpec{"",
                                 "the hand-edited JSON file, then the draft config to write",
                                 Kind::text,
                                 2,
                                 2,
                                 {{"IN", Kind::input_file}, {"OUT", Kind::output_file}}},
           "canonicalize edited.json config.json",
           cmd_canonicalize},
          {"sign",
           building,
           "sign the config with the organizer key",
           {draft("the config to sign"),
            required_option("key", "KEYFILE", "the sealed organizer key", Kind::input_file),
            kPassphraseFile},
           {},
           "sign --config config.json --key organizer.key",
           cmd_sign},
          {"import-voters",
           lists,
           "import a voter TSV as a signed voter-list change set",
           {required_option("config", "SIGNED", "the signed election config", Kind::input_file),
            required_option("tsv", "FILE", "the voters (specs/formats-voters.md)",
                            Kind::input_file),
            required_option("key", "KEYFILE", "the sealed organizer key", Kind::input_file),
            required_option("out", "OUT", "the signed change set to write", Kind::output_file),
            optional_option("previous", "CHANGESET", "the change set this one follows",
                            Kind::input_file),
            kPassphraseFile},
           {},
           "import-voters --config config.json --tsv voters.tsv --key organizer.key --out "
           "voters-1.json",
           cmd_import_voters},
          {"paper-votes",
           lists,
           "sign the list of voters who voted on paper",
           {required_option("config", "SIGNED", "the signed election config", Kind::input_file),
            required_option("list", "FILE", "one personal code per line", Kind::input_file),
            required_option("key", "KEYFILE", "the sealed organizer key", Kind::input_file),
            required_option("out", "OUT", "the signed paper-vote list to write", Kind::output_file),
            kPassphraseFile},
           {},
           "paper-votes --config config.json --list paper.txt --key organizer.key --out "
           "paper-votes.json",
           cmd_paper_votes},
          {"verify",
           checking,
           "check signatures, chains and every rule; exit 1 on any failure",
           {optional_option("config", "SIGNED", "the signed config the files belong to",
                            Kind::input_file),
            optional_option("organizer-key", "B64URL",
                            "the organizer key the config must be signed with")},
           evote::cli::FilesSpec{"FILE", "documents to check, in order (config first)",
                                 Kind::input_file, 1},
           "verify --config config.json voters-1.json voters-2.json paper-votes.json",
           cmd_verify},
          {"show",
           checking,
           "print a human-readable summary of a document",
           {},
           evote::cli::FilesSpec{"FILE", "the document", Kind::input_file, 1, 1},
           "show config.json",
           cmd_show},
      }};
  for (auto& command : collector_commands()) spec.commands.push_back(std::move(command));
  return spec;
}

}  // namespace

int main(int argc, char** argv) { return evote::cli::run_program(argc, argv, program()); }
