// GET /v1/me (specs/collector-api.md §2.4): the session's voter, their
// district and, for each contest, the choices of that district, from the
// signed config; and their entry in the voter list in force.
#include <nlohmann/json.hpp>

#include "app/collector_app.hpp"
#include "storage/voter_list.hpp"

namespace evote::collector {

namespace {

using Json = nlohmann::json;

Json contests_of(const protocol::ElectionConfig& config, const std::string& district) {
  Json contests = Json::array();
  for (const protocol::Contest& contest : config.contests) {
    Json choices = Json::array();
    for (const protocol::Choice& choice : contest.choices)
      if (choice.district == district) {
        protocol::Json entry = {{"code", choice.code}, {"names", choice.names}};
        if (!choice.party.empty()) entry["party"] = choice.party;
        choices.push_back(std::move(entry));
      }
    if (choices.empty()) continue;  // not on this district's ballot
    contests.push_back({{"id", contest.id},
                        {"type", std::string(protocol::contest_type_name(contest.type))},
                        {"max_selections", contest.max_selections},
                        {"names", contest.names},
                        {"choices", choices}});
  }
  return contests;
}

}  // namespace

HttpResponse CollectorApp::me(const HttpRequest& request) {
  const std::shared_ptr<const ServedConfig> election = served();
  HttpResponse refusal;
  const std::optional<std::string> voter_id = session_voter(request, refusal);
  if (!voter_id) return refusal;
  auto connection = pool_.acquire();
  const std::optional<ListedVoter> voter = find_voter(*connection, *voter_id);
  const VoterListState list = voter_list_state(*connection);
  if (!voter)
    return error_response(
        403, "not_eligible",
        "no longer on the voter list (version " + std::to_string(list.version) + ")");
  Json district_names = Json::object();
  for (const protocol::District& d : election->config.districts)
    if (d.id == voter->district) district_names = d.names;
  Json answer = {{"voter", {{"name", voter->name}, {"district", voter->district}}},
                 {"district", {{"id", voter->district}, {"names", district_names}}},
                 {"eligibility",
                  {{"district", voter->district},
                   {"added_by", voter->added_by},
                   {"voter_list_version", list.version}}},
                 {"contests", contests_of(election->config, voter->district)}};
  return {200, answer.dump()};
}

}  // namespace evote::collector
