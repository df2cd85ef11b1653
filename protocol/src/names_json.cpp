#include "names_json.hpp"

#include "evote/crypto/error.hpp"

namespace evote::protocol {

Json names_to_json(const Names& names) {
  Json out = Json::object();
  for (const auto& [language, name] : names) out[language] = name;
  return out;
}

Names read_names(const ObjectReader& parent, std::string_view key) {
  const ObjectReader r = parent.object(key);
  r.allow_only({"et", "en", "ru"});
  Names names;
  for (std::string_view language : {"et", "en", "ru"}) {
    if (!r.has(language)) {
      if (language == "et") r.fail(language, "missing (the Estonian name is required)");
      continue;
    }
    std::string name = r.string(language);
    if (name.empty()) r.fail(language, "empty name");
    names.emplace(std::string(language), std::move(name));
  }
  return names;
}

crypto::Ed25519PublicKey read_ed25519_key(const ObjectReader& parent, std::string_view key) {
  try {
    return crypto::Ed25519PublicKey::decode(parent.binary(key));
  } catch (const crypto::DecodeError& e) {
    parent.fail(key, e.what());
  }
}

crypto::X25519PublicKey read_x25519_key(const ObjectReader& parent, std::string_view key) {
  try {
    return crypto::X25519PublicKey::decode(parent.binary(key));
  } catch (const crypto::DecodeError& e) {
    parent.fail(key, e.what());
  }
}

std::uint32_t read_u32(const ObjectReader& parent, std::string_view key) {
  const std::uint64_t v = parent.unsigned_integer(key);
  if (v > 0xffffffffu) parent.fail(key, "too large (at most 4294967295)");
  return static_cast<std::uint32_t>(v);
}

bool is_identifier(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string read_identifier(const ObjectReader& parent, std::string_view key) {
  std::string id = parent.string(key);
  if (!is_identifier(id)) {
    parent.fail(key, "\"" + id + "\" is not an identifier (1-64 of A-Z a-z 0-9 _ - .)");
  }
  return id;
}

}  // namespace evote::protocol
