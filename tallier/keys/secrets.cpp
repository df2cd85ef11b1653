#include "secrets.hpp"

#include <sodium.h>

#include "evote/cli/passphrase.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/passphrase_seal.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/token/token_store.hpp"

namespace evote::keys {

using protocol::FormatError;
using protocol::ObjectReader;
namespace fs = std::filesystem;

crypto::SecretBytes command_passphrase(const cli::Args& args, bool confirm) {
  return cli::read_passphrase(args.optional("passphrase-file"), "Trustee passphrase", confirm);
}

Identity create_identity(const fs::path& dir, const crypto::SecretBytes& passphrase) {
  const fs::path path = dir / kIdentityFile;
  Identity id{crypto::Ed25519SigningKey::generate(), crypto::X25519KeyPair::generate()};
  crypto::SecretBytes both(id.signing.secret().size() + id.encryption.secret().size());
  std::copy(id.signing.secret().view().begin(), id.signing.secret().view().end(), both.data());
  std::copy(id.encryption.secret().view().begin(), id.encryption.secret().view().end(),
            both.data() + id.signing.secret().size());
  const Json doc = {
      {"type", "trustee-identity"},
      {"version", 1},
      {"signing_key", protocol::base64url_encode(id.signing.public_key().bytes)},
      {"encryption_key", protocol::base64url_encode(id.encryption.public_key().bytes)},
      {"sealed_secret", protocol::base64url_encode(
                            crypto::seal_with_passphrase(both.view(), cli::as_text(passphrase)))}};
  protocol::save_canonical(path, doc, protocol::WriteMode::new_secret());
  return id;
}

Identity open_identity(const fs::path& dir, const crypto::SecretBytes& passphrase) {
  const std::string path = (dir / kIdentityFile).string();
  const Json doc = load_document(path);
  const ObjectReader r(doc, path);
  r.expect_type_and_version("trustee-identity", 1);
  r.allow_only({"type", "version", "signing_key", "encryption_key", "sealed_secret"});
  const crypto::Bytes signing_public = r.binary("signing_key");
  const crypto::Bytes encryption_public = r.binary("encryption_key");
  crypto::SecretBytes both;
  try {
    both = crypto::open_with_passphrase(r.binary("sealed_secret"), cli::as_text(passphrase));
  } catch (const crypto::Error& e) {
    throw crypto::Error(path + ": " + e.what());
  }
  if (both.size() != crypto::kEd25519SecretKeyBytes + crypto::kX25519SecretKeyBytes) {
    r.fail("sealed_secret", "the sealed secret has the wrong length");
  }
  Identity id{
      crypto::Ed25519SigningKey::from_secret(both.view().first(crypto::kEd25519SecretKeyBytes)),
      crypto::X25519KeyPair::from_secret(both.view().subspan(crypto::kEd25519SecretKeyBytes))};
  if (!std::equal(signing_public.begin(), signing_public.end(),
                  id.signing.public_key().bytes.begin()) ||
      signing_public.size() != crypto::kEd25519PublicKeyBytes) {
    r.fail("signing_key", "does not match the sealed key");
  }
  if (!std::equal(encryption_public.begin(), encryption_public.end(),
                  id.encryption.public_key().bytes.begin()) ||
      encryption_public.size() != crypto::kX25519PublicKeyBytes) {
    r.fail("encryption_key", "does not match the sealed key");
  }
  return id;
}

std::optional<TokenOptions> token_options(const cli::Args& args) {
  const auto module = args.optional("token-module");
  const auto label = args.optional("token-label");
  const auto pin = args.optional("pin-file");
  if (!module && !label && !pin) return std::nullopt;
  if (!module || !label || !pin) {
    throw cli::UsageError(args.command() +
                          ": --token-module, --token-label and --pin-file go together");
  }
  return TokenOptions{*module, *label, *pin};
}

namespace {

crypto::SecretBytes read_pin(const TokenOptions& token) {
  // The PIN file's first line, like a passphrase file.
  return cli::read_passphrase(token.pin_file.string(), "PIN", false);
}

}  // namespace

std::string share_object_label(const std::string& election_id, std::uint32_t trustee) {
  return "evote-share/" + election_id + "/" + std::to_string(trustee);
}

void store_share(const fs::path& dir, const ShareInfo& info, const crypto::Scalar& share,
                 const std::optional<TokenOptions>& token, const crypto::SecretBytes& passphrase) {
  const fs::path path = dir / kShareFile;
  if (fs::exists(path))
    throw FormatError(path.string() + ": already exists (refusing to replace a share)");
  Json doc = {{"type", "key-share"},
              {"version", 1},
              {"election_id", info.election_id},
              {"group", info.group},
              {"trustee", info.trustee},
              {"verification_key", protocol::base64url_encode(info.verification_key)},
              {"record_hash", protocol::base64url_encode(info.record_hash)}};
  crypto::Bytes encoded = share.encode();
  crypto::SecretBytes secret(encoded);
  sodium_memzero(encoded.data(), encoded.size());
  if (token) {
    const std::string object = share_object_label(info.election_id, info.trustee);
    const crypto::SecretBytes pin = read_pin(*token);
    token::store_secret({token->module, token->label}, cli::as_text(pin), object, secret.view());
    doc["token"] = {{"label", token->label}, {"object", object}};
  } else {
    doc["sealed_share"] = protocol::base64url_encode(
        crypto::seal_with_passphrase(secret.view(), cli::as_text(passphrase)));
  }
  protocol::save_canonical(path, doc, protocol::WriteMode::new_secret());
}

ShareInfo read_share_info(const fs::path& dir) {
  const std::string path = (dir / kShareFile).string();
  const Json doc = load_document(path);
  const ObjectReader r(doc, path);
  r.expect_type_and_version("key-share", 1);
  r.allow_only({"type", "version", "election_id", "group", "trustee", "verification_key",
                "record_hash", "sealed_share", "token"});
  if (r.has("sealed_share") == r.has("token"))
    r.fail("sealed_share", "exactly one of sealed_share and token is needed");
  return {r.string("election_id"), r.string("group"),
          static_cast<std::uint32_t>(r.unsigned_integer("trustee")), r.binary("verification_key"),
          r.binary("record_hash")};
}

crypto::Scalar load_share(const fs::path& dir, const crypto::Group& group,
                          const std::optional<TokenOptions>& token, const cli::Args& args) {
  const std::string path = (dir / kShareFile).string();
  const Json doc = load_document(path);
  const ObjectReader r(doc, path);
  const ShareInfo info = read_share_info(dir);
  crypto::SecretBytes secret;
  if (r.has("token")) {
    if (!token)
      throw cli::UsageError(
          path + ": the share is on a token: give --token-module, --token-label and --pin-file");
    const ObjectReader t = r.object("token");
    t.allow_only({"label", "object"});
    if (t.string("label") != token->label) {
      t.fail("label",
             "the share is on token '" + t.string("label") + "', not '" + token->label + "'");
    }
    const crypto::SecretBytes pin = read_pin(*token);
    secret =
        token::load_secret({token->module, token->label}, cli::as_text(pin), t.string("object"));
  } else {
    if (token)
      throw cli::UsageError(path + ": the share is sealed with a passphrase, not on a token");
    const crypto::SecretBytes passphrase = command_passphrase(args, false);
    try {
      secret = crypto::open_with_passphrase(r.binary("sealed_share"), cli::as_text(passphrase));
    } catch (const crypto::Error& e) {
      throw crypto::Error(path + ": " + e.what());
    }
  }
  crypto::Scalar x = group.scalars().zero();
  try {
    x = group.scalars().decode(secret.view());
  } catch (const crypto::DecodeError&) {
    throw FormatError(path + ": the stored share is not a scalar of " + std::string(group.name()));
  }
  crypto::Element y = group.identity();
  try {
    y = group.decode(info.verification_key);
  } catch (const crypto::DecodeError& e) {
    r.fail("verification_key", e.what());
  }
  if (!(group.exp_generator(x) == y))
    throw FormatError(path + ": the stored share does not match verification_key");
  return x;
}

}  // namespace evote::keys
