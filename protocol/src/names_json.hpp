// Field codecs shared by the document readers (internal).
#pragma once

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::protocol {

Json names_to_json(const Names& names);
// {"et": ..., "en": ..., "ru": ...}: "et" required, no other languages, no empty name.
Names read_names(const ObjectReader& parent, std::string_view key);
crypto::Ed25519PublicKey read_ed25519_key(const ObjectReader& parent, std::string_view key);
crypto::X25519PublicKey read_x25519_key(const ObjectReader& parent, std::string_view key);
std::uint32_t read_u32(const ObjectReader& parent, std::string_view key);
// Letters, digits, '_', '-', '.'; 1..64 characters.
std::string read_identifier(const ObjectReader& parent, std::string_view key);
bool is_identifier(std::string_view text);

}  // namespace evote::protocol
