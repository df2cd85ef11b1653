#include "output_guard.hpp"

#include <array>
#include <fstream>
#include <stdexcept>

#include "evote/protocol/canonical_json.hpp"
#include "secrets.hpp"

namespace evote::keys {

namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 3> kSecretTypes = {"trustee-identity", "key-share",
                                                     "sealed-signing-key"};
constexpr std::streamsize kMostRead = 1 << 20;

[[noreturn]] void refuse(const fs::path& out, const std::string& why) {
  throw std::runtime_error(out.string() + ": " + why);
}

// The same file or the same place: equivalent when both exist, else the
// same normalized absolute path.
bool same_place(const fs::path& a, const fs::path& b) {
  std::error_code error;
  if (fs::exists(a, error) && fs::exists(b, error)) {
    const bool same = fs::equivalent(a, b, error);
    if (!error) return same;
  }
  return fs::weakly_canonical(a, error) == fs::weakly_canonical(b, error) && !error;
}

// The "type" of a JSON document that is a secret, or "".
std::string secret_type(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return "";
  std::ifstream in(path, std::ios::binary);
  std::string text(static_cast<std::size_t>(kMostRead), '\0');
  in.read(text.data(), kMostRead);
  text.resize(static_cast<std::size_t>(in.gcount()));
  const protocol::Json json = protocol::Json::parse(text, nullptr, false);
  if (!json.is_object() || !json.contains("type") || !json["type"].is_string()) return "";
  const std::string type = json["type"].get<std::string>();
  for (const char* secret : kSecretTypes)
    if (type == secret) return type;
  return "";
}

}  // namespace

void refuse_unsafe_output(const fs::path& out, const std::vector<NamedInput>& inputs,
                          const std::optional<fs::path>& trustee_dir) {
  const std::string never = ": a secret is never replaced, even with --force";
  for (const char* name : {kShareFile, kIdentityFile}) {
    if (trustee_dir && same_place(out, *trustee_dir / name))
      refuse(out, std::string("is this trustee's ") + name + never);
  }
  std::error_code error;
  if (fs::exists(fs::symlink_status(out, error))) {
    const std::string type = secret_type(out);
    if (!type.empty()) refuse(out, "holds a secret (a \"" + type + "\" document)" + never);
    const std::string name = out.filename().string();
    if (name == kShareFile || name == kIdentityFile)
      refuse(out, "is named like a trustee's " + name + never);
  }
  for (const NamedInput& input : inputs) {
    if (same_place(out, input.path))
      refuse(out, "is the " + input.option + " file this command reads; write elsewhere");
  }
}

}  // namespace evote::keys
