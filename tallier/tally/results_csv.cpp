#include "results_csv.hpp"

#include <stdexcept>

#include "evote/protocol/files.hpp"

namespace evote::tally {

namespace {

// One line: the contest and district columns are fixed per block.
class CsvBlock {
 public:
  CsvBlock(std::string& out, const protocol::Contest& contest, std::string_view district,
           std::string_view district_name)
      : out_(out),
        prefix_(csv_field(contest.id) + "," + csv_field(estonian_name(contest.names)) + "," +
                csv_field(district) + "," + csv_field(district_name) + ",") {}

  void number(std::string_view measure, std::uint64_t count) {
    out_ += prefix_ + csv_field(measure) + ",,,," + std::to_string(count) + "\r\n";
  }
  void choice(std::string_view measure, const protocol::Choice& choice, std::uint64_t count) {
    const std::string party = choice.party.empty() ? "" : estonian_name(choice.party);
    out_ += prefix_ + csv_field(measure) + "," + std::to_string(choice.code) + "," +
            csv_field(estonian_name(choice.names)) + "," + csv_field(party) + "," +
            std::to_string(count) + "\r\n";
  }

 private:
  std::string& out_;
  std::string prefix_;
};

const protocol::Choice& choice_of(const protocol::Contest& contest, std::uint64_t code) {
  for (const protocol::Choice& c : contest.choices)
    if (c.code == code) return c;
  throw std::invalid_argument("results.csv: contest " + contest.id + " has no choice " +
                              std::to_string(code));
}

std::string_view choice_measure(protocol::ContestType type) {
  switch (type) {
    case protocol::ContestType::single_choice:
      return "votes";
    case protocol::ContestType::approval:
      return "approvals";
    case protocol::ContestType::ranked:
      return "first-preferences";
  }
  return "?";
}

void write_block(std::string& out, const protocol::Contest& contest, const count::ContestResult& r,
                 std::string_view district_name) {
  CsvBlock block(out, contest, r.district, district_name);
  block.number("rows", r.rows);
  block.number("valid", r.valid);
  block.number("blank", r.blank);
  block.number("invalid", r.invalid);
  for (std::size_t k = 0; k < count::kInvalidReasonCount; ++k) {
    const auto reason = static_cast<count::InvalidReason>(k);
    block.number("invalid-" + std::string(count::invalid_reason_name(reason)),
                 r.invalid_by_reason[k]);
  }
  for (const count::ChoiceVotes& c : r.choices)
    block.choice(choice_measure(contest.type), choice_of(contest, c.code), c.votes);
  if (!r.runoff || r.runoff->rounds.empty()) return;
  const count::RunoffRound& last = r.runoff->rounds.back();
  for (const count::ChoiceVotes& c : last.votes)
    block.choice("final-round", choice_of(contest, c.code), c.votes);
  block.number("final-round-exhausted", last.exhausted);
  if (r.runoff->winner) {
    for (const count::ChoiceVotes& c : last.votes)
      if (c.code == *r.runoff->winner) block.choice("winner", choice_of(contest, c.code), c.votes);
  }
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string results_csv(const protocol::ElectionConfig& config, const ElectionResults& results) {
  std::string out = std::string(kResultsCsvHeader) + "\r\n";
  for (std::size_t i = 0; i < results.contests.size() && i < config.contests.size(); ++i) {
    const protocol::Contest& contest = config.contests[i];
    for (const count::ContestResult& d : results.contests[i].districts) {
      const protocol::District* district = config.find_district(d.district);
      write_block(out, contest, d, district ? estonian_name(district->names) : "");
    }
    write_block(out, contest, results.contests[i].total, "");
  }
  return out;
}

void write_results_csv(const std::filesystem::path& path, const protocol::ElectionConfig& config,
                       const ElectionResults& results, protocol::WriteMode mode) {
  const std::string text = results_csv(config, results);
  protocol::write_file_atomic(path, crypto::as_bytes(text), mode);
}

}  // namespace evote::tally
