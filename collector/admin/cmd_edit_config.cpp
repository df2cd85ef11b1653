// Commands that change a draft config. A change removes the signature: the
// organizer signs the final config once more with `sign`.
#include <cstdio>

#include "commands.hpp"
#include "documents.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"
#include "names_args.hpp"

namespace evote::admin {

namespace {

// Loads, lets `change` edit, validates the whole config, saves.
int edit_config(const Args& args, const std::function<void(protocol::ElectionConfig&)>& change) {
  const std::string path = args.required("config");
  const bool was_signed = load_document(path).contains("signature");
  protocol::ElectionConfig config = load_config(path);
  change(config);
  try {
    protocol::validate(config);
  } catch (const protocol::FormatError& e) {
    throw protocol::FormatError(path + ": not changed: " + e.what());
  }
  protocol::save_canonical(path, protocol::to_json(config), protocol::WriteMode::replace_public());
  if (was_signed) std::fprintf(stderr, "note: %s changed, its signature was removed; sign it again\n", path.c_str());
  return 0;
}

std::uint32_t parse_u32(const std::string& text, const std::string& option) {
  try {
    std::size_t used = 0;
    const unsigned long v = std::stoul(text, &used);
    if (used == text.size() && v <= 0xffffffffUL) return static_cast<std::uint32_t>(v);
  } catch (const std::exception&) {
  }
  throw UsageError("--" + option + ": not a number: \"" + text + "\"");
}

protocol::ContestType parse_contest_type(const std::string& text) {
  if (text == "single") return protocol::ContestType::single_choice;
  if (text == "approval") return protocol::ContestType::approval;
  if (text == "ranked") return protocol::ContestType::ranked;
  throw UsageError("--type: \"" + text + "\" is not single, approval or ranked");
}

}  // namespace

int cmd_add_district(const Args& args) {
  return edit_config(args, [&](protocol::ElectionConfig& c) {
    c.districts.push_back({args.required("id"), names_from_args(args)});
  });
}

int cmd_add_contest(const Args& args) {
  return edit_config(args, [&](protocol::ElectionConfig& c) {
    protocol::Contest contest;
    contest.id = args.required("id");
    contest.type = parse_contest_type(args.required("type"));
    contest.max_selections = parse_u32(args.optional("max-selections").value_or("1"), "max-selections");
    contest.names = names_from_args(args);
    c.contests.push_back(std::move(contest));
  });
}

int cmd_add_ca(const Args& args) {
  const std::string cert_path = args.required("cert");
  crypto::Bytes der;
  try {
    der = crypto::certificate_to_der(protocol::read_file(cert_path));
  } catch (const crypto::DecodeError& e) {
    throw protocol::FormatError(cert_path + ": " + e.what());
  }
  return edit_config(args, [&](protocol::ElectionConfig& c) { c.voter_ca_certificates.push_back(der); });
}

int cmd_set_collector(const Args& args) {
  const std::string cert_path = args.required("tls-cert");
  const std::string key_path = args.required("signing-key");
  crypto::Bytes der;
  try {
    der = crypto::certificate_to_der(protocol::read_file(cert_path));
  } catch (const crypto::DecodeError& e) {
    throw protocol::FormatError(cert_path + ": " + e.what());
  }
  const protocol::SealedKeyFile key = protocol::sealed_key_from_json(load_document(key_path), key_path);
  return edit_config(args, [&](protocol::ElectionConfig& c) {
    c.collector = protocol::CollectorKeys{der, key.public_key};
  });
}

int cmd_add_trustee(const Args& args) {
  protocol::Trustee t;
  t.index = parse_u32(args.required("index"), "index");
  t.name = args.required("name");
  try {
    t.signing_key = crypto::Ed25519PublicKey::decode(protocol::base64url_decode(args.required("signing-key")));
    t.encryption_key = crypto::X25519PublicKey::decode(protocol::base64url_decode(args.required("encryption-key")));
  } catch (const crypto::DecodeError& e) {
    throw UsageError(std::string("add-trustee: ") + e.what());
  }
  return edit_config(args, [&](protocol::ElectionConfig& c) {
    c.trustees.push_back(t);
    c.threshold = args.optional("threshold") ? parse_u32(*args.optional("threshold"), "threshold")
                                             : std::max<std::uint32_t>(c.threshold, 1);
  });
}

int cmd_set_election_key(const Args& args) {
  const crypto::Bytes key = protocol::base64url_decode(args.required("key"));
  return edit_config(args, [&](protocol::ElectionConfig& c) { c.election_public_key = key; });
}

}  // namespace evote::admin
