// Commands that set who holds which key in a draft config: the collector,
// the key-ceremony trustees and the election public key the ceremony made.
// Trustees and threshold cannot change under an election key (the ceremony
// of those trustees made it): remove-election-key first.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "certificates.hpp"
#include "commands.hpp"
#include "config_edit.hpp"
#include "documents.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"

namespace evote::admin {

namespace {

template <typename Key>
Key decode_key(const Args& args, const std::string& option) {
  try {
    return Key::decode(protocol::base64url_decode(args.required(option)));
  } catch (const std::exception& e) {
    throw protocol::FormatError("--" + option + ": " + e.what());
  }
}

}  // namespace

int cmd_set_collector(const Args& args) {
  const std::string path = args.required("config");
  const std::string cert_path = args.required("tls-cert");
  const std::string key_path = args.required("signing-key");
  crypto::Bytes der;
  try {
    der = crypto::certificate_to_der(protocol::read_file(cert_path));
  } catch (const crypto::DecodeError& e) {
    throw protocol::FormatError(cert_path + ": " + e.what());
  }
  check_collector_certificate_now(der, std::time(nullptr), cert_path);
  const protocol::SealedKeyFile key =
      protocol::sealed_key_from_json(load_document(key_path), key_path);
  edit_config(args, [&](protocol::ElectionConfig& c) {
    c.collector = protocol::CollectorKeys{der, key.public_key};
  });
  std::printf("collector: signing key %s, TLS certificate %s\n",
              protocol::base64url_encode(key.public_key.bytes).c_str(),
              describe_certificate(der).c_str());
  return 0;
}

int cmd_add_trustee(const Args& args) {
  const std::string path = args.required("config");
  protocol::Trustee t;
  t.index = static_cast<std::uint32_t>(args.number("index", 1, UINT32_MAX));
  t.name = args.required("name");
  t.signing_key = decode_key<crypto::Ed25519PublicKey>(args, "signing-key");
  t.encryption_key = decode_key<crypto::X25519PublicKey>(args, "encryption-key");
  const auto threshold = args.optional_number("threshold", 1, UINT32_MAX);
  edit_config(args, [&](protocol::ElectionConfig& c) {
    refuse_while_election_key(c, path, "add a trustee");
    c.trustees.push_back(t);
    c.threshold = threshold ? static_cast<std::uint32_t>(*threshold)
                            : std::max<std::uint32_t>(c.threshold, 1);
  });
  return 0;
}

int cmd_remove_trustee(const Args& args) {
  const std::string path = args.required("config");
  const auto index = static_cast<std::uint32_t>(args.number("index", 1, UINT32_MAX));
  const auto threshold = args.optional_number("threshold", 1, UINT32_MAX);
  std::string renumbered;
  std::uint32_t new_threshold = 0;
  edit_config(args, [&](protocol::ElectionConfig& c) {
    refuse_while_election_key(c, path, "remove a trustee");
    auto it = std::find_if(c.trustees.begin(), c.trustees.end(),
                           [&](const auto& t) { return t.index == index; });
    if (it == c.trustees.end())
      throw protocol::FormatError(path + ": no trustee " + std::to_string(index));
    c.trustees.erase(it);
    for (auto& t : c.trustees) {
      if (t.index < index) continue;
      renumbered += (renumbered.empty() ? "" : ", ") + std::to_string(t.index) + " -> " +
                    std::to_string(t.index - 1);
      --t.index;
    }
    const auto n = static_cast<std::uint32_t>(c.trustees.size());
    if (threshold) {
      c.threshold = static_cast<std::uint32_t>(*threshold);
    } else if (n == 0) {
      c.threshold = 0;
    } else if (c.threshold > n) {
      throw protocol::FormatError(path + ": threshold " + std::to_string(c.threshold) +
                                  " would exceed the " + std::to_string(n) +
                                  " trustees left; give --threshold");
    }
    new_threshold = c.threshold;
  });
  std::printf("removed trustee %u; threshold %u\n", index, new_threshold);
  if (!renumbered.empty()) std::printf("renumbered trustees: %s\n", renumbered.c_str());
  return 0;
}

int cmd_set_election_key(const Args& args) {
  const crypto::Bytes key = protocol::base64url_decode(args.required("key"));
  edit_config(args, [&](protocol::ElectionConfig& c) { c.election_public_key = key; });
  return 0;
}

int cmd_remove_election_key(const Args& args) {
  const std::string path = args.required("config");
  edit_config(args, [&](protocol::ElectionConfig& c) {
    if (!c.election_public_key) throw protocol::FormatError(path + ": has no election public key");
    c.election_public_key.reset();
  });
  std::printf(
      "removed the election public key; trustees can now change, then the key ceremony runs "
      "again\n");
  return 0;
}

}  // namespace evote::admin
