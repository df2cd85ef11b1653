// Web eID token parsing (specs/collector-auth.md §2.2 steps 1-5): size, JSON shape,
// member types, format, algorithm and the signature's base64. Unknown
// members are ignored, as the Web eID validation libraries do.
#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <stdexcept>
#include <vector>

#include "auth/base64.hpp"
#include "auth/text_quote.hpp"
#include "auth/web_eid_token.hpp"

namespace evote::collector::auth {
namespace {

using Json = nlohmann::json;

// Deepest nesting a token has: token > unverifiedSigningCertificates > entry >
// supportedSignatureAlgorithms > entry.
constexpr int kMaxDepth = 6;

struct JsonRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr std::array<std::string_view, 3> kFormats{"web-eid:1", "web-eid:1.0", "web-eid:1.1"};
constexpr std::array<std::string_view, 9> kAlgorithms{"ES256", "ES384", "ES512", "PS256", "PS384",
                                                      "PS512", "RS256", "RS384", "RS512"};
constexpr std::array<std::string_view, 2> kSigningCryptoAlgorithms{"ECC", "RSA"};
constexpr std::array<std::string_view, 8> kSigningHashFunctions{
    "SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512"};
constexpr std::array<std::string_view, 3> kSigningPaddingSchemes{"NONE", "PKCS1.5", "PSS"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view value) {
  for (std::string_view item : set)
    if (item == value) return true;
  return false;
}

ParsedAuthToken refuse(AuthTokenReason reason, std::string message) {
  ParsedAuthToken parsed;
  parsed.verdict = {reason, std::move(message)};
  return parsed;
}

ParsedAuthToken bad_format(std::string message) {
  return refuse(AuthTokenReason::bad_format, std::move(message));
}

// Parses with every object's member names checked for duplicates and the
// nesting bounded; throws JsonRefused or nlohmann's parse_error.
Json parse_strict_json(std::string_view text) {
  std::vector<std::set<std::string>> keys;  // one set per open object
  auto check = [&keys](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth > kMaxDepth) throw JsonRefused("nested deeper than " + std::to_string(kMaxDepth));
    switch (event) {
      case Json::parse_event_t::object_start:
        keys.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case Json::parse_event_t::key:
        if (keys.empty() || !keys.back().insert(parsed.get<std::string>()).second)
          throw JsonRefused("member " + quote_text(parsed.get<std::string>()) + " appears twice");
        break;
      default:
        break;
    }
    return true;
  };
  return Json::parse(text.begin(), text.end(), check);
}

// A member that must be a non-empty string; nullptr with `problem` set otherwise.
const std::string* required_string(const Json& object, const char* name, std::string& problem) {
  auto it = object.find(name);
  if (it == object.end()) {
    problem = std::string("member \"") + name + "\" is missing";
    return nullptr;
  }
  if (!it->is_string()) {
    problem = std::string("member \"") + name + "\" is not a string";
    return nullptr;
  }
  const auto& text = it->get_ref<const std::string&>();
  if (text.empty()) {
    problem = std::string("member \"") + name + "\" is empty";
    return nullptr;
  }
  return &text;
}

// One entry of supportedSignatureAlgorithms; "" when it fits.
std::string signing_algorithm_problem(const Json& entry, const std::string& path) {
  if (!entry.is_object()) return path + " is not an object";
  struct Member {
    const char* name;
    std::span<const std::string_view> allowed;
  };
  const Member members[] = {{"cryptoAlgorithm", kSigningCryptoAlgorithms},
                            {"hashFunction", kSigningHashFunctions},
                            {"paddingScheme", kSigningPaddingSchemes}};
  for (const Member& member : members) {
    std::string problem;
    const std::string* value = required_string(entry, member.name, problem);
    if (!value) return path + ": " + problem;
    if (std::find(member.allowed.begin(), member.allowed.end(), *value) == member.allowed.end()) {
      std::string allowed;
      for (std::string_view item : member.allowed)
        allowed += (allowed.empty() ? "" : ", ") + std::string(item);
      return path + "." + member.name + " " + quote_text(*value) + " is not one of " + allowed;
    }
  }
  return {};
}

// unverifiedSigningCertificates of a web-eid:1.1 token; "" when it fits.
std::string read_signing_certificates(const Json& token, std::vector<std::string>& out) {
  const char* name = "unverifiedSigningCertificates";
  auto it = token.find(name);
  if (it == token.end()) return "member \"unverifiedSigningCertificates\" is missing (web-eid:1.1)";
  if (!it->is_array() || it->empty())
    return "member \"unverifiedSigningCertificates\" is not a non-empty array";
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& entry = (*it)[i];
    std::string path = std::string(name) + "[" + std::to_string(i + 1) + "]";
    if (!entry.is_object()) return path + " is not an object";
    std::string problem;
    const std::string* certificate = required_string(entry, "certificate", problem);
    if (!certificate) return path + ": " + problem;
    auto algorithms = entry.find("supportedSignatureAlgorithms");
    if (algorithms == entry.end() || !algorithms->is_array() || algorithms->empty())
      return path + ".supportedSignatureAlgorithms is missing or not a non-empty array";
    for (std::size_t j = 0; j < algorithms->size(); ++j) {
      std::string entry_path =
          path + ".supportedSignatureAlgorithms[" + std::to_string(j + 1) + "]";
      if (std::string p = signing_algorithm_problem((*algorithms)[j], entry_path); !p.empty())
        return p;
    }
    out.push_back(*certificate);
  }
  return {};
}

// The members after format and algorithm; "" when they fit.
std::string read_other_members(const Json& json, AuthToken& token) {
  std::string problem;
  const std::string* certificate = required_string(json, "unverifiedCertificate", problem);
  if (!certificate) return problem;
  token.unverified_certificate = *certificate;
  const std::string* signature = required_string(json, "signature", problem);
  if (!signature) return problem;
  std::optional<crypto::Bytes> decoded = decode_base64(*signature, problem);
  if (!decoded) return "member \"signature\" is not base64: " + problem;
  token.signature = std::move(*decoded);
  if (auto it = json.find("appVersion"); it != json.end()) {
    if (!it->is_string()) return "member \"appVersion\" is not a string";
    token.app_version = it->get<std::string>();
  }
  if (token.format == "web-eid:1.1")
    return read_signing_certificates(json, token.unverified_signing_certificates);
  if (json.contains("unverifiedSigningCertificates"))
    return "member \"unverifiedSigningCertificates\" is not allowed in format " + token.format;
  return {};
}

}  // namespace

ParsedAuthToken parse_auth_token(std::string_view token_json) {
  if (token_json.size() > kMaxAuthTokenBytes)
    return bad_format("token is " + std::to_string(token_json.size()) + " bytes (at most " +
                      std::to_string(kMaxAuthTokenBytes) + ")");
  Json json;
  try {
    json = parse_strict_json(token_json);
  } catch (const Json::parse_error& e) {
    return bad_format("not JSON (syntax error at byte " + std::to_string(e.byte) + ")");
  } catch (const JsonRefused& e) {
    return bad_format(std::string("JSON refused: ") + e.what());
  }
  if (!json.is_object()) return bad_format("token is not a JSON object");

  ParsedAuthToken parsed;
  std::string problem;
  const std::string* format = required_string(json, "format", problem);
  if (!format) return bad_format(problem);
  if (!one_of(kFormats, *format))
    return bad_format("format " + quote_text(*format) +
                      " is not supported (web-eid:1, web-eid:1.0 or web-eid:1.1)");
  parsed.token.format = *format;

  const std::string* algorithm = required_string(json, "algorithm", problem);
  if (!algorithm) return bad_format(problem);
  if (!one_of(kAlgorithms, *algorithm))
    return refuse(
        AuthTokenReason::unsupported_algorithm,
        "algorithm " + quote_text(*algorithm) +
            " is not one of ES256, ES384, ES512, PS256, PS384, PS512, RS256, RS384, RS512");
  parsed.token.algorithm = *algorithm;

  if (std::string p = read_other_members(json, parsed.token); !p.empty()) return bad_format(p);
  if (parsed.token.signature.empty()) return bad_format("member \"signature\" decodes to nothing");
  return parsed;
}

}  // namespace evote::collector::auth
