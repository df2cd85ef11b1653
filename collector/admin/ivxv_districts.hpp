// IVXV's districts list (JSON; specs/interop.md §1.2): the election's
// districts, each with its name and either its polling stations (IVXV up to
// 1.5: "stations", ["296.1", ...]) or its administrative units (later IVXV
// and VIS3: "parish", ["0296", ...]), and the administrative units
// ("regions"). An IVXV district id "<EHAK code>.<number>" is evote's
// district id as it stands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace evote::admin {

struct IvxvDistrict {
  std::string id;      // "0784.6": the evote district id too
  std::string number;  // the digits after the dot: "6"
  std::string name;
  std::vector<std::string> stations;  // the stations form: "<EHAK>.<number>"
  std::vector<std::string> parishes;  // the parish form: EHAK codes, 4 digits
  std::string path;                   // districts["0784.6"], for errors
};

struct IvxvDistrictsList {
  std::string file;
  std::string election;
  bool stations_form = false;           // true: every district lists stations; false: parishes
  std::vector<IvxvDistrict> districts;  // in the file's order

  const IvxvDistrict* find(std::string_view id) const;
  // The district whose number is `number` and which holds the
  // administrative unit `parish` (the parish form), or nullptr.
  const IvxvDistrict* find_by_parish(std::string_view parish, std::string_view number) const;
};

// Reads and checks the districts list at `path` for the election
// `config_election` (its "election" must be that id). Throws FormatError
// "<path>: <field path>: <problem>" for anything IVXV's own checks refuse
// (unknown or missing fields, a bad district id, station or EHAK code, an
// empty name, a parish not among the regions, a parish listed twice in one
// district or in districts of two EHAK codes, stations and parishes mixed).
IvxvDistrictsList read_ivxv_districts(const std::string& path, const std::string& config_election);

}  // namespace evote::admin
