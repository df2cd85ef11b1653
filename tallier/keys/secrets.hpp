// A trustee's secrets at rest (specs/keys.md §13): the identity keys
// (Ed25519 for signing ceremony messages, X25519 for receiving shares) sealed
// under the trustee's passphrase, and the key share x_j sealed under the
// passphrase or kept on a PKCS#11 token. Secrets are wiped when freed and
// never printed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "ceremony_messages.hpp"
#include "evote/cli/args.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::keys {

inline constexpr const char* kIdentityFile = "identity.key";
inline constexpr const char* kShareFile = "share.json";

struct Identity {
  crypto::Ed25519SigningKey signing;
  crypto::X25519KeyPair encryption;
};

// The passphrase of this command: --passphrase-file or the terminal.
crypto::SecretBytes command_passphrase(const cli::Args& args, bool confirm);

// Writes dir/identity.key (refuses to replace one) and returns the identity.
Identity create_identity(const std::filesystem::path& dir, const crypto::SecretBytes& passphrase);
// Opens dir/identity.key; crypto::Error names the file for a wrong passphrase.
Identity open_identity(const std::filesystem::path& dir, const crypto::SecretBytes& passphrase);

// Where the share lives: --token-module, --token-label, --pin-file all given
// means the token, none of them the passphrase-sealed share file.
struct TokenOptions {
  std::filesystem::path module;
  std::string label;
  std::filesystem::path pin_file;
};
std::optional<TokenOptions> token_options(const cli::Args& args);

// The share file dir/share.json describes the share; the secret is in it
// (sealed) or on the token. `store_share` refuses to replace either.
struct ShareInfo {
  std::string election_id;
  std::string group;
  std::uint32_t trustee = 0;
  crypto::Bytes verification_key;  // encoding of Y_j
  crypto::Bytes record_hash;
};
void store_share(const std::filesystem::path& dir, const ShareInfo& info,
                 const crypto::Scalar& share, const std::optional<TokenOptions>& token,
                 const crypto::SecretBytes& passphrase);
ShareInfo read_share_info(const std::filesystem::path& dir);
// The share x_j, checked against its verification key (g^x_j = Y_j).
// The passphrase is read (from args) only when the share is sealed.
crypto::Scalar load_share(const std::filesystem::path& dir, const crypto::Group& group,
                          const std::optional<TokenOptions>& token, const cli::Args& args);

// The PKCS#11 object label of a share: "evote-share/<election id>/<j>".
std::string share_object_label(const std::string& election_id, std::uint32_t trustee);

}  // namespace evote::keys
