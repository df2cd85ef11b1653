// The voter app's settings: a JSON file shipped with the app
// (specs/voter-app.md, "App settings"):
//   {"collector_url": "https://collector.example:8443",
//    "organizer_public_key": "<base64url of the 32-byte Ed25519 key, as key files write it>",
//    "pkcs11_module": "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"}   (optional)
// Other members are refused (a misspelt field must not be silently ignored).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "evote/crypto/ed25519.hpp"

namespace evote::voter {

inline constexpr std::string_view kDefaultPkcs11Module =
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

struct AppSettings {
  std::string collector_url;  // "https://" host [":" port], optionally one trailing "/"
  crypto::Ed25519PublicKey organizer_key;
  std::filesystem::path pkcs11_module = std::string(kDefaultPkcs11Module);
};

// Parses the settings text. Throws VoterError(settings) naming `what` and
// the bad field: "app.json: collector_url: must start with https://".
AppSettings parse_app_settings(std::string_view json_text, const std::string& what);
// Reads and parses the file; VoterError(settings) also when it cannot be read.
AppSettings load_app_settings(const std::filesystem::path& path);

// Checks a collector URL: "https://" host [":" port] ["/"], host letters,
// digits, '-' and '.', port 1..65535 without a leading zero. Throws
// VoterError(settings) naming the problem.
void check_collector_url(std::string_view url);

// The Web eID origin of a collector URL: "https://" host [":" port] as
// written, without the trailing "/" (specs/collector-auth.md §2.1).
std::string collector_origin(std::string_view collector_url);

}  // namespace evote::voter
