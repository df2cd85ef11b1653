// IVXV's election files as evote-admin reads them (collector/admin/ivxv_*,
// specs/interop.md §1): the districts list, the choices list (and its
// mapping to evote choice codes under both rules) and the voters list
// (version 1 alone, version 1 against a stations-form districts list,
// version 2 against a parish-form one). The first input byte picks the
// reader, the rest is the file. Any input is read or refused with
// FormatError; any other exception, crash or sanitizer report is a finding.
// The readers take a path, so each input is written to one temp file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "evote/protocol/error.hpp"
#include "ivxv_choices.hpp"
#include "ivxv_districts.hpp"
#include "ivxv_voters.hpp"

using namespace evote;
using namespace evote::admin;

namespace {

constexpr const char* kElection = "RK_2027";

const std::string& temp_file() {
  static const std::string path = [] {
    char name[] = "/tmp/fuzz_ivxv_files.XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) std::abort();
    close(fd);
    return std::string(name);
  }();
  return path;
}

void write_input(const std::uint8_t* data, std::size_t size) {
  std::FILE* out = std::fopen(temp_file().c_str(), "wb");
  if (out == nullptr) std::abort();
  if (size != 0 && std::fwrite(data, 1, size, out) != size) std::abort();
  std::fclose(out);
}

protocol::ElectionConfig config_with_districts() {
  protocol::ElectionConfig config;
  config.election_id = kElection;
  for (const char* id : {"0000.9", "0000.10", "0784.6"}) {
    protocol::District district;
    district.id = id;
    config.districts.push_back(district);
  }
  return config;
}

IvxvDistrict district(const char* id, const char* number, std::vector<std::string> stations,
                      std::vector<std::string> parishes) {
  IvxvDistrict d;
  d.id = id;
  d.number = number;
  d.name = id;
  d.stations = std::move(stations);
  d.parishes = std::move(parishes);
  d.path = std::string("districts[\"") + id + "\"]";
  return d;
}

IvxvDistrictsList stations_form() {
  IvxvDistrictsList list;
  list.file = "stations.json";
  list.election = kElection;
  list.stations_form = true;
  list.districts = {district("0000.9", "9", {"0.0", "793.12"}, {}),
                    district("0000.10", "10", {"793.13"}, {}),
                    district("0784.6", "6", {"784.1"}, {})};
  return list;
}

IvxvDistrictsList parish_form() {
  IvxvDistrictsList list;
  list.file = "parishes.json";
  list.election = kElection;
  list.districts = {district("0000.9", "9", {}, {"0000", "0793"}),
                    district("0000.10", "10", {}, {"0000", "0387"}),
                    district("0784.6", "6", {}, {"0784"})};
  return list;
}

// What every list read must be: a version it knows, each change counted once.
void check_voters(const IvxvVoterList& list) {
  if (list.version != 1 && list.version != 2) __builtin_trap();
  if (list.adds + list.removes != list.changes.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const protocol::ElectionConfig config = config_with_districts();
  static const IvxvDistrictsList stations = stations_form();
  static const IvxvDistrictsList parishes = parish_form();
  write_input(data + 1, size - 1);
  const std::string& path = temp_file();
  try {
    switch (data[0] % 5) {
      case 0: {
        const IvxvDistrictsList list = read_ivxv_districts(path, kElection);
        if (list.districts.empty()) __builtin_trap();
        for (const IvxvDistrict& d : list.districts)
          if (list.find(d.id) == nullptr) __builtin_trap();
        break;
      }
      case 1: {
        const IvxvChoicesList list = read_ivxv_choices(path, kElection);
        for (const ChoiceCodeRule rule : {ChoiceCodeRule::number, ChoiceCodeRule::sequential}) {
          try {
            if (to_evote_choices(list, rule).size() != list.choices.size()) __builtin_trap();
          } catch (const protocol::FormatError&) {
          }
        }
        break;
      }
      case 2:
        check_voters(read_ivxv_voters(path, config, nullptr));
        break;
      case 3:
        check_voters(read_ivxv_voters(path, config, &stations));
        break;
      default:
        check_voters(read_ivxv_voters(path, config, &parishes));
        break;
    }
  } catch (const protocol::FormatError&) {
  }
  return 0;
}
