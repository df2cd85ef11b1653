#include "ivxv_districts.hpp"

#include <map>
#include <set>

#include "ivxv_json.hpp"

namespace evote::admin {

namespace {

// The administrative units: "<EHAK code>": {"state", "county", "parish"}
// (each optional, at least one).
std::set<std::string> read_regions(const IvxvJson& regions, const std::string& file) {
  std::set<std::string> codes;
  expect_object(regions, file, "regions", 1);
  for (const auto& [code, region] : regions.items()) {
    const std::string path = member_path("regions", code);
    if (!is_digits(code, 1, 10)) refuse_field(file, path, "an EHAK code must be 1 to 10 digits");
    expect_object(region, file, path, 1);
    check_members(region, file, path, {"state", "county", "parish"}, {});
    for (const auto& [key, value] : region.items())
      expect_text(value, file, member_path(path, key));
    codes.insert(code);
  }
  return codes;
}

// "counties" (later IVXV): "<EHAK code>": [parish EHAK codes]. Read only to
// check its form: evote has no counties.
void check_counties(const IvxvJson& counties, const std::string& file) {
  expect_object(counties, file, "counties");
  for (const auto& [code, parishes] : counties.items()) {
    const std::string path = member_path("counties", code);
    if (!is_digits(code, 1, 10)) refuse_field(file, path, "an EHAK code must be 1 to 10 digits");
    expect_array(parishes, file, path);
    for (std::size_t i = 0; i < parishes.size(); ++i)
      expect_text(parishes[i], file, element_path(path, i));
  }
}

std::vector<std::string> read_codes(const IvxvJson& list, const std::string& file,
                                    const std::string& path, bool stations) {
  expect_array(list, file, path);
  if (list.empty()) refuse_field(file, path, "is empty (a district has at least one)");
  std::vector<std::string> codes;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = element_path(path, i);
    const std::string code = expect_text(list[i], file, where);
    if (stations && !is_dotted_number(code))
      refuse_field(file, where, "station \"" + code + "\" is not <EHAK code>.<number>");
    if (!stations && !is_digits(code, 4, 4))
      refuse_field(file, where, "parish \"" + code + "\" is not a 4-digit EHAK code");
    if (const auto [it, fresh] = seen.emplace(code, i); !fresh)
      refuse_field(file, where,
                   code + " is listed twice (also at " + element_path(path, it->second) + ")");
    codes.push_back(code);
  }
  return codes;
}

IvxvDistrict read_district(const std::string& id, const IvxvJson& value, const std::string& file) {
  IvxvDistrict d;
  d.id = id;
  d.path = member_path("districts", id);
  if (!is_dotted_number(id))
    refuse_field(file, d.path, "a district id must be <EHAK code>.<number>, e.g. 0784.6");
  d.number = id.substr(id.find('.') + 1);
  expect_object(value, file, d.path);
  check_members(value, file, d.path, {"name", "stations", "parish"}, {"name"});
  d.name = expect_text(value["name"], file, member_path(d.path, "name"));
  if (d.name.empty()) refuse_field(file, member_path(d.path, "name"), "is empty");
  const bool stations = value.contains("stations");
  if (stations == value.contains("parish"))
    refuse_field(file, d.path, "must have either \"stations\" or \"parish\" (not both)");
  const std::string list = stations ? "stations" : "parish";
  (stations ? d.stations : d.parishes) =
      read_codes(value[list], file, member_path(d.path, list), stations);
  return d;
}

}  // namespace

const IvxvDistrict* IvxvDistrictsList::find(std::string_view id) const {
  for (const auto& d : districts)
    if (d.id == id) return &d;
  return nullptr;
}

const IvxvDistrict* IvxvDistrictsList::find_by_parish(std::string_view parish,
                                                      std::string_view number) const {
  for (const auto& d : districts) {
    if (d.number != number) continue;
    for (const auto& p : d.parishes)
      if (p == parish) return &d;
  }
  return nullptr;
}

IvxvDistrictsList read_ivxv_districts(const std::string& path, const std::string& config_election) {
  const IvxvJson doc = read_ivxv_json(path);
  check_members(doc, path, "", {"election", "districts", "regions", "counties"},
                {"election", "districts", "regions"});
  IvxvDistrictsList list;
  list.file = path;
  check_ivxv_election(doc["election"], path, "election", config_election);
  list.election = doc["election"].get<std::string>();
  const std::set<std::string> regions = read_regions(doc["regions"], path);
  if (doc.contains("counties")) check_counties(doc["counties"], path);
  expect_object(doc["districts"], path, "districts", 1);
  // A parish may lie in several districts (one per number) only under one
  // district EHAK code, as IVXV requires: then (parish, number) names one district.
  std::map<std::string, const IvxvDistrict*> parish_owner;
  for (const auto& [id, value] : doc["districts"].items()) {
    list.districts.push_back(read_district(id, value, path));
    const IvxvDistrict& d = list.districts.back();
    const bool stations = !d.stations.empty();
    if (list.districts.size() == 1) list.stations_form = stations;
    if (stations != list.stations_form)
      refuse_field(path, d.path,
                   std::string("lists ") + (stations ? "stations" : "parishes") +
                       " but the districts before it list " + (stations ? "parishes" : "stations") +
                       " (one form per file)");
  }
  for (const IvxvDistrict& d : list.districts) {
    for (std::size_t i = 0; i < d.parishes.size(); ++i) {
      const std::string& parish = d.parishes[i];
      const std::string where = element_path(member_path(d.path, "parish"), i);
      if (!regions.contains(parish))
        refuse_field(path, where, "parish " + parish + " is not among the regions");
      const auto [it, fresh] = parish_owner.emplace(parish, &d);
      const std::string ehak = d.id.substr(0, d.id.find('.'));
      const std::string other = it->second->id.substr(0, it->second->id.find('.'));
      if (!fresh && ehak != other)
        refuse_field(path, where,
                     "parish " + parish + " is also in district " + it->second->id +
                         ": a parish in several districts must have one district EHAK code");
    }
  }
  return list;
}

}  // namespace evote::admin
