// import-ivxv-districts, import-ivxv-choices and import-ivxv-voters: IVXV's
// election files (the districts list, the choices list, the voters list)
// into the draft config and a signed, chained voter list change set. The
// formats, the mapping rules and every refusal: specs/interop.md §1.
#include <cstdio>
#include <optional>

#include "commands.hpp"
#include "config_edit.hpp"
#include "documents.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_list.hpp"
#include "ivxv_choices.hpp"
#include "ivxv_districts.hpp"
#include "ivxv_json.hpp"
#include "ivxv_voters.hpp"
#include "key_access.hpp"

namespace evote::admin {

namespace {

ChoiceCodeRule code_rule(const Args& args) {
  const std::string rule = args.optional("codes").value_or("number");
  if (rule == "number") return ChoiceCodeRule::number;
  if (rule == "sequential") return ChoiceCodeRule::sequential;
  throw UsageError("--codes must be number or sequential, got \"" + rule + "\"");
}

protocol::Contest& empty_contest(protocol::ElectionConfig& config, const std::string& id,
                                 const std::string& config_path) {
  for (auto& contest : config.contests) {
    if (contest.id != id) continue;
    if (!contest.choices.empty())
      throw protocol::FormatError(config_path + ": contest " + id + " already has " +
                                  std::to_string(contest.choices.size()) +
                                  " choices: an IVXV choices list is imported whole into an "
                                  "empty contest");
    return contest;
  }
  throw protocol::FormatError(config_path + ": no contest \"" + id + "\" (add-contest first)");
}

}  // namespace

int cmd_import_ivxv_districts(const Args& args) {
  const std::string file = args.required("districts");
  std::size_t imported = 0;
  edit_config(
      args,
      [&](protocol::ElectionConfig& config) {
        const IvxvDistrictsList list = read_ivxv_districts(file, config.election_id);
        for (const IvxvDistrict& d : list.districts) {
          if (config.find_district(d.id))
            refuse_field(file, d.path, "district " + d.id + " is already in the config");
          config.districts.push_back({d.id, {{"et", d.name}}});
        }
        imported = list.districts.size();
      },
      file);
  std::printf("imported %zu districts from %s\n", imported, file.c_str());
  return 0;
}

int cmd_import_ivxv_choices(const Args& args) {
  const ChoiceCodeRule rule = code_rule(args);
  const std::string config_path = args.required("config");
  const std::string contest_id = args.required("contest");
  const std::string file = args.required("choices");
  std::vector<MappedChoice> mapped;
  edit_config(
      args,
      [&](protocol::ElectionConfig& config) {
        protocol::Contest& contest = empty_contest(config, contest_id, config_path);
        const IvxvChoicesList list = read_ivxv_choices(file, config.election_id);
        for (const IvxvChoice& c : list.choices)
          if (!config.find_district(c.district))
            refuse_field(file, member_path("choices", c.district),
                         "district " + c.district +
                             " is not a district of the config (import-ivxv-districts first)");
        mapped = to_evote_choices(list, rule);
        for (const MappedChoice& m : mapped) contest.choices.push_back(m.choice);
      },
      file);
  std::printf("imported %zu choices into contest %s (IVXV choice id -> evote code):\n",
              mapped.size(), contest_id.c_str());
  for (const MappedChoice& m : mapped)
    std::printf("  %s -> %llu\n", m.ivxv_id.c_str(),
                static_cast<unsigned long long>(m.choice.code));
  return 0;
}

int cmd_import_ivxv_voters(const Args& args) {
  const protocol::ElectionConfig config = load_signed_config(args.required("config"));
  const std::string file = args.required("voters");
  const std::string out = args.required("out");
  std::optional<IvxvDistrictsList> districts;
  if (const auto path = args.optional("districts"))
    districts = read_ivxv_districts(*path, config.election_id);
  IvxvVoterList list = read_ivxv_voters(file, config, districts ? &*districts : nullptr);
  const auto previous_path = args.optional("previous");
  const std::string where = file + ":" + std::to_string(kIvxvListKindLine) + ": ";
  if (list.initial && previous_path)
    throw protocol::FormatError(where + "an initial list (" + list.list_kind +
                                ") starts the voter list: give no --previous");
  if (!list.initial && !previous_path)
    throw protocol::FormatError(where + "a list of changes (" + list.list_kind +
                                ") follows an earlier change set: give it as --previous");
  protocol::VoterListChanges doc;
  doc.election_id = config.election_id;
  if (previous_path) chain_after_previous(doc, *previous_path, config);
  doc.changes = std::move(list.changes);
  protocol::validate(doc, file);
  const crypto::Ed25519SigningKey key = open_organizer_key(args, config);
  protocol::sign(doc, key);
  protocol::save_voter_list_changes(doc, out, args.public_output());
  std::printf(
      "wrote voter list change set %llu (%zu changes: %zu lisamine, %zu kustutamine) from the "
      "IVXV version %d list %s to %s\n",
      static_cast<unsigned long long>(doc.sequence), doc.changes.size(), list.adds, list.removes,
      list.version, file.c_str(), out.c_str());
  return 0;
}

}  // namespace evote::admin
