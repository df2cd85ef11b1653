#include "config/collector_config.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

namespace evote::collector {

namespace {

using Json = nlohmann::json;

class Reader {
 public:
  Reader(const Json& object, std::string file, std::string prefix)
      : object_(object), file_(std::move(file)), prefix_(std::move(prefix)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw ConfigError(file_ + ": " + prefix_ + key + ": " + problem);
  }
  bool has(const std::string& key) const { return object_.contains(key); }

  std::string text(const std::string& key,
                   std::optional<std::string> fallback = std::nullopt) const {
    if (!has(key)) {
      if (fallback) return *fallback;
      fail(key, "missing");
    }
    const Json& v = object_.at(key);
    if (!v.is_string() || v.get<std::string>().empty()) fail(key, "must be a non-empty string");
    return v.get<std::string>();
  }

  std::uint64_t number(const std::string& key, std::uint64_t fallback, std::uint64_t low,
                       std::uint64_t high) const {
    if (!has(key)) return fallback;
    const Json& v = object_.at(key);
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() < low || v.get<std::uint64_t>() > high)
      fail(key,
           "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    return v.get<std::uint64_t>();
  }

  ListenAddress address(const std::string& key,
                        std::optional<std::string> fallback = std::nullopt) const {
    const std::string value = text(key, fallback);
    const std::size_t colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0)
      fail(key, "must be ADDRESS:PORT, e.g. 0.0.0.0:8443");
    std::string host = value.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
      host = host.substr(1, host.size() - 2);
    unsigned long port = 0;
    try {
      std::size_t used = 0;
      port = std::stoul(value.substr(colon + 1), &used);
      if (used != value.size() - colon - 1) port = 0;
    } catch (const std::exception&) {
      port = 0;
    }
    if (port == 0 || port > 65535) fail(key, "port must be 1 to 65535");
    return {host, static_cast<std::uint16_t>(port)};
  }

  std::filesystem::path path(const std::string& key, const std::filesystem::path& base,
                             bool must_be_file) const {
    std::filesystem::path p = text(key);
    if (p.is_relative()) p = base / p;
    std::error_code error;
    if (must_be_file && !std::filesystem::is_regular_file(p, error))
      fail(key, p.string() + ": no such file");
    if (!must_be_file && !std::filesystem::is_directory(p, error))
      fail(key, p.string() + ": no such folder");
    return p;
  }

  void allow_only(std::initializer_list<const char*> keys) const {
    for (const auto& [key, value] : object_.items()) {
      bool known = false;
      for (const char* k : keys) known = known || key == k;
      if (!known) fail(key, "unknown setting");
    }
  }

  Reader object(const std::string& key) const {
    static const Json empty = Json::object();
    if (!has(key)) return Reader(empty, file_, prefix_ + key + ".");
    if (!object_.at(key).is_object()) fail(key, "must be an object");
    return Reader(object_.at(key), file_, prefix_ + key + ".");
  }

 private:
  const Json& object_;
  std::string file_;
  std::string prefix_;
};

void check_origin(const Reader& r, const std::string& origin) {
  // https://host[:port], nothing after: Web eID hashes the origin exactly.
  if (origin.rfind("https://", 0) != 0) r.fail("origin", "must start with https://");
  const std::string rest = origin.substr(8);
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string::npos)
    r.fail("origin", "must be https://HOST or https://HOST:PORT with no path or trailing slash");
}

// "YYYY-MM-DDTHH:MM:SSZ", UTC, exactly.
std::int64_t utc_seconds(const Reader& r, const std::string& key, const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char z = 0;
  int used = 0;
  if (text.size() != 20 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &year, &month, &day, &hour, &minute,
                  &second, &z, &used) != 7 ||
      used != 20 || z != 'Z' || text[4] != '-' || text[7] != '-' || month < 1 || month > 12 ||
      day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    r.fail(key, "must be a UTC time YYYY-MM-DDTHH:MM:SSZ, e.g. 2021-08-01T00:00:00Z");
  std::tm t{};
  t.tm_year = year - 1900;
  t.tm_mon = month - 1;
  t.tm_mday = day;
  t.tm_hour = hour;
  t.tm_min = minute;
  t.tm_sec = second;
  const std::time_t seconds = timegm(&t);
  std::tm back{};
  gmtime_r(&seconds, &back);
  if (back.tm_mday != day || back.tm_mon != month - 1)
    r.fail(key, "must be a UTC time YYYY-MM-DDTHH:MM:SSZ; there is no such date");
  return static_cast<std::int64_t>(seconds);
}

}  // namespace

CollectorConfig load_collector_config(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file);
  if (!in) throw ConfigError(name + ": cannot read the collector config");
  std::stringstream text;
  text << in.rdbuf();
  Json json;
  try {
    json = Json::parse(text.str());
  } catch (const std::exception& e) {
    throw ConfigError(name + ": not valid JSON: " + e.what());
  }
  if (!json.is_object()) throw ConfigError(name + ": must be a JSON object");
  const Reader r(json, name, "");
  r.allow_only({"listen", "admin_listen", "tls_certificate", "tls_key", "signing_key",
                "passphrase_file", "passphrase_env", "database", "election_folder", "origin",
                "ocsp_url", "ocsp_timeout_ms", "log_level", "threads", "limits", "auth", "clock"});
  const std::filesystem::path base = file.has_parent_path() ? file.parent_path() : ".";
  CollectorConfig c;
  c.listen = r.address("listen");
  c.admin_listen = r.address("admin_listen", "127.0.0.1:8444");
  c.tls_certificate = r.path("tls_certificate", base, true);
  c.tls_key = r.path("tls_key", base, true);
  c.signing_key = r.path("signing_key", base, true);
  if (r.has("passphrase_file")) c.passphrase_file = r.path("passphrase_file", base, true);
  c.passphrase_env = r.text("passphrase_env", c.passphrase_env);
  c.database = r.text("database");
  c.election_folder = r.path("election_folder", base, false);
  c.origin = r.text("origin");
  check_origin(r, c.origin);
  if (r.has("ocsp_url")) {
    c.ocsp_url = r.text("ocsp_url");
    // OCSP answers are signed, so the collector's client speaks plain HTTP
    // only (collector-auth.md §4.3): an https:// URL would fail every ballot.
    if (c.ocsp_url->rfind("http://", 0) != 0 || c.ocsp_url->size() == 7 ||
        c.ocsp_url->find_first_of(" \t\r\n") != std::string::npos)
      r.fail("ocsp_url", "must be an http://HOST[:PORT][/PATH] URL (OCSP is not asked over https)");
  }
  c.ocsp_timeout_ms =
      static_cast<unsigned>(r.number("ocsp_timeout_ms", c.ocsp_timeout_ms, 100, 60000));
  c.log_level = r.text("log_level", c.log_level);
  static const std::set<std::string> levels = {"error", "warning", "info", "debug"};
  if (!levels.count(c.log_level)) r.fail("log_level", "must be error, warning, info or debug");
  c.io_threads = static_cast<unsigned>(r.number("threads", 0, 0, 256));
  const Reader limits = r.object("limits");
  limits.allow_only({"max_body_bytes", "admin_max_body_bytes", "workers", "commit_batch"});
  c.max_body_bytes = limits.number("max_body_bytes", c.max_body_bytes, 1024, 64 << 20);
  c.admin_max_body_bytes =
      limits.number("admin_max_body_bytes", c.admin_max_body_bytes, 1024, std::size_t{1} << 30);
  c.workers = static_cast<unsigned>(limits.number("workers", 0, 0, 1024));
  if (c.workers == 0) c.workers = 4 * std::max(1u, std::thread::hardware_concurrency());
  c.commit_batch = limits.number("commit_batch", c.commit_batch, 1, 10000);
  const Reader auth = r.object("auth");
  auth.allow_only({"nonce_seconds", "session_minutes"});
  c.nonce_seconds = static_cast<unsigned>(auth.number("nonce_seconds", c.nonce_seconds, 10, 3600));
  c.session_minutes =
      static_cast<unsigned>(auth.number("session_minutes", c.session_minutes, 1, 24 * 60));
  if (r.has("clock")) {
    c.clock_text = r.text("clock");
    c.clock = utc_seconds(r, "clock", c.clock_text);
  }
  return c;
}

}  // namespace evote::collector
