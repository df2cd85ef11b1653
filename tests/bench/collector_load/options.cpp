#include "collector_load/options.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace evote::bench {

const char* const kUsage =
    "usage: collector_load [options]\n"
    "  --seconds S        measured span (default 60)\n"
    "  --rate R           open loop: R voter sessions per second (default: closed loop)\n"
    "  --clients C        client threads (default 32 closed loop, 128 open loop)\n"
    "  --voters N         voters on the list, each with two certificates (default 2000)\n"
    "  --ballots-per-login K  ballots a voter casts (re-votes) after one login (default 1)\n"
    "  --ballots M        pre-made ballots (default: open loop R * S * K; closed loop\n"
    "                     600 * S * K, the run ends early if they run out)\n"
    "  --connection new|reuse  a new TLS connection per voter session (default), or one\n"
    "                     kept-alive connection per client thread\n"
    "  --group G          ristretto255 (default), modp3072-rfc3526, modp4096-eg\n"
    "  --tls-key p384|p256  the collector's TLS certificate key (default p384)\n"
    "  --workers W        the collector's limits.workers (default 0: four per core)\n"
    "  --threads T        the collector's I/O threads (default 0: the cores)\n"
    "  --collector PATH   the evote-collector to run (default: the one built with this)\n";

namespace {

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "collector_load: %s\n%s", message.c_str(), kUsage);
  std::exit(2);
}

double number(const std::string& name, const char* text, double low, double high) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || value < low || value > high)
    usage_error(name + ": must be a number from " + std::to_string(low) + " to " +
                std::to_string(high));
  return value;
}

std::string one_of(const std::string& name, const char* value, const char* a, const char* b) {
  if (std::strcmp(value, a) != 0 && std::strcmp(value, b) != 0)
    usage_error(name + ": must be " + a + " or " + b);
  return value;
}

}  // namespace

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (name == "--help" || name == "-h") {
      std::printf("%s", kUsage);
      std::exit(0);
    }
    if (i + 1 >= argc) usage_error(name + ": needs a value (or is unknown)");
    const char* value = argv[++i];
    if (name == "--seconds")
      o.seconds = number(name, value, 1, 86400);
    else if (name == "--rate")
      o.rate = number(name, value, 0.1, 100000);
    else if (name == "--clients")
      o.clients = static_cast<unsigned>(number(name, value, 1, 4096));
    else if (name == "--voters")
      o.voters = static_cast<std::size_t>(number(name, value, 1, 1e7));
    else if (name == "--ballots-per-login")
      o.ballots_per_login = static_cast<std::size_t>(number(name, value, 1, 1000));
    else if (name == "--ballots")
      o.ballots = static_cast<std::size_t>(number(name, value, 1, 1e8));
    else if (name == "--group")
      o.group = value;
    else if (name == "--tls-key")
      o.tls_p256 = one_of(name, value, "p384", "p256") == "p256";
    else if (name == "--workers")
      o.workers = static_cast<unsigned>(number(name, value, 0, 1024));
    else if (name == "--threads")
      o.threads = static_cast<unsigned>(number(name, value, 0, 256));
    else if (name == "--connection")
      o.reuse = one_of(name, value, "new", "reuse") == "reuse";
    else if (name == "--collector")
      o.collector = value;
    else
      usage_error("unknown option " + name);
  }
  if (o.clients == 0) o.clients = o.rate > 0 ? 128 : 32;
  const double sessions = o.rate > 0 ? o.rate * o.seconds : 600 * o.seconds;
  if (o.ballots == 0) o.ballots = static_cast<std::size_t>(sessions) * o.ballots_per_login;
  if (o.ballots < o.ballots_per_login) usage_error("--ballots: fewer than --ballots-per-login");
  return o;
}

std::string describe(const Options& o) {
  char text[400];
  if (o.rate > 0)
    std::snprintf(text, sizeof text, "open loop: %.0f voter sessions per second for %.0f s", o.rate,
                  o.seconds);
  else
    std::snprintf(text, sizeof text, "closed loop: %u clients for %.0f s", o.clients, o.seconds);
  std::string out = text;
  if (o.ballots_per_login > 1)
    out += ", " + std::to_string(o.ballots_per_login) + " ballots per login";
  out += o.reuse ? ", kept-alive connections" : ", a new TLS connection per voter session";
  out += std::string(", TLS key ") + (o.tls_p256 ? "P-256" : "P-384");
  out += ", " + std::to_string(o.voters) + " voters, " + o.group +
         ", durable commit (synchronous_commit on), OCSP per ballot";
  return out;
}

std::string command_line(int argc, char** argv) {
  std::string line = argv[0];
  for (int i = 1; i < argc; ++i) line += std::string(" ") + argv[i];
  return line;
}

}  // namespace evote::bench
