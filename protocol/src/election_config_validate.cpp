// The rules of an election config (specs/formats.md §3), checked on the
// struct so that the reader and every editor (evote-admin) share them: a
// config that passes validate() is written by to_json() and read back by
// election_config_from_json() unchanged.
#include <optional>
#include <set>
#include <string>

#include "evote/crypto/certificate_info.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_list.hpp"
#include "names_json.hpp"

namespace evote::protocol {

namespace {

constexpr const char* kWhat = "election config";

void check_identifier(const std::string& id, const std::string& path) {
  if (!is_identifier(id)) fail_at(kWhat, path, "\"" + id + "\" is not an identifier (1-64 of A-Z a-z 0-9 _ - .)");
}

void check_names(const Names& names, const std::string& path) {
  if (!names.count("et")) fail_at(kWhat, path + ".et", "missing (the Estonian name is required)");
  for (const auto& [language, name] : names) {
    if (language != "et" && language != "en" && language != "ru") fail_at(kWhat, path + "." + language, "unknown field");
    if (name.empty()) fail_at(kWhat, path + "." + language, "empty name");
  }
}

void validate_districts(const ElectionConfig& c) {
  std::set<std::string> district_ids;
  for (std::size_t i = 0; i < c.districts.size(); ++i) {
    const std::string path = element_path("districts", i);
    check_identifier(c.districts[i].id, path + ".id");
    if (!district_ids.insert(c.districts[i].id).second) {
      fail_at(kWhat, path + ".id", "duplicate district id " + c.districts[i].id);
    }
    check_names(c.districts[i].names, path + ".names");
  }
}

void validate_choices(const ElectionConfig& c, const Contest& contest, const std::string& path) {
  std::set<std::uint64_t> codes;
  for (std::size_t k = 0; k < contest.choices.size(); ++k) {
    const Choice& ch = contest.choices[k];
    const std::string choice_path = element_path(path + ".choices", k);
    if (ch.code <= kBlankCode) {
      fail_at(kWhat, choice_path + ".code", "choice codes start at 2 (1 is the blank selection), found " +
                                                std::to_string(ch.code));
    }
    if (ch.code > kMaxChoiceCode) {
      fail_at(kWhat, choice_path + ".code",
              "code " + std::to_string(ch.code) + " is above the largest choice code " + std::to_string(kMaxChoiceCode));
    }
    if (!codes.insert(ch.code).second) {
      fail_at(kWhat, choice_path + ".code", "duplicate choice code " + std::to_string(ch.code));
    }
    if (!c.find_district(ch.district)) {
      fail_at(kWhat, choice_path + ".district", "unknown district \"" + ch.district + "\"");
    }
    check_names(ch.names, choice_path + ".names");
    if (!ch.party.empty()) check_names(ch.party, choice_path + ".party");
  }
}

void validate_contests(const ElectionConfig& c) {
  std::set<std::string> contest_ids;
  for (std::size_t i = 0; i < c.contests.size(); ++i) {
    const Contest& contest = c.contests[i];
    const std::string path = element_path("contests", i);
    check_identifier(contest.id, path + ".id");
    if (!contest_ids.insert(contest.id).second) fail_at(kWhat, path + ".id", "duplicate contest id " + contest.id);
    if (contest.max_selections == 0) fail_at(kWhat, path + ".max_selections", "must be at least 1");
    if (contest.max_selections > kMaxSelections) {
      fail_at(kWhat, path + ".max_selections",
              std::to_string(contest.max_selections) + " is more than a ballot row may hold (at most " +
                  std::to_string(kMaxSelections) + ")");
    }
    if (contest.type == ContestType::single_choice && contest.max_selections != 1) {
      fail_at(kWhat, path + ".max_selections", "a single-choice contest has max_selections 1");
    }
    check_names(contest.names, path + ".names");
    validate_choices(c, contest, path);
  }
}

void validate_trustees(const ElectionConfig& c) {
  const std::size_t n = c.trustees.size();
  if (n == 0 && c.threshold != 0) fail_at(kWhat, "trustees.threshold", "threshold set but no trustees");
  if (n > 0 && (c.threshold < 1 || c.threshold > n)) {
    fail_at(kWhat, "trustees.threshold",
            "threshold " + std::to_string(c.threshold) + " not between 1 and " + std::to_string(n));
  }
  std::set<std::uint32_t> seen;
  for (std::size_t i = 0; i < n; ++i) {
    const Trustee& t = c.trustees[i];
    const std::string path = element_path("trustees.members", i);
    if (t.index < 1 || t.index > n || !seen.insert(t.index).second) {
      fail_at(kWhat, path + ".index",
              "trustee indices must be 1.." + std::to_string(n) + ", each once (found " + std::to_string(t.index) + ")");
    }
    if (t.name.empty()) fail_at(kWhat, path + ".name", "empty name");
    if (t.signing_key == c.organizer_key) fail_at(kWhat, path + ".signing_key", "is the organizer key");
    // Each trustee holds their own keys: a trustee twice is one trustee counted twice.
    for (std::size_t k = 0; k < i; ++k) {
      const Trustee& other = c.trustees[k];
      if (t.signing_key == other.signing_key) {
        fail_at(kWhat, path + ".signing_key",
                "the same key as trustee " + std::to_string(other.index) + "'s (each trustee has their own keys)");
      }
      if (t.encryption_key.bytes == other.encryption_key.bytes) {
        fail_at(kWhat, path + ".encryption_key",
                "the same key as trustee " + std::to_string(other.index) + "'s (each trustee has their own keys)");
      }
    }
  }
}

void validate_collector(const ElectionConfig& c) {
  if (!c.collector) return;
  const CollectorKeys& collector = *c.collector;
  if (collector.signing_key == c.organizer_key) {
    fail_at(kWhat, "collector.signing_key", "is the organizer key (the collector needs a key of its own: new-key)");
  }
  for (const Trustee& t : c.trustees) {
    if (collector.signing_key == t.signing_key) {
      fail_at(kWhat, "collector.signing_key", "is trustee " + std::to_string(t.index) + "'s signing key");
    }
  }
  crypto::CertificateInfo info;
  try {
    info = crypto::inspect_certificate(collector.tls_certificate);
  } catch (const crypto::DecodeError& e) {
    fail_at(kWhat, "collector.tls_certificate", e.what());
  }
  if (info.is_ca) {
    fail_at(kWhat, "collector.tls_certificate",
            "is a CA certificate (basicConstraints CA:TRUE), not the collector's server certificate");
  }
  if (info.has_extended_key_usage && !info.server_auth) {
    fail_at(kWhat, "collector.tls_certificate", "its extended key usage does not allow TLS servers (serverAuth)");
  }
}

void validate_keys(const ElectionConfig& c) {
  const crypto::Group* group = nullptr;
  try {
    group = &crypto::group_by_name(c.group);
  } catch (const crypto::Error& e) {
    fail_at(kWhat, "group", e.what());
  }
  if (c.election_public_key) {
    try {
      const crypto::Element y = group->decode(*c.election_public_key);
      if (group->is_identity(y)) fail_at(kWhat, "election_public_key", "is the identity element");
    } catch (const crypto::DecodeError& e) {
      fail_at(kWhat, "election_public_key", e.what());
    }
  }
  for (std::size_t i = 0; i < c.voter_ca_certificates.size(); ++i) {
    for (std::size_t k = 0; k < i; ++k) {
      if (c.voter_ca_certificates[i] == c.voter_ca_certificates[k]) {
        fail_at(kWhat, element_path("voter_ca_certificates", i), "the same certificate as #" + std::to_string(k + 1));
      }
    }
  }
  if (!c.voter_ca_certificates.empty()) {
    try {
      crypto::TrustedCas cas(c.voter_ca_certificates);
    } catch (const crypto::Error& e) {
      fail_at(kWhat, "voter_ca_certificates", e.what());
    }
  }
}

void validate_policies(const ElectionConfig& c) {
  const auto& policies = c.voter_certificate_policies;
  if (policies.size() > kMaxCertificatePolicies) {
    fail_at(kWhat, "voter_certificate_policies",
            std::to_string(policies.size()) + " policies, at most " + std::to_string(kMaxCertificatePolicies));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const std::string path = element_path("voter_certificate_policies", i);
    if (!crypto::is_dotted_oid(policies[i])) {
      fail_at(kWhat, path, "\"" + policies[i] + "\" is not a dotted OID (e.g. 1.3.6.1.4.1.51361.1.2.1)");
    }
    if (!seen.insert(policies[i]).second) fail_at(kWhat, path, "policy " + policies[i] + " listed twice");
  }
}

// Who holds each Ed25519 key of the config other than the mix servers', for
// "is the organizer key" style messages; nullopt when nobody does.
std::optional<std::string> holder_of(const ElectionConfig& c, const crypto::Ed25519PublicKey& key) {
  if (key == c.organizer_key) return "the organizer key";
  if (c.collector && key == c.collector->signing_key) return "the collector's signing key";
  for (const Trustee& t : c.trustees) {
    if (key == t.signing_key) return "trustee " + std::to_string(t.index) + "'s signing key";
  }
  return std::nullopt;
}

// The cascade's mix servers and the tally operator's key: each party its
// own key, so that a stage signature or a step statement names one party.
void validate_tally_parties(const ElectionConfig& c) {
  if (c.mix_servers.size() == 1) {
    fail_at(kWhat, "mix_servers", "one mix server; a cascade needs at least 2 (no one of them may know the permutation)");
  }
  if (c.mix_servers.size() > kMaxMixServers) {
    fail_at(kWhat, "mix_servers",
            std::to_string(c.mix_servers.size()) + " mix servers, at most " + std::to_string(kMaxMixServers));
  }
  for (std::size_t i = 0; i < c.mix_servers.size(); ++i) {
    const MixServer& m = c.mix_servers[i];
    const std::string path = element_path("mix_servers", i);
    const std::string problem = voter_name_problem(m.name);
    if (!problem.empty()) fail_at(kWhat, path + ".name", problem);
    if (auto holder = holder_of(c, m.signing_key)) fail_at(kWhat, path + ".signing_key", "is " + *holder);
    for (std::size_t k = 0; k < i; ++k) {
      if (c.mix_servers[k].signing_key == m.signing_key) {
        fail_at(kWhat, path + ".signing_key",
                "the same key as mix server " + std::to_string(k + 1) + "'s (each mix server has its own key)");
      }
      if (c.mix_servers[k].name == m.name) {
        fail_at(kWhat, path + ".name", "the same name as mix server " + std::to_string(k + 1));
      }
    }
  }
  if (!c.tally_key) return;
  if (auto holder = holder_of(c, *c.tally_key)) fail_at(kWhat, "tally_key", "is " + *holder);
  for (std::size_t k = 0; k < c.mix_servers.size(); ++k) {
    if (c.mix_servers[k].signing_key == *c.tally_key) {
      fail_at(kWhat, "tally_key", "is mix server " + std::to_string(k + 1) + "'s signing key");
    }
  }
}

}  // namespace

void validate(const ElectionConfig& c) {
  check_identifier(c.election_id, "election_id");
  check_names(c.names, "names");
  if (c.voting_end <= c.voting_start) fail_at(kWhat, "voting_period", "end is not after start");
  validate_districts(c);
  validate_contests(c);
  validate_trustees(c);
  validate_collector(c);
  if (c.verify_count == 0 || c.verify_minutes == 0) fail_at(kWhat, "verification", "count and minutes must be at least 1");
  validate_keys(c);
  validate_policies(c);
  validate_tally_parties(c);
}

}  // namespace evote::protocol
