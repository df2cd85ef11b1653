// The ballot box log chain and its export: write, read back, and every way
// a file can be cut, reordered, altered or re-signed, read entry by entry
// and in chunks of several sizes (the same entries or the same error, and
// the file's hash as read); the trailer's voter list history and the
// version in force at a ballot's time.
#include <boost/test/unit_test.hpp>
#include <limits>
#include <sstream>

#include "evote/crypto/hash.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::protocol;
using evote::testing::TempFolder;
using evote::testing::test_election;
using evote::testing::TestElection;

namespace {

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

const std::vector<std::string> kVoters = {"38001085718", "49002124277", "37605030299"};

// Five entries: three voters, two of whom vote twice.
const std::vector<BallotBoxEntry>& sample_entries() {
  static const std::vector<BallotBoxEntry> entries = [] {
    const TestElection& e = test_election();
    std::vector<BallotBoxEntry> out;
    const std::size_t order[] = {0, 1, 0, 2, 1};
    for (std::size_t i = 0; i < 5; ++i) {
      const std::string& voter = kVoters[order[i]];
      const auto card = e.issue_voter_certificate(voter);
      const MadeBallot made = make_ballot(e.config, voter, "d2", {{"mayor", {201}}});
      const SignedBallot s = e.sign_like_card(card, made.ballot);
      out.push_back({i + 1,
                     crypto::random_bytes(16),
                     1803460000 + static_cast<std::int64_t>(i) * 61,
                     voter,
                     encode_signed_ballot(s),
                     {}});
    }
    return out;
  }();
  return entries;
}

std::filesystem::path write_box(const TempFolder& folder, const std::string& name = "box.jsonl") {
  const TestElection& e = test_election();
  const auto path = folder / name;
  BallotBoxWriter writer(path, {e.config.election_id, e.config_hash});
  for (const auto& entry : sample_entries()) writer.append(entry);
  writer.finish(e.collector_key);
  return path;
}

// The file read with next_chunk(size): every chunk but the last full.
std::vector<LoggedBallot> read_in_chunks(const std::filesystem::path& path, std::size_t size) {
  const TestElection& e = test_election();
  BallotBoxReader reader(path, e.config, e.config_hash);
  std::vector<LoggedBallot> out;
  bool short_chunk_seen = false;
  for (auto chunk = reader.next_chunk(size); !chunk.empty(); chunk = reader.next_chunk(size)) {
    BOOST_TEST(!short_chunk_seen, "a chunk followed one of fewer than " << size << " entries");
    BOOST_TEST(chunk.size() <= size);
    short_chunk_seen = chunk.size() < size;
    for (auto& logged : chunk) out.push_back(std::move(logged));
  }
  BOOST_TEST(reader.next_chunk(size).empty());
  BOOST_TEST(!reader.next().has_value());
  const FileDigest whole = hash_file(path);
  BOOST_TEST((reader.file_digest().hash == whole.hash && reader.file_digest().size == whole.size));
  return out;
}

// Reads with next(), then with next_chunk in chunks of several sizes: the
// same entries, or the same error (rethrown), each way.
std::vector<LoggedBallot> read_all(const std::filesystem::path& path) {
  const TestElection& e = test_election();
  std::vector<LoggedBallot> out;
  std::string error;
  try {
    BallotBoxReader reader(path, e.config, e.config_hash);
    while (auto logged = reader.next()) out.push_back(std::move(*logged));
    BOOST_TEST(!reader.next().has_value());
    // Hashed as read: the file_hash of the whole file.
    const FileDigest whole = hash_file(path);
    BOOST_TEST(reader.file_digest().hash == whole.hash);
    BOOST_TEST(reader.file_digest().size == whole.size);
  } catch (const FormatError& x) {
    error = x.what();
  }
  for (const std::size_t size : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{64}}) {
    BOOST_TEST_CONTEXT("next_chunk(" << size << ")") {
      std::string chunk_error;
      std::vector<LoggedBallot> chunked;
      try {
        chunked = read_in_chunks(path, size);
      } catch (const FormatError& x) {
        chunk_error = x.what();
      }
      BOOST_TEST(chunk_error == error);
      BOOST_TEST_REQUIRE(chunked.size() == (error.empty() ? out.size() : 0));
      for (std::size_t i = 0; i < chunked.size(); ++i) {
        const BallotBoxEntry &a = chunked[i].entry, &b = out[i].entry;
        BOOST_TEST((a.sequence == b.sequence && a.vote_id == b.vote_id && a.time == b.time &&
                    a.voter_id == b.voter_id && a.signed_ballot == b.signed_ballot &&
                    a.ocsp_response == b.ocsp_response),
                   "entry " << i + 1);
        BOOST_TEST((chunked[i].ballot_hash == out[i].ballot_hash &&
                    chunked[i].log_head == out[i].log_head),
                   "entry " << i + 1);
      }
    }
  }
  if (!error.empty()) throw FormatError(error);
  return out;
}

std::vector<std::string> lines_of(const std::filesystem::path& path) {
  const crypto::Bytes bytes = evote::testing::read_whole_file(path);
  std::vector<std::string> lines;
  std::istringstream in(std::string(bytes.begin(), bytes.end()));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_lines(const std::filesystem::path& path, const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  evote::testing::write_whole_file(path, crypto::as_bytes(text));
}

Json json_of(const std::string& line) { return Json::parse(line); }

// The trailer line with `edit` applied, signed again with `key`.
template <typename Edit>
std::string resigned_trailer(const std::string& line, const crypto::Ed25519SigningKey& key,
                             Edit edit) {
  Json trailer = json_of(line);
  edit(trailer);
  sign_document(trailer, key);
  return canonical_string(trailer);
}

std::string error_of(const std::filesystem::path& path) {
  try {
    read_all(path);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ballot_box)

BOOST_AUTO_TEST_CASE(log_chain_is_as_specified) {
  const BallotBoxEntry& entry = sample_entries()[0];
  const crypto::Bytes hash = ballot_hash(entry.signed_ballot);
  crypto::Bytes msg(32, 0);
  crypto::append_be64(msg, 1);
  crypto::append(msg, entry.vote_id);
  crypto::append_be64(msg, static_cast<std::uint64_t>(entry.time));
  crypto::append_be64(msg, entry.voter_id.size());
  crypto::append(msg, crypto::as_bytes(entry.voter_id));
  crypto::append(msg, hash);
  BOOST_TEST(initial_log_head() == crypto::Bytes(32, 0));
  BOOST_TEST(next_log_head(initial_log_head(), entry) ==
             crypto::xof("evote/ballot-log/v1", msg, 32));
  BOOST_TEST(next_log_head(initial_log_head(), 1, entry.vote_id, entry.time, entry.voter_id,
                           hash) == crypto::xof("evote/ballot-log/v1", msg, 32));
}

// The example of specs/formats-ballots.md, "Ballot box log".
BOOST_AUTO_TEST_CASE(log_chain_example_of_the_spec) {
  crypto::Bytes vote_id;
  for (std::uint8_t i = 0; i < 16; ++i) vote_id.push_back(i);
  const crypto::Bytes head = next_log_head(initial_log_head(), 1, vote_id, 1803460000,
                                           "38001085718", crypto::Bytes(32, 0x11));
  BOOST_TEST(crypto::to_hex(head) ==
             "d37caac0315a253032573801d593bddf93971cbe7a13603222a654d204b45ccf");
}

BOOST_AUTO_TEST_CASE(write_and_read_back) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = folder / "box.jsonl";
  BallotBoxWriter writer(path, {e.config.election_id, e.config_hash});
  std::vector<crypto::Bytes> heads;
  crypto::Bytes head = initial_log_head();
  for (const auto& entry : sample_entries()) {
    heads.push_back(writer.append(entry));
    head = next_log_head(head, entry);
    BOOST_TEST(heads.back() == head);
  }
  BOOST_TEST(!std::filesystem::exists(path));  // nothing under the name before finish
  writer.finish(e.collector_key);
  BOOST_TEST(std::distance(std::filesystem::directory_iterator(folder.path()), {}) == 1);

  BallotBoxReader reader(path, e.config, e.config_hash);
  BOOST_TEST(reader.header().election_id == "TEST_2027");
  std::size_t i = 0;
  while (auto logged = reader.next()) {
    const BallotBoxEntry& want = sample_entries()[i];
    BOOST_TEST(logged->entry.sequence == want.sequence);
    BOOST_TEST(logged->entry.vote_id == want.vote_id);
    BOOST_TEST(logged->entry.time == want.time);
    BOOST_TEST(logged->entry.voter_id == want.voter_id);
    BOOST_TEST(logged->entry.signed_ballot == want.signed_ballot);
    BOOST_TEST(logged->signed_ballot.ballot.voter_id == want.voter_id);
    BOOST_TEST(logged->ballot_hash == ballot_hash(want.signed_ballot));
    BOOST_TEST(logged->log_head == heads[i]);
    ++i;
  }
  BOOST_TEST(i == 5u);
  BOOST_TEST(reader.trailer().count == 5u);
  BOOST_TEST(reader.trailer().log_head == head);
  BOOST_TEST(reader.line_number() == 7u);
}

BOOST_AUTO_TEST_CASE(lines_are_canonical_json) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto lines = lines_of(write_box(folder));
  BOOST_REQUIRE(lines.size() == 7u);
  BOOST_TEST(lines[0] ==
             "{\"config_hash\":\"" + base64url_encode(e.config_hash) +
                 "\",\"election_id\":\"TEST_2027\",\"type\":\"ballot-box\",\"version\":1}");
  BOOST_TEST(lines[1].starts_with("{\"sequence\":1,\"signed_ballot\":\""));
  BOOST_TEST(lines[6].starts_with("{\"config_hash\":"));
  BOOST_TEST(lines[6].find("\"count\":5,") != std::string::npos);
  BOOST_TEST(lines[6].ends_with("\"type\":\"ballot-box-end\",\"version\":1,\"voter_lists\":[]}"));
  for (const auto& line : lines) BOOST_TEST(canonical_string(json_of(line)) == line);
}

BOOST_AUTO_TEST_CASE(truncated_files_are_refused) {
  TempFolder folder;
  const auto path = write_box(folder);
  const crypto::Bytes whole = evote::testing::read_whole_file(path);
  const auto lines = lines_of(path);
  std::vector<std::size_t> cuts = {1,
                                   10,
                                   lines[0].size(),
                                   lines[0].size() + 1,
                                   whole.size() - 1,
                                   whole.size() - 2,
                                   whole.size() - lines[6].size() - 1};
  for (std::size_t at = 50; at < whole.size(); at += whole.size() / 17) cuts.push_back(at);
  for (std::size_t cut : cuts) {
    BOOST_TEST_CONTEXT("cut at " << cut << " of " << whole.size()) {
      evote::testing::write_whole_file(path, crypto::BytesView(whole).first(cut));
      BOOST_TEST(error_of(path).find("truncated") != std::string::npos, error_of(path));
    }
  }
  evote::testing::write_whole_file(path, {});
  BOOST_TEST(error_of(path).find("empty file (no header line)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicated_or_missing_lines_are_named) {
  TempFolder folder;
  const auto path = write_box(folder);
  auto lines = lines_of(path);
  const auto original = lines;
  lines.insert(lines.begin() + 3, lines[2]);
  write_lines(path, lines);
  BOOST_TEST(error_of(path) == "ballot box " + path.string() + " line 4: sequence: 2, expected 3");
  lines = original;
  lines.erase(lines.begin() + 2);
  write_lines(path, lines);
  BOOST_TEST(error_of(path) == "ballot box " + path.string() + " line 3: sequence: 3, expected 2");
  lines = original;
  std::swap(lines[2], lines[3]);
  write_lines(path, lines);
  BOOST_TEST(error_of(path) == "ballot box " + path.string() + " line 3: sequence: 3, expected 2");
}

BOOST_AUTO_TEST_CASE(altered_entries_break_the_chain) {
  TempFolder folder;
  const auto path = write_box(folder);
  const auto original = lines_of(path);
  const std::string broken = "line 7: log_head: does not match the log recomputed";
  auto alter = [&](std::size_t line, auto edit) {
    auto lines = original;
    Json j = json_of(lines[line]);
    edit(j);
    lines[line] = canonical_string(j);
    write_lines(path, lines);
    return error_of(path);
  };
  BOOST_TEST(alter(2, [](Json& j) { j["time"] = "2027-02-24T09:07:42Z"; }).find(broken) !=
             std::string::npos);
  BOOST_TEST(alter(4, [](Json& j) {
               j["vote_id"] = base64url_encode(crypto::Bytes(16, 7));
             }).find(broken) != std::string::npos);
  // Another voter's signed ballot in place of the third entry.
  const Json fourth = json_of(original[4]);
  BOOST_TEST(alter(3, [&](Json& j) {
               j["signed_ballot"] = fourth["signed_ballot"];
               j["voter_id"] = fourth["voter_id"];
             }).find(broken) != std::string::npos);
  BOOST_TEST(
      alter(3, [&](Json& j) {
        j["voter_id"] = fourth["voter_id"];
      }).find("line 4: voter_id: not the voter_id of the signed ballot") != std::string::npos);
  BOOST_TEST(alter(1, [&](Json& j) { j["extra"] = 1; }).find("line 2: extra: unknown field") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(trailer_must_be_signed_by_the_collector_and_agree) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = write_box(folder);
  auto lines = lines_of(path);
  const std::string trailer = lines[6];
  auto with_trailer = [&](const std::string& line) {
    lines[6] = line;
    write_lines(path, lines);
    return error_of(path);
  };
  BOOST_TEST(with_trailer(resigned_trailer(trailer, e.organizer_key, [](Json&) {
             })).find("line 7: signed by another key") != std::string::npos);
  BOOST_TEST(with_trailer(resigned_trailer(trailer, e.collector_key, [](Json& j) {
               j["count"] = 6;
             })).find("line 7: count: 6, but the file has 5 entries") != std::string::npos);
  BOOST_TEST(with_trailer(resigned_trailer(trailer, e.collector_key, [](Json& j) {
               j["log_head"] = base64url_encode(crypto::Bytes(32, 0));
             })).find("line 7: log_head: does not match") != std::string::npos);
  Json unsigned_count = json_of(trailer);
  unsigned_count["count"] = 4;
  BOOST_TEST(with_trailer(canonical_string(unsigned_count)).find("count: 4, but the file has 5") !=
             std::string::npos);
  Json altered_signature = json_of(trailer);
  altered_signature["signature"]["value"] = base64url_encode(crypto::Bytes(64, 1));
  BOOST_TEST(
      with_trailer(canonical_string(altered_signature)).find("line 7: signature does not verify") !=
      std::string::npos);
  Json no_signature = json_of(trailer);
  no_signature.erase("signature");
  BOOST_TEST(with_trailer(canonical_string(no_signature)).find("line 7: signature: missing") !=
             std::string::npos);
  lines.pop_back();
  write_lines(path, lines);
  BOOST_TEST(error_of(path) ==
             "ballot box " + path.string() + ": truncated: no trailer line after line 6");
}

// The tally reads the signed trailer first, from the file's end (its voter
// list history decides eligibility), then the entries in one pass.
BOOST_AUTO_TEST_CASE(the_signed_trailer_alone_is_the_readers_trailer) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = write_box(folder);
  BallotBoxReader reader(path, e.config, e.config_hash);
  while (reader.next()) {
  }
  const BallotBoxTrailer alone = read_signed_trailer(path, e.config, e.config_hash);
  BOOST_TEST(alone.count == reader.trailer().count);
  BOOST_TEST(alone.log_head == reader.trailer().log_head);
  BOOST_TEST(alone.config_hash == reader.trailer().config_hash);
  BOOST_TEST((alone.voter_lists == reader.trailer().voter_lists));

  // What it does not read: an altered entry is the full reader's to find.
  auto lines = lines_of(path);
  const auto original = lines;
  Json entry = json_of(lines[2]);
  entry["time"] = "2027-02-24T09:07:42Z";
  lines[2] = canonical_string(entry);
  write_lines(path, lines);
  BOOST_TEST(read_signed_trailer(path, e.config, e.config_hash).log_head == alone.log_head);
  BOOST_TEST(error_of(path).find("log_head: does not match") != std::string::npos);

  auto refusal = [&](const std::vector<std::string>& changed) {
    write_lines(path, changed);
    try {
      read_signed_trailer(path, e.config, e.config_hash);
    } catch (const FormatError& error) {
      return std::string(error.what());
    }
    return std::string("(no error)");
  };
  lines = original;
  lines[6] = resigned_trailer(original[6], e.organizer_key, [](Json&) {});
  BOOST_TEST(refusal(lines).find("last line: signed by another key") != std::string::npos,
             refusal(lines));
  lines = original;
  lines.pop_back();
  BOOST_TEST(refusal(lines).find("last line: not the trailer") != std::string::npos,
             refusal(lines));
  lines = original;
  lines[6] = resigned_trailer(original[6], e.collector_key,
                              [](Json& j) { j["election_id"] = "OTHER_2027"; });
  BOOST_TEST(refusal(lines).find("election_id and config_hash differ from the header's") !=
                 std::string::npos,
             refusal(lines));
  write_lines(path, original);
  const crypto::Bytes good = evote::testing::read_whole_file(path);
  evote::testing::write_whole_file(path, crypto::BytesView(good).first(good.size() - 1));
  try {
    read_signed_trailer(path, e.config, e.config_hash);
    BOOST_FAIL("a box without its final newline was read");
  } catch (const FormatError& error) {
    BOOST_TEST(std::string(error.what()).find("truncated") != std::string::npos, error.what());
  }
  evote::testing::write_whole_file(path, {});
  BOOST_CHECK_EXCEPTION(read_signed_trailer(path, e.config, e.config_hash), FormatError,
                        has("empty file"));
}

BOOST_AUTO_TEST_CASE(other_damage_is_named) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = write_box(folder);
  const auto original = lines_of(path);
  auto lines = original;
  lines.push_back(original[1]);
  write_lines(path, lines);
  BOOST_TEST(error_of(path).find("line 8: data after the trailer line") != std::string::npos);
  lines = original;
  lines[2].insert(1, " ");
  write_lines(path, lines);
  BOOST_TEST(error_of(path).find("line 3: not in canonical form") != std::string::npos);
  lines = original;
  lines.insert(lines.begin() + 2, "");
  write_lines(path, lines);
  BOOST_TEST(error_of(path).find("line 3: empty line") != std::string::npos);
  lines = original;
  Json header = json_of(original[0]);
  header["election_id"] = "OTHER";
  lines[0] = canonical_string(header);
  write_lines(path, lines);
  BOOST_TEST(error_of(path).find("line 1: election_id: \"OTHER\", expected \"TEST_2027\"") !=
             std::string::npos);
  header = json_of(original[0]);
  header["version"] = 2;
  lines[0] = canonical_string(header);
  write_lines(path, lines);
  BOOST_TEST(error_of(path).find("line 1: version: unknown version 2") != std::string::npos);
  write_lines(path, original);
  BOOST_CHECK_EXCEPTION(BallotBoxReader(path, e.config, crypto::Bytes(32, 9)), FormatError,
                        has("line 1: config_hash: "));
}

BOOST_AUTO_TEST_CASE(writer_refuses_what_a_reader_would) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = folder / "box.jsonl";
  {
    BallotBoxWriter writer(path, {e.config.election_id, e.config_hash});
    BOOST_CHECK_EXCEPTION(writer.append(sample_entries()[1]), FormatError,
                          has("entry 1: sequence: 2, expected 1"));
    BallotBoxEntry wrong_voter = sample_entries()[0];
    wrong_voter.voter_id = kVoters[2];
    BOOST_CHECK_EXCEPTION(writer.append(wrong_voter), FormatError,
                          has("voter_id: not the voter_id of the signed ballot"));
    BallotBoxEntry short_id = sample_entries()[0];
    short_id.vote_id.pop_back();
    BOOST_CHECK_EXCEPTION(writer.append(short_id), FormatError,
                          has("vote_id: 15 bytes, expected 16"));
    writer.append(sample_entries()[0]);
    BOOST_TEST(writer.count() == 1u);
  }
  // Destroyed before finish: nothing is left behind.
  BOOST_TEST(std::filesystem::is_empty(folder.path()));
}

// An entry may carry the OCSP response the collector stored with it: it is
// read back byte for byte, it is outside the log chain (the head is the
// same with or without it), and an empty member is refused.
BOOST_AUTO_TEST_CASE(entries_carry_their_ocsp_response_outside_the_chain) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = folder / "box.jsonl";
  const crypto::Bytes response = {0x30, 0x03, 0x0a, 0x01, 0x00};  // opaque bytes to the format
  {
    BallotBoxWriter writer(path, {e.config.election_id, e.config_hash});
    for (BallotBoxEntry entry : sample_entries()) {
      if (entry.sequence % 2 == 1) entry.ocsp_response = response;
      writer.append(entry);
    }
    writer.finish(e.collector_key);
  }
  const auto logged = read_all(path);
  BOOST_REQUIRE_EQUAL(logged.size(), 5u);
  BOOST_TEST(logged[0].entry.ocsp_response == response);
  BOOST_TEST(logged[1].entry.ocsp_response.empty());
  BOOST_TEST(json_of(lines_of(path)[1]).at("ocsp_response") == "MAMKAQA");
  const auto plain = read_all(write_box(folder, "plain.jsonl"));
  BOOST_TEST(logged.back().log_head == plain.back().log_head);

  auto lines = lines_of(path);
  Json entry = json_of(lines[1]);
  entry["ocsp_response"] = "";
  lines[1] = canonical_string(entry);
  write_lines(path, lines);
  BOOST_TEST(error_of(path).find("line 2: ocsp_response: empty") != std::string::npos);
}

// The encoder's lines are the writer's file, byte for byte (the collector
// streams the encoder's lines over HTTPS).
BOOST_AUTO_TEST_CASE(encoder_lines_are_the_file) {
  const TestElection& e = test_election();
  TempFolder folder;
  const crypto::Bytes file = evote::testing::read_whole_file(write_box(folder));
  BallotBoxEncoder encoder({e.config.election_id, e.config_hash});
  std::string text = encoder.header_line();
  for (const auto& entry : sample_entries()) text += encoder.entry_line(entry);
  text += encoder.trailer_line(e.collector_key);
  BOOST_TEST(text == std::string(file.begin(), file.end()));
  BOOST_TEST(encoder.count() == 5u);
}

// Two versions of the voter list, the second applied an hour after the first.
std::vector<VoterListVersion> two_versions() {
  return {{1, crypto::Bytes(32, 0xa1), 1803456000}, {2, crypto::Bytes(32, 0xb2), 1803459600}};
}

// The trailer carries the voter list history, signed: it reads back as
// written, and altering it without the collector key breaks the signature.
BOOST_AUTO_TEST_CASE(trailer_carries_the_voter_list_history) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = folder / "box.jsonl";
  {
    BallotBoxWriter writer(path, {e.config.election_id, e.config_hash});
    for (const auto& entry : sample_entries()) writer.append(entry);
    writer.finish(e.collector_key, two_versions());
  }
  BallotBoxReader reader(path, e.config, e.config_hash);
  while (reader.next()) {
  }
  const std::vector<VoterListVersion>& read = reader.trailer().voter_lists;
  BOOST_REQUIRE_EQUAL(read.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    BOOST_TEST(read[i].sequence == two_versions()[i].sequence);
    BOOST_TEST(read[i].change_set_hash == two_versions()[i].change_set_hash);
    BOOST_TEST(read[i].applied == two_versions()[i].applied);
  }
  auto lines = lines_of(path);
  BOOST_TEST(lines[6].find("\"voter_lists\":[{\"applied\":\"2027-02-24T08:00:00Z\",\"hash\":\"" +
                           base64url_encode(crypto::Bytes(32, 0xa1)) + "\",\"sequence\":1},{") !=
             std::string::npos);
  Json altered = json_of(lines[6]);
  altered["voter_lists"][1]["applied"] = "2027-02-24T09:30:00Z";
  lines[6] = canonical_string(altered);
  write_lines(path, lines);
  BOOST_TEST(error_of(path).find("line 7: signature does not verify") != std::string::npos);
}

// Each broken history is refused, re-signed by the collector itself, with
// the line and the field named; the writer refuses it before signing.
BOOST_AUTO_TEST_CASE(bad_voter_list_histories_are_refused_naming_the_field) {
  const TestElection& e = test_election();
  TempFolder folder;
  const auto path = folder / "box.jsonl";
  {
    BallotBoxWriter writer(path, {e.config.election_id, e.config_hash});
    for (const auto& entry : sample_entries()) writer.append(entry);
    writer.finish(e.collector_key, two_versions());
  }
  auto lines = lines_of(path);
  const std::string trailer = lines[6];
  const std::string line7 = "ballot box " + path.string() + " line 7: ";
  auto with = [&](auto edit) {
    lines[6] = resigned_trailer(trailer, e.collector_key, edit);
    write_lines(path, lines);
    return error_of(path);
  };
  BOOST_TEST(with([](Json& j) { j["voter_lists"][1]["sequence"] = 3; }) ==
             line7 +
                 "voter_lists[1].sequence: 3, expected 2 (versions run 1, 2, 3, ... in order, "
                 "without gaps)");
  BOOST_TEST(with([](Json& j) {
               j["voter_lists"][0]["sequence"] = 2;
               j["voter_lists"][1]["sequence"] = 1;
             }).find(line7 + "voter_lists[0].sequence: 2, expected 1") == 0u);
  BOOST_TEST(with([](Json& j) {
               j["voter_lists"][0]["sequence"] = 0;
             }).find(line7 + "voter_lists[0].sequence: 0, expected 1") == 0u);
  BOOST_TEST(with([](Json& j) {
               j["voter_lists"].push_back(j["voter_lists"][1]);
             }).find(line7 + "voter_lists[2].sequence: 2, expected 3") == 0u);
  BOOST_TEST(with([](Json& j) { j["voter_lists"][1]["applied"] = "2027-02-24T07:59:59Z"; }) ==
             line7 +
                 "voter_lists[1].applied: 2027-02-24T07:59:59Z, before version 1's "
                 "2027-02-24T08:00:00Z (applied times never decrease)");
  BOOST_TEST(with([](Json& j) {
               j["voter_lists"][0]["hash"] = base64url_encode(crypto::Bytes(31, 0xa1));
             }) == line7 + "voter_lists[0].hash: 31 bytes, expected 32");
  BOOST_TEST(with([](Json& j) { j.erase("voter_lists"); }) == line7 + "voter_lists: missing");
  BOOST_TEST(with([](Json& j) { j["voter_lists"] = Json::object(); }) ==
             line7 + "voter_lists: expected an array, found object");
  BOOST_TEST(with([](Json& j) { j["voter_lists"][0]["note"] = "x"; }) ==
             line7 + "voter_lists[0].note: unknown field");
  BOOST_TEST(with([](Json& j) { j["voter_lists"][0].erase("applied"); }) ==
             line7 + "voter_lists[0].applied: missing");
  BOOST_TEST(with([](Json& j) {
               j["voter_lists"][0]["applied"] = "2027-02-24 08:00:00";
             }).find(line7 + "voter_lists[0].applied: ") == 0u);
  // Equal applied times are allowed (non-decreasing), and so is an empty history.
  BOOST_TEST(with([](Json& j) { j["voter_lists"][1]["applied"] = "2027-02-24T08:00:00Z"; }) ==
             "(no error)");
  BOOST_TEST(with([](Json& j) { j["voter_lists"] = Json::array(); }) == "(no error)");

  BallotBoxEncoder encoder({e.config.election_id, e.config_hash});
  std::vector<VoterListVersion> gap = two_versions();
  gap[1].sequence = 3;
  BOOST_CHECK_EXCEPTION(encoder.trailer_line(e.collector_key, gap), FormatError,
                        has("ballot box writer: trailer: voter_lists[1].sequence: 3, expected 2"));
  std::vector<VoterListVersion> backwards = two_versions();
  backwards[1].applied = backwards[0].applied - 1;
  BOOST_CHECK_EXCEPTION(encoder.trailer_line(e.collector_key, backwards), FormatError,
                        has("voter_lists[1].applied: "));
  std::vector<VoterListVersion> short_hash = two_versions();
  short_hash[0].change_set_hash.pop_back();
  BOOST_CHECK_EXCEPTION(encoder.trailer_line(e.collector_key, short_hash), FormatError,
                        has("voter_lists[0].hash: 31 bytes, expected 32"));
}

// The version a ballot is judged against: the largest sequence applied at
// or before its time; 0 before the first and for no history.
BOOST_AUTO_TEST_CASE(voter_list_version_at_a_ballot_time) {
  const std::vector<VoterListVersion> lists = two_versions();
  BOOST_TEST(voter_list_version_at({}, 1803460000) == 0u);
  BOOST_TEST(voter_list_version_at(lists, 0) == 0u);
  BOOST_TEST(voter_list_version_at(lists, 1803456000 - 1) == 0u);
  BOOST_TEST(voter_list_version_at(lists, 1803456000) == 1u);  // applied <= time: in force
  BOOST_TEST(voter_list_version_at(lists, 1803459600 - 1) == 1u);
  BOOST_TEST(voter_list_version_at(lists, 1803459600) == 2u);
  BOOST_TEST(voter_list_version_at(lists, std::numeric_limits<std::int64_t>::max()) == 2u);
  // Two versions applied in the same second: the later one is in force.
  std::vector<VoterListVersion> same_second = lists;
  same_second[1].applied = same_second[0].applied;
  BOOST_TEST(voter_list_version_at(same_second, 1803456000) == 2u);
  BOOST_TEST(voter_list_version_at(same_second, 1803456000 - 1) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
