#include "ivxv_choices.hpp"

#include <algorithm>
#include <map>

#include "ivxv_json.hpp"

namespace evote::admin {

namespace {

// IVXV writes choice numbers with up to 11 digits, district ids with up to 10.
constexpr std::size_t kChoiceNumberDigits = 11;

// The choice id as numbers for ordering: EHAK code, then number, then the
// text (so "0000.01" and "0000.1" still have one order).
struct ChoiceOrder {
  unsigned long long ehak, number;
  std::string text;
  auto operator<=>(const ChoiceOrder&) const = default;
};

ChoiceOrder order_of(const IvxvChoice& c) {
  return {std::stoull(c.id.substr(0, c.id.find('.'))), std::stoull(c.number), c.id};
}

}  // namespace

IvxvChoicesList read_ivxv_choices(const std::string& path, const std::string& config_election) {
  const IvxvJson doc = read_ivxv_json(path);
  check_members(doc, path, "", {"election", "choices"}, {"election", "choices"});
  check_ivxv_election(doc["election"], path, "election", config_election);
  IvxvChoicesList list;
  list.file = path;
  std::map<std::string, std::string> seen;  // choice id -> its path
  expect_object(doc["choices"], path, "choices", 1);
  for (const auto& [district, groups] : doc["choices"].items()) {
    const std::string district_path = member_path("choices", district);
    if (!is_dotted_number(district))
      refuse_field(path, district_path, "a district id must be <EHAK code>.<number>, e.g. 0784.6");
    expect_object(groups, path, district_path, 1);
    for (const auto& [group, entries] : groups.items()) {
      const std::string group_path = member_path(district_path, group);
      if (group.empty()) refuse_field(path, group_path, "a party or list name is empty");
      expect_object(entries, path, group_path, 1);
      for (const auto& [id, name] : entries.items()) {
        IvxvChoice c{id, "", district, group, "", member_path(group_path, id)};
        if (!is_dotted_number(id, 10, kChoiceNumberDigits))
          refuse_field(path, c.path, "a choice id must be <EHAK code>.<number>, e.g. 0296.198");
        c.number = id.substr(id.find('.') + 1);
        c.name = expect_text(name, path, c.path);
        if (c.name.empty()) refuse_field(path, c.path, "the name is empty");
        if (const auto [it, fresh] = seen.emplace(id, c.path); !fresh)
          refuse_field(path, c.path, "duplicate choice id " + id + " (also at " + it->second + ")");
        list.choices.push_back(std::move(c));
      }
    }
  }
  return list;
}

std::vector<MappedChoice> to_evote_choices(const IvxvChoicesList& list, ChoiceCodeRule rule) {
  std::vector<const IvxvChoice*> order;
  for (const auto& c : list.choices) order.push_back(&c);
  if (rule == ChoiceCodeRule::sequential)
    std::stable_sort(order.begin(), order.end(), [](const IvxvChoice* a, const IvxvChoice* b) {
      return order_of(*a) < order_of(*b);
    });
  std::vector<MappedChoice> out;
  std::map<std::uint64_t, const IvxvChoice*> codes;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const IvxvChoice& c = *order[i];
    const std::uint64_t code = rule == ChoiceCodeRule::sequential ? i + 2 : std::stoull(c.number);
    if (rule == ChoiceCodeRule::sequential && code > protocol::kMaxChoiceCode)
      refuse_field(list.file, c.path,
                   "more choices than evote choice codes (2 to " +
                       std::to_string(protocol::kMaxChoiceCode) + ")");
    if (code <= protocol::kBlankCode || code > protocol::kMaxChoiceCode)
      refuse_field(list.file, c.path,
                   "choice number " + c.number + " cannot be an evote choice code (2 to " +
                       std::to_string(protocol::kMaxChoiceCode) +
                       "; 1 is the blank code): give --codes sequential");
    if (const auto [it, fresh] = codes.emplace(code, &c); !fresh)
      refuse_field(list.file, c.path,
                   "choice number " + c.number + " is also that of " + it->second->id +
                       " (an evote choice code is unique in its contest): give --codes sequential");
    protocol::Choice choice{code, c.district, {{"et", c.name}}, {}};
    if (c.party != kIvxvIndependents) choice.party = {{"et", c.party}};
    out.push_back({c.id, std::move(choice)});
  }
  return out;
}

}  // namespace evote::admin
