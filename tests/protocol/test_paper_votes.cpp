// Paper-vote lists: text import, canonical bytes (streamed and DOM agree),
// parsing, signatures, and every way a file can be wrong.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/signed_document.hpp"

using namespace evote;
using namespace evote::protocol;

namespace {

auto what_contains(std::string part) {
  return [part](const std::exception& e) {
    BOOST_TEST_INFO("what(): " << e.what());
    return std::string(e.what()).find(part) != std::string::npos;
  };
}

crypto::BytesView bytes_of(const std::string& text) { return crypto::as_bytes(text); }

std::vector<PersonalCode> import(const std::string& text) {
  std::istringstream in(text);
  return import_paper_votes(in, "paper.txt");
}

struct Election {
  crypto::Ed25519SigningKey organizer = crypto::Ed25519SigningKey::generate();
  ElectionConfig config;

  Election() {
    config.election_id = "RK_2027";
    config.districts = {District{"0101", {{"et", "Tallinn"}}}};
    config.organizer_key = organizer.public_key();
  }

  PaperVotes signed_list(const std::string& text) const {
    PaperVotes doc;
    doc.election_id = config.election_id;
    doc.voters = import(text);
    sign(doc, organizer);
    return doc;
  }
};

const std::string kList = "49002124277\n38001085718\n60101010008\n";

std::string edited(const PaperVotes& doc, const std::function<void(Json&)>& edit) {
  Json json = to_json(doc);
  edit(json);
  return canonical_string(json);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(paper_vote_import)

BOOST_AUTO_TEST_CASE(reads_and_sorts) {
  const std::vector<PersonalCode> codes = import(
      "\xEF\xBB\xBF"
      "49002124277\r\n38001085718\n60101010008");
  BOOST_REQUIRE_EQUAL(codes.size(), 3u);
  BOOST_TEST(codes[0].str() == "38001085718");
  BOOST_TEST(codes[1].str() == "49002124277");
  BOOST_TEST(codes[2].str() == "60101010008");
  BOOST_TEST(import("").empty());
}

BOOST_AUTO_TEST_CASE(each_bad_line_is_named) {
  const std::pair<std::string, std::string> cases[] = {
      {"38001085718\n3800108571\n",
       "paper.txt:2: personal code must be 11 digits, found \"3800108571\""},
      {"38001085718\n38001085718 \n", "paper.txt:2: personal code must be 11 digits"},
      {"38001085718\n\n49002124277\n", "paper.txt:2: empty line"},
      {"abc\n", "paper.txt:1: personal code must be 11 digits"},
      {"60101010008\n38001085718\n49002124277\n38001085718\n60101010008\n",
       "paper.txt:4: duplicate voter 38001085718 (also on line 2)"},
  };
  for (const auto& [text, message] : cases) {
    BOOST_TEST_CONTEXT("expecting: " << message) {
      BOOST_CHECK_EXCEPTION(import(text), FormatError, what_contains(message));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(paper_vote_document)

BOOST_AUTO_TEST_CASE(stable_bytes_equal_to_generic) {
  const Election e;
  PaperVotes doc;
  doc.election_id = "RK_2027";
  doc.voters = import(kList);
  BOOST_TEST(canonical_string(doc) ==
             R"({"election_id":"RK_2027","type":"paper-votes","version":1,)"
             R"("voters":["38001085718","49002124277","60101010008"]})");
  BOOST_TEST(canonical_string(doc) == canonical_string(to_json(doc)));
  sign(doc, e.organizer);
  const Json json = to_json(doc);
  BOOST_TEST(canonical_string(doc) == canonical_string(json));
  BOOST_TEST((signing_digest(doc) == signing_digest(json)));
  BOOST_TEST(verify_document_signature(json, e.organizer.public_key(), "test").ok);
  PaperVotes again = doc;
  sign(again, e.organizer);
  BOOST_TEST(canonical_string(again) == canonical_string(doc));
  PaperVotes empty;
  empty.election_id = "RK_2027";
  BOOST_TEST(canonical_string(empty) == canonical_string(to_json(empty)));
}

BOOST_AUTO_TEST_CASE(round_trip_and_check) {
  const Election e;
  const PaperVotes doc = e.signed_list(kList);
  const std::string text = canonical_string(doc);
  const PaperVotes back = parse_paper_votes(bytes_of(text), "paper.json");
  BOOST_TEST(back.election_id == doc.election_id);
  BOOST_TEST((back.voters == doc.voters));
  BOOST_TEST((back.signature == doc.signature));
  BOOST_CHECK_NO_THROW(check_paper_votes(back, e.config, "paper.json"));
  BOOST_TEST(back.contains(PersonalCode::parse("49002124277").value()));
  BOOST_TEST(!back.contains(PersonalCode::parse("49002124278").value()));
}

BOOST_AUTO_TEST_CASE(file_round_trip) {
  const Election e;
  const PaperVotes doc = e.signed_list(kList);
  const auto dir =
      std::filesystem::temp_directory_path() / ("evote-pv-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "paper.json";
  save_paper_votes(doc, path, WriteMode::new_public());
  BOOST_TEST(canonical_string(load_paper_votes(path)) == canonical_string(doc));
  std::ofstream(path) << to_json(doc).dump(2);
  BOOST_CHECK_EXCEPTION(load_paper_votes(path), FormatError,
                        what_contains("not in canonical form"));
  BOOST_CHECK_EXCEPTION(load_paper_votes(dir / "none.json"), FormatError,
                        what_contains("none.json: cannot read"));
  std::ofstream(dir / "paper.txt") << kList;
  BOOST_TEST((import_paper_votes_file(dir / "paper.txt") == doc.voters));
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(check_refuses) {
  const Election e;
  const Election other;
  const PaperVotes doc = e.signed_list(kList);
  PaperVotes unsigned_list = doc;
  unsigned_list.signature.reset();
  PaperVotes other_key = doc;
  sign(other_key, other.organizer);
  PaperVotes tampered = doc;
  tampered.voters.pop_back();
  PaperVotes wrong_election = doc;
  wrong_election.election_id = "KOV_2025";
  sign(wrong_election, e.organizer);
  const std::pair<const PaperVotes*, std::string> cases[] = {
      {&unsigned_list, "paper.json: signature: missing"},
      {&other_key, "paper.json: signed by another key"},
      {&tampered, "paper.json: signature does not verify"},
      {&wrong_election, "paper.json: election_id: \"KOV_2025\" is not this election (\"RK_2027\")"},
  };
  for (const auto& [list, message] : cases) {
    BOOST_CHECK_EXCEPTION(check_paper_votes(*list, e.config, "paper.json"), FormatError,
                          what_contains(message));
  }
}

BOOST_AUTO_TEST_CASE(each_problem_is_named) {
  const Election e;
  const PaperVotes doc = e.signed_list(kList);
  const std::pair<std::function<void(Json&)>, std::string> cases[] = {
      {[](Json& j) { j["version"] = 2; }, "paper.json: version: unknown version 2"},
      {[](Json& j) { j["type"] = "voter-list-changes"; },
       "paper.json: type: expected \"paper-votes\""},
      {[](Json& j) { j.erase("voters"); }, "paper.json: voters: missing"},
      {[](Json& j) { j.erase("election_id"); }, "paper.json: election_id: missing"},
      {[](Json& j) { j["voters"] = "38001085718"; },
       "paper.json: voters: expected an array, found string"},
      {[](Json& j) { j["voters"][1] = 49002124277; },
       "paper.json: voters[1]: expected a string, found integer"},
      {[](Json& j) { j["voters"][1] = "4900212427"; },
       "paper.json: voters[1]: personal code must be 11 digits"},
      {[](Json& j) { j["voters"][1] = "38001085718"; },
       "paper.json: voters[1]: duplicate voter 38001085718"},
      {[](Json& j) { j["voters"][0] = "50001010006"; },
       "paper.json: voters[1]: not in increasing order (49002124277 after 50001010006)"},
      {[](Json& j) { j["extra"] = 1; }, "paper.json: extra: unknown field"},
      {[](Json& j) { j["election_id"] = 7; },
       "paper.json: election_id: expected a string, found integer"},
      {[](Json& j) { j["signature"].erase("value"); }, "paper.json: signature.value: missing"},
      {[](Json& j) { j["version"] = 2, j["voters"][0] = 1; },
       "paper.json: version: unknown version 2"},
  };
  for (const auto& [edit, message] : cases) {
    BOOST_TEST_CONTEXT("expecting: " << message) {
      BOOST_CHECK_EXCEPTION(parse_paper_votes(bytes_of(edited(doc, edit)), "paper.json"),
                            FormatError, what_contains(message));
    }
  }
  const std::string text = canonical_string(doc);
  BOOST_CHECK_EXCEPTION(parse_paper_votes(bytes_of(to_json(doc).dump(1)), "paper.json"),
                        FormatError, what_contains("not in canonical form"));
  BOOST_CHECK_EXCEPTION(parse_paper_votes(bytes_of("[]"), "paper.json"), FormatError,
                        what_contains("paper.json: (top level): expected an object, found array"));
}

BOOST_AUTO_TEST_CASE(truncated_or_changed_file) {
  const Election e;
  const std::string text = canonical_string(e.signed_list(kList));
  for (std::size_t length :
       {std::size_t{0}, std::size_t{1}, text.size() / 2, text.size() - 3, text.size() - 1}) {
    BOOST_TEST_CONTEXT("length " << length) {
      BOOST_CHECK_THROW(parse_paper_votes(bytes_of(text.substr(0, length)), "paper.json"),
                        FormatError);
    }
  }
  std::size_t by_signature = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    for (std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x20}}) {
      std::string changed = text;
      changed[pos] = static_cast<char>(static_cast<std::uint8_t>(changed[pos]) ^ flip);
      PaperVotes doc;
      try {
        doc = parse_paper_votes(bytes_of(changed), "paper.json");
      } catch (const FormatError&) {
        continue;
      }
      BOOST_TEST_CONTEXT("byte " << pos << " ^ " << int(flip)) {
        BOOST_CHECK_THROW(check_paper_votes(doc, e.config, "paper.json"), FormatError);
      }
      ++by_signature;
    }
  }
  BOOST_TEST(by_signature > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
