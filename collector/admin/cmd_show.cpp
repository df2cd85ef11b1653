// show: a human-readable summary of any evote-admin document.
#include <cstdio>

#include "certificates.hpp"
#include "commands.hpp"
#include "documents.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/utc_time.hpp"
#include "show_lists.hpp"

namespace evote::admin {

namespace {

std::string names_line(const protocol::Names& names) {
  std::string out;
  for (const char* language : {"et", "en", "ru"}) {
    auto it = names.find(language);
    if (it == names.end()) continue;
    if (!out.empty()) out += " / ";
    out += it->second;
  }
  return out;
}

void show_contests(const protocol::ElectionConfig& c) {
  for (const auto& contest : c.contests) {
    std::printf("contest %s (%s, %u selection%s): %s\n", contest.id.c_str(),
                std::string(protocol::contest_type_name(contest.type)).c_str(),
                contest.max_selections, contest.max_selections == 1 ? "" : "s",
                names_line(contest.names).c_str());
    for (const auto& d : c.districts) {
      const auto choices = c.choices_for(contest, d.id);
      if (choices.empty()) continue;
      std::printf("  district %s:\n", d.id.c_str());
      for (const auto* ch : choices) {
        const std::string party = ch->party.empty() ? "" : "  (" + names_line(ch->party) + ")";
        std::printf("    %6llu  %s%s\n", static_cast<unsigned long long>(ch->code),
                    names_line(ch->names).c_str(), party.c_str());
      }
    }
  }
}

// The mix cascade (stage k by server k) and the tally operator's key.
void show_tally_parties(const protocol::ElectionConfig& c) {
  if (c.mix_servers.empty()) {
    std::printf("mix servers: (not named)\n");
  } else {
    std::printf("mix servers: %zu (stage k is made and signed by server k)\n",
                c.mix_servers.size());
    for (std::size_t i = 0; i < c.mix_servers.size(); ++i)
      std::printf("  %zu  %s  signing key %s\n", i + 1, c.mix_servers[i].name.c_str(),
                  protocol::base64url_encode(c.mix_servers[i].signing_key.bytes).c_str());
  }
  std::printf("tally key: %s\n",
              c.tally_key ? protocol::base64url_encode(c.tally_key->bytes).c_str() : "(not set)");
}

void show_config(const protocol::Json& document, const std::string& path) {
  const protocol::ElectionConfig c = load_config(path);
  std::printf("election config %s%s\n", c.election_id.c_str(),
              document.contains("signature") ? " (signed)" : " (draft, unsigned)");
  std::printf("name: %s\n", names_line(c.names).c_str());
  std::printf("voting: %s .. %s\n", protocol::format_utc(c.voting_start).c_str(),
              protocol::format_utc(c.voting_end).c_str());
  std::printf("group: %s\n", c.group.c_str());
  std::printf("organizer key: %s\n", protocol::base64url_encode(c.organizer_key.bytes).c_str());
  std::printf("districts: %zu\n", c.districts.size());
  for (const auto& d : c.districts)
    std::printf("  %s  %s\n", d.id.c_str(), names_line(d.names).c_str());
  show_contests(c);
  std::printf("voter CA certificates: %zu\n", c.voter_ca_certificates.size());
  for (std::size_t i = 0; i < c.voter_ca_certificates.size(); ++i) {
    std::printf("  %zu  %s\n", i + 1, describe_certificate(c.voter_ca_certificates[i]).c_str());
  }
  if (c.voter_certificate_policies.empty()) {
    std::printf("accepted certificate policies: any\n");
  } else {
    std::printf("accepted certificate policies (a voter's certificate carries one):\n");
    for (const std::string& oid : c.voter_certificate_policies) std::printf("  %s\n", oid.c_str());
  }
  if (c.collector) {
    std::printf("collector: signing key %s\n",
                protocol::base64url_encode(c.collector->signing_key.bytes).c_str());
    std::printf("  TLS certificate %s\n",
                describe_certificate(c.collector->tls_certificate).c_str());
  } else {
    std::printf("collector: (not set)\n");
  }
  std::printf("trustees: %zu, threshold %u\n", c.trustees.size(), c.threshold);
  for (const auto& t : c.trustees) std::printf("  %u  %s\n", t.index, t.name.c_str());
  show_tally_parties(c);
  std::printf("election public key: %s\n",
              c.election_public_key ? protocol::base64url_encode(*c.election_public_key).c_str()
                                    : "(not set: key ceremony pending)");
  std::printf(
      "vote verification: %u times within %u minutes; re-votes: %u per minute, %u per day\n",
      c.verify_count, c.verify_minutes, c.revotes_per_minute, c.revotes_per_day);
  for (const auto& m : c.missing_for_voting()) std::printf("not ready for voting: %s\n", m.c_str());
}

}  // namespace

int cmd_show(const Args& args) {
  const std::string& path = args.files()[0];
  std::optional<protocol::Json> document;
  const std::string type = document_type(path, document);
  if (type == "election-config") {
    show_config(*document, path);
  } else if (type == "sealed-signing-key") {
    const protocol::SealedKeyFile key = protocol::sealed_key_from_json(*document, path);
    std::printf("sealed signing key, role %s, public key %s\n", key.role.c_str(),
                protocol::base64url_encode(key.public_key.bytes).c_str());
  } else if (!show_list(type, path)) {
    throw protocol::FormatError(path + ": unknown document type \"" + type + "\"");
  }
  return 0;
}

}  // namespace evote::admin
