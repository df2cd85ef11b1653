#include "evote/voter/app_settings.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/voter/voter_error.hpp"

namespace evote::voter {
namespace {

[[noreturn]] void refuse(const std::string& what, const std::string& field,
                         const std::string& problem) {
  throw VoterError(ErrorKind::settings, what + ": " + field + ": " + problem);
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

// The part after "https://", without a trailing "/".
std::string_view authority_of(std::string_view url) {
  constexpr std::string_view scheme = "https://";
  if (!url.starts_with(scheme))
    throw VoterError(ErrorKind::settings, "collector URL: must start with https://");
  std::string_view rest = url.substr(scheme.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  return rest;
}

}  // namespace

void check_collector_url(std::string_view url) {
  const std::string_view authority = authority_of(url);
  const std::size_t colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  if (host.empty()) throw VoterError(ErrorKind::settings, "collector URL: no host");
  for (char c : host) {
    if (!is_host_char(c))
      throw VoterError(ErrorKind::settings,
                       "collector URL: the host may hold only letters, digits, '-' and '.' "
                       "(no path, user or query)");
  }
  if (colon == std::string_view::npos) return;
  const std::string_view port = authority.substr(colon + 1);
  bool digits = !port.empty() && port.size() <= 5 && port[0] != '0';
  for (char c : port) digits = digits && c >= '0' && c <= '9';
  if (!digits || std::stoul(std::string(port)) > 65535)
    throw VoterError(ErrorKind::settings,
                     "collector URL: the port must be 1..65535 without a leading zero");
}

std::string collector_origin(std::string_view collector_url) {
  check_collector_url(collector_url);
  return "https://" + std::string(authority_of(collector_url));
}

AppSettings parse_app_settings(std::string_view json_text, const std::string& what) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw VoterError(ErrorKind::settings, what + ": not JSON: " + e.what());
  }
  if (!document.is_object()) throw VoterError(ErrorKind::settings, what + ": not a JSON object");
  for (const auto& [key, value] : document.items()) {
    if (key != "collector_url" && key != "organizer_public_key" && key != "pkcs11_module")
      refuse(what, key, "unknown field");
  }
  AppSettings settings;
  if (!document.contains("collector_url") || !document["collector_url"].is_string())
    refuse(what, "collector_url", "missing or not a string");
  settings.collector_url = document["collector_url"].get<std::string>();
  try {
    check_collector_url(settings.collector_url);
  } catch (const VoterError& e) {
    refuse(what, "collector_url", e.what());
  }
  if (!document.contains("organizer_public_key") || !document["organizer_public_key"].is_string())
    refuse(what, "organizer_public_key", "missing or not a string");
  try {
    settings.organizer_key = crypto::Ed25519PublicKey::decode(
        protocol::base64url_decode(document["organizer_public_key"].get<std::string>()));
  } catch (const std::exception& e) {
    refuse(what, "organizer_public_key",
           std::string("not the base64url of a 32-byte Ed25519 public key: ") + e.what());
  }
  if (document.contains("pkcs11_module")) {
    const auto& module = document["pkcs11_module"];
    if (!module.is_string() || module.get<std::string>().empty())
      refuse(what, "pkcs11_module", "must be a non-empty path");
    settings.pkcs11_module = module.get<std::string>();
  }
  return settings;
}

AppSettings load_app_settings(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw VoterError(ErrorKind::settings, path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw VoterError(ErrorKind::settings, path.string() + ": cannot be read");
  return parse_app_settings(text.str(), path.string());
}

}  // namespace evote::voter
