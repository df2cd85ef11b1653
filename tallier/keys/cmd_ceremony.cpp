// The trustee's ceremony steps: trustee-init, deal, receive, answer, finish.
#include <sodium.h>

#include <cstdio>
#include <filesystem>

#include "ceremony.hpp"
#include "commands.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"
#include "secrets.hpp"

namespace evote::keys {

using protocol::FormatError;
namespace fs = std::filesystem;

namespace {

// What every ceremony step starts from: the signed config, the trustee's
// folder and identity, and its index in the config.
struct Trustee {
  Setup setup;
  fs::path dir;
  Identity identity;
  std::uint32_t index = 0;
};

Trustee open_trustee(const cli::Args& args, const crypto::SecretBytes& passphrase) {
  const std::string config_path = args.required("config");
  const protocol::ElectionConfig config = protocol::load_signed_election_config(config_path);
  Setup setup = setup_from_config(config, config_path);
  const fs::path dir = args.required("dir");
  Identity identity = open_identity(dir, passphrase);
  const std::uint32_t index = setup.index_of(identity.signing.public_key());
  if (!(setup.trustee(index).encryption_key == identity.encryption.public_key())) {
    throw FormatError(config_path + ": trustee " + std::to_string(index) +
                      "'s encryption key is not the one in " + (dir / kIdentityFile).string());
  }
  return {std::move(setup), dir, std::move(identity), index};
}

void write_signed(const fs::path& path, Json document, const Identity& identity) {
  protocol::sign_document(document, identity.signing);
  protocol::save_canonical(path, document, protocol::WriteMode::new_public());
}

void refuse_existing(const fs::path& path) {
  if (fs::exists(path))
    throw FormatError(path.string() + ": already exists (this step was run before; nothing was changed)");
}

// Opens dealer i's box for this trustee and checks the share against the
// dealer's commitments; an Error (or failed check) names what is wrong.
struct Received {
  std::optional<crypto::SignedShare> share;  // opened and correctly signed
  crypto::Verdict check;                     // Feldman check (when opened)
  std::string problem;                       // why nothing valid was opened
};

Received receive_from(const Trustee& t, const crypto::DealerCommitments& deal,
                      std::uint32_t dealer) {
  Received out;
  const fs::path path = t.dir / boxes_file(dealer);
  if (!fs::exists(path)) {
    out.problem = "no " + boxes_file(dealer);
    return out;
  }
  try {
    const ShareBoxes boxes = boxes_from_json(t.setup, load_document(path.string()), path.string());
    if (boxes.dealer != dealer)
      throw FormatError(path.string() + ": not from dealer " + std::to_string(dealer));
    out.share =
        crypto::open_share(*t.setup.group, t.setup.params, deal, t.index, boxes.boxes[t.index - 1],
                           t.identity.encryption, t.setup.trustee(dealer).signing_key);
    out.check = crypto::check_share(*t.setup.group, deal, out.share->share);
  } catch (const std::exception& e) {
    out.share.reset();
    out.problem = e.what();
  }
  return out;
}

}  // namespace

int cmd_trustee_init(const cli::Args& args) {
  const fs::path dir = args.required("dir");
  refuse_existing(dir / kIdentityFile);
  fs::create_directories(dir);
  const crypto::SecretBytes passphrase = command_passphrase(args, true);
  const Identity id = create_identity(dir, passphrase);
  const std::string signing = protocol::base64url_encode(id.signing.public_key().bytes);
  const std::string encryption = protocol::base64url_encode(id.encryption.public_key().bytes);
  std::printf("wrote %s\nsigning-key: %s\nencryption-key: %s\n", (dir / kIdentityFile).c_str(),
              signing.c_str(), encryption.c_str());
  std::printf(
      "the organizer adds this trustee with: evote-admin add-trustee --config CONFIG "
      "--index I --name NAME --signing-key %s --encryption-key %s\n",
      signing.c_str(), encryption.c_str());
  return 0;
}

int cmd_deal(const cli::Args& args) {
  const crypto::SecretBytes passphrase = command_passphrase(args, false);
  const Trustee t = open_trustee(args, passphrase);
  const std::uint32_t n = t.setup.params.trustees;
  refuse_existing(t.dir / deal_file(t.index));
  refuse_existing(t.dir / boxes_file(t.index));

  const crypto::Dealing dealing = crypto::deal(*t.setup.group, t.setup.params, t.index);
  ShareBoxes boxes;
  boxes.dealer = t.index;
  const std::size_t length = t.setup.group->scalars().byte_length();
  crypto::SecretBytes copy(n * (length + crypto::kEd25519SignatureBytes));
  for (std::uint32_t j = 1; j <= n; ++j) {
    const crypto::SignedShare s =
        crypto::sign_share(*t.setup.group, t.setup.params, dealing.commitments,
                           dealing.shares[j - 1], t.identity.signing);
    boxes.boxes.push_back(crypto::seal_share(s, t.setup.trustee(j).encryption_key));
    crypto::Bytes value = s.share.value.encode();
    std::uint8_t* at = copy.data() + (j - 1) * (length + crypto::kEd25519SignatureBytes);
    std::copy(value.begin(), value.end(), at);
    std::copy(s.signature.begin(), s.signature.end(), at + length);
    sodium_memzero(value.data(), value.size());
  }
  boxes.dealer_copy = crypto::seal_to(t.identity.encryption.public_key(), copy.view());
  write_signed(t.dir / boxes_file(t.index), boxes_to_json(t.setup, boxes), t.identity);
  write_signed(t.dir / deal_file(t.index), deal_to_json(t.setup, dealing.commitments), t.identity);
  std::printf("trustee %u dealt: give %s to every trustee and publish %s\n", t.index,
              boxes_file(t.index).c_str(), deal_file(t.index).c_str());
  return 0;
}

int cmd_receive(const cli::Args& args) {
  const crypto::SecretBytes passphrase = command_passphrase(args, false);
  const Trustee t = open_trustee(args, passphrase);
  refuse_existing(t.dir / complaints_file(t.index));
  const Messages m = load_messages(t.setup, t.dir);
  Complaints out{t.index, {}};
  for (const auto& [doc, deal] : m.deals) {
    if (!crypto::verify_dealer_commitments(*t.setup.group, t.setup.params, deal)) {
      std::printf("dealer %u: commitments fail (disqualified without a complaint)\n", deal.dealer);
      continue;
    }
    const Received r = receive_from(t, deal, deal.dealer);
    if (deal.dealer == t.index) {
      if (!r.share || !r.check)
        throw FormatError("own share does not open or check: " + r.problem + r.check.reason);
      continue;
    }
    if (!r.share) {
      std::printf("dealer %u: no valid share (%s): complaint\n", deal.dealer, r.problem.c_str());
      out.complaints.push_back({t.index, deal.dealer, std::nullopt});
    } else if (!r.check) {
      std::printf("dealer %u: %s: complaint\n", deal.dealer, r.check.reason.c_str());
      out.complaints.push_back({t.index, deal.dealer, r.share});
    } else {
      std::printf("dealer %u: share valid\n", deal.dealer);
    }
  }
  for (std::uint32_t i = 1; i <= t.setup.params.trustees; ++i) {
    if (!fs::exists(t.dir / deal_file(i)))
      std::printf("dealer %u: no %s\n", i, deal_file(i).c_str());
  }
  write_signed(t.dir / complaints_file(t.index), complaints_to_json(t.setup, out), t.identity);
  std::printf("wrote %s (%zu complaints)\n", complaints_file(t.index).c_str(),
              out.complaints.size());
  return 0;
}

int cmd_answer(const cli::Args& args) {
  const crypto::SecretBytes passphrase = command_passphrase(args, false);
  const Trustee t = open_trustee(args, passphrase);
  refuse_existing(t.dir / answers_file(t.index));
  const Messages m = load_messages(t.setup, t.dir);
  const fs::path path = t.dir / boxes_file(t.index);
  const ShareBoxes boxes = boxes_from_json(t.setup, load_document(path.string()), path.string());
  const crypto::SecretBytes copy = crypto::open_sealed(t.identity.encryption, boxes.dealer_copy);
  const std::size_t length = t.setup.group->scalars().byte_length();
  const std::size_t item = length + crypto::kEd25519SignatureBytes;
  if (copy.size() != t.setup.params.trustees * item)
    throw FormatError(path.string() + ": dealer_copy: wrong length");
  Answers out{t.index, {}};
  for (const auto& [doc, complaints] : m.complaints) {
    for (const crypto::Complaint& c : complaints.complaints) {
      if (c.dealer != t.index || c.revealed) continue;
      const crypto::BytesView at = copy.view().subspan((c.accuser - 1) * item, item);
      crypto::SignedShare s{{t.index, c.accuser, t.setup.group->scalars().decode(at.first(length))},
                            crypto::Bytes(at.begin() + length, at.end())};
      out.answers.push_back(std::move(s));
      std::printf("answering trustee %u's complaint: its share is now public\n", c.accuser);
    }
  }
  write_signed(t.dir / answers_file(t.index), answers_to_json(t.setup, out), t.identity);
  std::printf("wrote %s (%zu answers)\n", answers_file(t.index).c_str(), out.answers.size());
  return 0;
}

int cmd_finish(const cli::Args& args) {
  const std::optional<TokenOptions> token = token_options(args);
  const crypto::SecretBytes passphrase = command_passphrase(args, false);
  const Trustee t = open_trustee(args, passphrase);
  refuse_existing(t.dir / finish_file(t.index));
  refuse_existing(t.dir / kShareFile);
  const Messages m = load_messages(t.setup, t.dir);
  const Outcome outcome = settle(t.setup, m);
  std::vector<crypto::Share> received;
  for (std::uint32_t i : outcome.qualified) {
    if (auto a = outcome.answered.find({i, t.index}); a != outcome.answered.end()) {
      received.push_back(a->second.share);
      continue;
    }
    const auto deal = std::find_if(m.deals.begin(), m.deals.end(),
                                   [&](const auto& d) { return d.second.dealer == i; });
    const Received r = receive_from(t, deal->second, i);
    if (!r.share || !r.check) {
      throw FormatError("no valid share from qualified dealer " + std::to_string(i) + ": " +
                        r.problem + r.check.reason + " (was a complaint left out?)");
    }
    received.push_back(r.share->share);
  }
  const crypto::Scalar x = crypto::derive_secret_share(*outcome.key, t.index, received);
  const crypto::Element y = crypto::verification_key(*outcome.key, t.index);
  const Json record = record_to_json(t.setup, m);
  const Finish finish{t.index, record_hash(record), outcome.qualified, outcome.key->public_key, y};
  store_share(t.dir,
              {t.setup.params.election_id, std::string(t.setup.group->name()), t.index, y.encode(),
               finish.record_hash},
              x, token, passphrase);
  write_signed(t.dir / finish_file(t.index), finish_to_json(t.setup, finish), t.identity);
  std::string q;
  for (std::uint32_t i : outcome.qualified) q += " " + std::to_string(i);
  std::printf("trustee %u finished: qualified dealers%s; share %s\n", t.index, q.c_str(),
              token ? "stored on the token" : "sealed in share.json");
  for (const auto& [who, why] : outcome.disqualified)
    std::printf("disqualified %u: %s\n", who, why.c_str());
  std::printf("election public key: %s\n", encode_element(outcome.key->public_key).c_str());
  return 0;
}

}  // namespace evote::keys
