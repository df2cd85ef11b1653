// The collector's own settings: one JSON file (deploy/collector.example.json),
// read once at start. Every problem names the file and the setting:
//   "collector.json: limits.max_body_bytes: must be a whole number from 1024 to 67108864"
// and the collector refuses to start. Unknown settings are refused too (a
// misspelt setting must not silently fall back to a default).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace evote::collector {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ListenAddress {
  std::string host;  // an IPv4 or IPv6 address
  std::uint16_t port = 0;
};

struct CollectorConfig {
  ListenAddress listen;                   // voter API, e.g. 0.0.0.0:8443
  ListenAddress admin_listen;             // admin API, default 127.0.0.1:8444
  std::filesystem::path tls_certificate;  // PEM chain, the config's collector.tls_certificate first
  std::filesystem::path tls_key;          // PEM
  std::filesystem::path signing_key;  // sealed Ed25519 key (evote-admin new-key --role collector)
  std::optional<std::filesystem::path> passphrase_file;  // else the environment (below)
  std::string passphrase_env = "EVOTE_COLLECTOR_PASSPHRASE";
  std::string database;                   // libpq connection string
  std::filesystem::path election_folder;  // holds config.json (the signed election config)
  std::string origin;                     // https://host[:port], what voters' Web eID tokens sign
  std::optional<std::string> ocsp_url;    // http:// only; overrides the certificates' AIA responder
  unsigned ocsp_timeout_ms = 5000;        // one OCSP exchange, connect to last byte
  std::string log_level = "info";         // error, warning, info, debug
  unsigned io_threads = 0;                // 0: the cores
  // Blocking request handlers (and database connections); 0 in the file:
  // four per core. More only adds queueing: on 2 cores 32 busy handlers
  // starved the 2 I/O threads (collector_load --rate 130: p99 963 ms with
  // 32, 85 ms with 8).
  unsigned workers = 0;
  std::size_t max_body_bytes = 1 << 20;
  // The admin listener's: a first voter list change set is large.
  std::size_t admin_max_body_bytes = std::size_t{256} << 20;
  std::size_t commit_batch = 256;
  unsigned nonce_seconds = 300;
  unsigned session_minutes = 30;
  // "clock": "2021-08-01T00:00:00Z" fixes the time at which voters'
  // certificates are checked (login tokens), for tests and rehearsals with
  // test cards whose certificates have expired; never in an election. The
  // collector logs a warning at start when it is set. Nonce and session
  // expiry always follow the real clock.
  std::optional<std::int64_t> clock;  // UTC seconds
  std::string clock_text;             // as written
};

// Relative paths are taken from the config file's folder.
CollectorConfig load_collector_config(const std::filesystem::path& file);

}  // namespace evote::collector
