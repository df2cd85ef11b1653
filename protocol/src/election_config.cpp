#include "evote/protocol/election_config.hpp"


#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/utc_time.hpp"
#include "names_json.hpp"

namespace evote::protocol {

std::string_view contest_type_name(ContestType type) {
  switch (type) {
    case ContestType::single_choice: return "single";
    case ContestType::approval: return "approval";
    case ContestType::ranked: return "ranked";
  }
  return "?";
}

const Contest* ElectionConfig::find_contest(std::string_view id) const {
  for (const auto& c : contests) if (c.id == id) return &c;
  return nullptr;
}

const District* ElectionConfig::find_district(std::string_view id) const {
  for (const auto& d : districts) if (d.id == id) return &d;
  return nullptr;
}

std::vector<const Choice*> ElectionConfig::choices_for(const Contest& contest, std::string_view district) const {
  std::vector<const Choice*> out;
  for (const auto& choice : contest.choices) if (choice.district == district) out.push_back(&choice);
  return out;
}

std::vector<std::string> ElectionConfig::missing_for_voting() const {
  std::vector<std::string> missing;
  if (districts.empty()) missing.push_back("no districts");
  if (contests.empty()) missing.push_back("no contests");
  for (const auto& c : contests) {
    if (c.choices.empty()) missing.push_back("contest " + c.id + " has no choices");
  }
  if (voter_ca_certificates.empty()) missing.push_back("no voter CA certificates");
  if (!collector) missing.push_back("no collector keys");
  if (trustees.empty()) missing.push_back("no trustees");
  if (!election_public_key) missing.push_back("no election public key (run the key ceremony)");
  return missing;
}

Json to_json(const ElectionConfig& c) {
  Json contests = Json::array();
  for (const auto& contest : c.contests) {
    Json choices = Json::array();
    for (const auto& ch : contest.choices) {
      Json choice = {{"code", ch.code}, {"district", ch.district}, {"names", names_to_json(ch.names)}};
      if (!ch.party.empty()) choice["party"] = names_to_json(ch.party);
      choices.push_back(std::move(choice));
    }
    contests.push_back({{"id", contest.id},
                        {"type", std::string(contest_type_name(contest.type))},
                        {"max_selections", contest.max_selections},
                        {"names", names_to_json(contest.names)},
                        {"choices", std::move(choices)}});
  }
  Json districts = Json::array();
  for (const auto& d : c.districts) districts.push_back({{"id", d.id}, {"names", names_to_json(d.names)}});
  Json cas = Json::array();
  for (const auto& ca : c.voter_ca_certificates) cas.push_back(base64url_encode(ca));
  Json trustees = Json::array();
  for (const auto& t : c.trustees) {
    trustees.push_back({{"index", t.index},
                        {"name", t.name},
                        {"signing_key", base64url_encode(t.signing_key.bytes)},
                        {"encryption_key", base64url_encode(t.encryption_key.bytes)}});
  }
  Json doc = {{"type", kElectionConfigType},
              {"version", kElectionConfigVersion},
              {"election_id", c.election_id},
              {"names", names_to_json(c.names)},
              {"voting_period", {{"start", format_utc(c.voting_start)}, {"end", format_utc(c.voting_end)}}},
              {"group", c.group},
              {"districts", std::move(districts)},
              {"contests", std::move(contests)},
              {"voter_ca_certificates", std::move(cas)},
              {"trustees", {{"threshold", c.threshold}, {"members", std::move(trustees)}}},
              {"verification", {{"count", c.verify_count}, {"minutes", c.verify_minutes}}},
              {"revote_limits", {{"per_minute", c.revotes_per_minute}, {"per_day", c.revotes_per_day}}},
              {"organizer_key", base64url_encode(c.organizer_key.bytes)}};
  if (c.collector) {
    doc["collector"] = {{"tls_certificate", base64url_encode(c.collector->tls_certificate)},
                        {"signing_key", base64url_encode(c.collector->signing_key.bytes)}};
  }
  if (c.election_public_key) doc["election_public_key"] = base64url_encode(*c.election_public_key);
  // Absent when empty, so configs made before the member existed keep their bytes.
  if (!c.voter_certificate_policies.empty()) doc["voter_certificate_policies"] = c.voter_certificate_policies;
  if (!c.mix_servers.empty()) {
    Json servers = Json::array();
    for (const auto& m : c.mix_servers) {
      servers.push_back({{"name", m.name}, {"signing_key", base64url_encode(m.signing_key.bytes)}});
    }
    doc["mix_servers"] = std::move(servers);
  }
  if (c.tally_key) doc["tally_key"] = base64url_encode(c.tally_key->bytes);
  return doc;
}

}  // namespace evote::protocol
