// Reading the election config (specs/formats.md §3); the rules every config
// must keep, read or edited, are in election_config_validate.cpp.
#include "evote/crypto/error.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/utc_time.hpp"
#include "names_json.hpp"

namespace evote::protocol {

namespace {

constexpr const char* kWhat = "election config";

ContestType read_contest_type(const ObjectReader& r) {
  const std::string t = r.string("type");
  if (t == "single") return ContestType::single_choice;
  if (t == "approval") return ContestType::approval;
  if (t == "ranked") return ContestType::ranked;
  r.fail("type", "unknown contest type \"" + t + "\" (single, approval or ranked)");
}

Choice read_choice(const ObjectReader& r) {
  r.allow_only({"code", "district", "names", "party"});
  Choice ch;
  ch.code = r.unsigned_integer("code");  // range: validate()
  ch.district = read_identifier(r, "district");
  ch.names = read_names(r, "names");
  if (r.has("party")) ch.party = read_names(r, "party");  // never empty: "et" is required
  return ch;
}

Contest read_contest(const ObjectReader& r) {
  r.allow_only({"id", "type", "max_selections", "names", "choices"});
  Contest c;
  c.id = read_identifier(r, "id");
  c.type = read_contest_type(r);
  c.max_selections = read_u32(r, "max_selections");
  c.names = read_names(r, "names");
  const Json& choices = r.array("choices");
  for (std::size_t i = 0; i < choices.size(); ++i) {
    c.choices.push_back(read_choice(ObjectReader(choices[i], kWhat, element_path(r.path_of("choices"), i))));
  }
  return c;
}

template <typename T, typename ReadOne>
std::vector<T> read_array(const ObjectReader& r, std::string_view key, ReadOne read_one) {
  const Json& items = r.array(key);
  std::vector<T> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) out.push_back(read_one(items[i], element_path(r.path_of(key), i)));
  return out;
}

void read_trustees(const ObjectReader& top, ElectionConfig& c) {
  const ObjectReader t = top.object("trustees");
  t.allow_only({"threshold", "members"});
  c.threshold = read_u32(t, "threshold");
  c.trustees = read_array<Trustee>(t, "members", [](const Json& j, const std::string& path) {
    const ObjectReader m(j, kWhat, path);
    m.allow_only({"index", "name", "signing_key", "encryption_key"});
    return Trustee{read_u32(m, "index"), m.string("name"), read_ed25519_key(m, "signing_key"),
                   read_x25519_key(m, "encryption_key")};
  });
}

void read_settings(const ObjectReader& top, ElectionConfig& c) {
  const ObjectReader period = top.object("voting_period");
  period.allow_only({"start", "end"});
  c.voting_start = parse_utc(period.string("start"), kWhat, period.path_of("start"));
  c.voting_end = parse_utc(period.string("end"), kWhat, period.path_of("end"));
  const ObjectReader verification = top.object("verification");
  verification.allow_only({"count", "minutes"});
  c.verify_count = read_u32(verification, "count");
  c.verify_minutes = read_u32(verification, "minutes");
  const ObjectReader limits = top.object("revote_limits");
  limits.allow_only({"per_minute", "per_day"});
  c.revotes_per_minute = read_u32(limits, "per_minute");
  c.revotes_per_day = read_u32(limits, "per_day");
}

}  // namespace

ElectionConfig election_config_from_json(const Json& document) {
  const ObjectReader top(document, kWhat);
  top.expect_type_and_version(kElectionConfigType, kElectionConfigVersion);
  top.allow_only({"type", "version", "election_id", "names", "voting_period", "group", "districts", "contests",
                  "voter_ca_certificates", "voter_certificate_policies", "collector", "trustees",
                  "election_public_key", "verification", "revote_limits", "organizer_key", "mix_servers",
                  "tally_key", "signature"});
  ElectionConfig c;
  c.election_id = read_identifier(top, "election_id");
  c.names = read_names(top, "names");
  read_settings(top, c);
  c.group = top.string("group");
  c.districts = read_array<District>(top, "districts", [](const Json& j, const std::string& path) {
    const ObjectReader d(j, kWhat, path);
    d.allow_only({"id", "names"});
    return District{read_identifier(d, "id"), read_names(d, "names")};
  });
  c.contests = read_array<Contest>(top, "contests", [](const Json& j, const std::string& path) {
    return read_contest(ObjectReader(j, kWhat, path));
  });
  c.voter_ca_certificates = read_array<crypto::Bytes>(
      top, "voter_ca_certificates", [](const Json& j, const std::string& path) { return expect_binary(j, kWhat, path); });
  if (top.has("voter_certificate_policies")) {
    c.voter_certificate_policies = read_array<std::string>(
        top, "voter_certificate_policies",
        [](const Json& j, const std::string& path) { return expect_string(j, kWhat, path); });
    if (c.voter_certificate_policies.empty()) {
      top.fail("voter_certificate_policies", "empty (leave the member out to accept any policy)");
    }
  }
  if (top.has("collector")) {
    const ObjectReader col = top.object("collector");
    col.allow_only({"tls_certificate", "signing_key"});
    c.collector = CollectorKeys{col.binary("tls_certificate"), read_ed25519_key(col, "signing_key")};
  }
  read_trustees(top, c);
  if (top.has("election_public_key")) c.election_public_key = top.binary("election_public_key");
  c.organizer_key = read_ed25519_key(top, "organizer_key");
  if (top.has("mix_servers")) {
    c.mix_servers = read_array<MixServer>(top, "mix_servers", [](const Json& j, const std::string& path) {
      const ObjectReader m(j, kWhat, path);
      m.allow_only({"name", "signing_key"});
      return MixServer{m.string("name"), read_ed25519_key(m, "signing_key")};
    });
    if (c.mix_servers.empty()) top.fail("mix_servers", "empty (leave the member out until the mix servers are named)");
  }
  if (top.has("tally_key")) c.tally_key = read_ed25519_key(top, "tally_key");
  validate(c);
  return c;
}

}  // namespace evote::protocol
