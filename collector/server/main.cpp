// evote-collector: the online vote collection server. Usage: evote-collector help.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/collector_app.hpp"
#include "app/json_log.hpp"
#include "evote/cli/passphrase.hpp"
#include "evote/cli/program.hpp"
#include "evote/crypto/init.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"

namespace {

using namespace evote;
using namespace evote::collector;

std::string read_text(const std::filesystem::path& path) {
  const crypto::Bytes bytes = protocol::read_file(path);
  return std::string(bytes.begin(), bytes.end());
}

// The collector's signing key, unsealed with the passphrase from the file
// the settings name, or else from the environment variable they name.
crypto::Ed25519SigningKey open_signing_key(const CollectorConfig& c) {
  const protocol::SealedKeyFile file = protocol::sealed_key_from_json(
      protocol::parse_canonical(protocol::read_file(c.signing_key), c.signing_key.string()),
      c.signing_key.string());
  if (c.passphrase_file) {
    const crypto::SecretBytes passphrase =
        cli::read_passphrase(c.passphrase_file->string(), "", false);
    return protocol::unseal_signing_key(file, cli::as_text(passphrase), c.signing_key.string());
  }
  const char* text = std::getenv(c.passphrase_env.c_str());
  if (!text || !*text)
    throw std::runtime_error("passphrase_file: not set, and the environment has no " +
                             c.passphrase_env);
  return protocol::unseal_signing_key(file, text, c.signing_key.string());
}

struct Started {
  CollectorConfig settings;
  std::unique_ptr<CollectorApp> app;
  HttpsServerOptions tls;
};

Started prepare(const cli::Args& args) {
  Started s;
  s.settings = load_collector_config(args.required("config"));
  set_log_level(s.settings.log_level);
  crypto::Ed25519SigningKey key = open_signing_key(s.settings);
  s.tls.certificate_pem = read_text(s.settings.tls_certificate);
  s.tls.private_key_pem = read_text(s.settings.tls_key);
  s.tls.io_threads = s.settings.io_threads;
  s.tls.workers = s.settings.workers;
  s.tls.max_body_bytes = s.settings.max_body_bytes;
  Election election = load_election(s.settings, key.public_key(), s.tls.certificate_pem);
  s.app = std::make_unique<CollectorApp>(s.settings, std::move(election), std::move(key));
  return s;
}

int cmd_check_config(const cli::Args& args) {
  const Started s = prepare(args);
  std::printf("OK %s: election %s, database reachable, schema current\n",
              args.required("config").c_str(), s.settings.election_folder.c_str());
  return 0;
}

int cmd_serve(const cli::Args& args) {
  // SIGTERM and SIGINT are waited for here, not delivered to the server's threads.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Started s = prepare(args);
  CollectorApp& app = *s.app;
  HttpsServer server(s.tls, {{s.settings.listen.host, s.settings.listen.port,
                              [&app](const HttpRequest& r) { return app.handle_voter(r); }},
                             {s.settings.admin_listen.host, s.settings.admin_listen.port,
                              [&app](const HttpRequest& r) { return app.handle_admin(r); },
                              s.settings.admin_max_body_bytes}});
  log_event("info", "listening",
            {{"address", s.settings.listen.host},
             {"port", std::to_string(server.port(0))},
             {"admin_address", s.settings.admin_listen.host},
             {"admin_port", std::to_string(server.port(1))}});
  std::printf("listening on %s:%u (admin API on %s:%u)\n", s.settings.listen.host.c_str(),
              static_cast<unsigned>(server.port(0)), s.settings.admin_listen.host.c_str(),
              static_cast<unsigned>(server.port(1)));
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  log_event("info", "stopping",
            {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"},
             {"in_flight", std::to_string(server.in_flight())}});
  server.stop(30);
  log_event("info", "stopped");
  return 0;
}

cli::ProgramSpec program() {
  using cli::Kind;
  const auto config =
      cli::required_option("config", "FILE", "the collector's settings (JSON)", Kind::input_file);
  return {
      "evote-collector",
      "The online vote collection server: HTTPS (TLS 1.3) on PostgreSQL (specs/collector-api.md).",
      "\nThe settings file is described in deploy/collector.example.json; SIGTERM drains requests "
      "in flight.\n",
      {
          {"serve",
           "Running",
           "serve voters until SIGTERM",
           {config},
           {},
           "serve --config /etc/evote/collector.json",
           cmd_serve},
          {"check-config",
           "Running",
           "check the settings, keys, election config and database, then exit",
           {config},
           {},
           "check-config --config /etc/evote/collector.json",
           cmd_check_config},
      }};
}

}  // namespace

int main(int argc, char** argv) {
  evote::crypto::init();
  return evote::cli::run_program(argc, argv, program());
}
