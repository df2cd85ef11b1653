// Voter list change sets: TSV import, canonical bytes (streamed and DOM
// agree), parsing, signatures, the hash chain and the registry, and every
// way a file can be wrong.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/voter_list.hpp"
#include "evote/protocol/voter_registry.hpp"

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

struct Election {
  crypto::Ed25519SigningKey organizer = crypto::Ed25519SigningKey::generate();
  ElectionConfig config;

  Election() {
    config.election_id = "RK_2027";
    config.districts = {District{"0101", {{"et", "Tallinn"}}}, District{"0102", {{"et", "Tartu"}}},
                        District{"0201", {{"et", "Narva"}}}};
    config.organizer_key = organizer.public_key();
  }

  VoterChangeList import(const std::string& tsv) const {
    std::istringstream in(tsv);
    return import_voter_tsv(in, "voters.tsv", config);
  }

  VoterListChanges change_set(std::uint64_t sequence, const ChangeSetHash& previous,
                              const std::string& tsv) const {
    VoterListChanges doc;
    doc.election_id = config.election_id;
    doc.sequence = sequence;
    doc.previous = previous;
    doc.changes = import(tsv);
    sign(doc, organizer);
    return doc;
  }
};

const std::string kFirstTsv =
    "add\t38001085718\tMari-Liis Männik\t0101\n"
    "add\t49002124277\tJüri \"Juss\" Tamm\t0102\n"
    "add\t50001010006\tOleg Ivanov\t0201\n";

PersonalCode code(std::string_view text) { return PersonalCode::parse(text).value(); }

// The canonical bytes of the DOM with one member replaced or removed.
std::string edited(const VoterListChanges& doc, const std::function<void(Json&)>& edit) {
  Json json = to_json(doc);
  edit(json);
  return canonical_string(json);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(personal_codes)

BOOST_AUTO_TEST_CASE(exactly_eleven_digits) {
  BOOST_TEST(PersonalCode::parse("38001085718").value().str() == "38001085718");
  BOOST_TEST(PersonalCode::parse("00000000001").value().str() ==
             "00000000001");  // leading zeros kept
  for (const char* bad : {"", "3800108571", "380010857180", "3800108571a", " 38001085718",
                          "+3800108571", "38001085718\n", "３8001085718"}) {
    BOOST_TEST_INFO("input: " << bad);
    BOOST_TEST(!PersonalCode::parse(bad).has_value());
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tsv_import)

BOOST_AUTO_TEST_CASE(reads_adds_and_removes) {
  const Election e;
  const VoterChangeList list = e.import(
      "\xEF\xBB\xBF"
      "add\t38001085718\tMari Maasikas\t0101\r\n"
      "remove\t49002124277\n"
      "add\t49002124277\tJüri Tamm\t0102");  // no final newline
  BOOST_REQUIRE_EQUAL(list.size(), 3u);
  BOOST_TEST((list[0].action == VoterAction::add));
  BOOST_TEST((list[0].code == code("38001085718")));
  BOOST_TEST(list[0].name == "Mari Maasikas");
  BOOST_TEST(list[0].district == "0101");
  BOOST_TEST((list[1].action == VoterAction::remove));
  BOOST_TEST(list[1].name.empty());
  BOOST_TEST(list[2].name == "Jüri Tamm");  // remove then add: a move
}

BOOST_AUTO_TEST_CASE(each_bad_line_is_named) {
  const Election e;
  const std::string ok = "add\t38001085718\tMari Maasikas\t0101\n";
  const std::pair<std::string, std::string> cases[] = {
      {ok + "add\t49002124277\tJüri Tamm\t0999\n", "voters.tsv:2: unknown district \"0999\""},
      {"add\t38001085718\tMari Maasikas\n", "voters.tsv:1: expected 4 fields, found 3"},
      {ok + "add\t49002124277\tJüri\tTamm\t0102\n", "voters.tsv:2: expected 4 fields, found 5"},
      {"remove\t38001085718\tMari Maasikas\n", "voters.tsv:1: expected 2 fields, found 3"},
      {"delete\t38001085718\n", "voters.tsv:1: unknown action \"delete\" (add or remove)"},
      {ok + "add\t49002124277\t\t0102\n", "voters.tsv:2: empty name"},
      {"add\t3800108571\tMari Maasikas\t0101\n",
       "voters.tsv:1: personal code must be 11 digits, found \"3800108571\""},
      {"add\t3800108571X\tMari Maasikas\t0101\n", "voters.tsv:1: personal code must be 11 digits"},
      {"remove\t380010857181\n", "voters.tsv:1: personal code must be 11 digits"},
      {ok + "\n" + ok, "voters.tsv:2: empty line"},
      {"add\t38001085718\tMari\x01Maasikas\t0101\n",
       "voters.tsv:1: name contains a control character"},
      {"add\t38001085718\tMari \xC3\x28 Maasikas\t0101\n", "voters.tsv:1: name is not valid UTF-8"},
      {"add\t38001085718\t" + std::string(300, 'x') + "\t0101\n",
       "voters.tsv:1: name longer than 256 bytes"},
      {"", "voters.tsv: no changes (empty file)"},
      {ok + "add\t49002124277\tJüri Tamm\t0102\n" + ok,
       "voters.tsv:3: duplicate add of 38001085718 (first added on line 1)"},
      {"remove\t38001085718\nremove\t38001085718\n",
       "voters.tsv:2: duplicate remove of 38001085718 (first removed on line 1)"},
      {ok + "remove\t38001085718\n",
       "voters.tsv:2: remove of 38001085718 after its add (added on line 1)"},
  };
  for (const auto& [tsv, message] : cases) {
    BOOST_TEST_CONTEXT("expecting: " << message) {
      BOOST_CHECK_EXCEPTION(e.import(tsv), FormatError, what_contains(message));
    }
  }
}

BOOST_AUTO_TEST_CASE(duplicate_reported_at_its_first_line) {
  const Election e;
  const std::string tsv =
      "add\t50001010006\tA\t0101\nadd\t38001085718\tB\t0101\nadd\t38001085718\tC\t0101\nadd\t500010"
      "10006\tD\t0101\n";
  BOOST_CHECK_EXCEPTION(e.import(tsv), FormatError,
                        what_contains("voters.tsv:3: duplicate add of 38001085718"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(canonical_form)

BOOST_AUTO_TEST_CASE(stable_bytes) {
  const Election e;
  VoterListChanges doc;
  doc.election_id = "RK_2027";
  doc.changes = e.import(kFirstTsv);
  const std::string expected =
      R"({"changes":[{"action":"add","code":"38001085718","district":"0101","name":"Mari-Liis Männik"},)"
      R"({"action":"add","code":"49002124277","district":"0102","name":"Jüri \"Juss\" Tamm"},)"
      R"({"action":"add","code":"50001010006","district":"0201","name":"Oleg Ivanov"}],)"
      R"("election_id":"RK_2027","previous":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","sequence":1,)"
      R"("type":"voter-list-changes","version":1})";
  BOOST_TEST(canonical_string(doc) == expected);
  // Ed25519 is deterministic: signing twice gives the same file.
  VoterListChanges again = doc;
  sign(doc, e.organizer);
  sign(again, e.organizer);
  BOOST_TEST(canonical_string(doc) == canonical_string(again));
  BOOST_TEST((change_set_hash(doc) == change_set_hash(again)));
}

BOOST_AUTO_TEST_CASE(streamed_equals_generic) {
  const Election e;
  VoterListChanges doc = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  VoterListChanges later =
      e.change_set(2, change_set_hash(doc), "remove\t38001085718\nadd\t38001085718\tMari\t0102\n");
  // Escapes and every UTF-8 length: backslash, slash, Cyrillic, CJK, emoji.
  VoterListChanges odd_names = e.change_set(1, kNoPreviousChangeSet,
                                            "add\t38001085718\tO\\Brien / Ó'Súilleabháin\t0101\n"
                                            "add\t49002124277\tЮлия Кузнецова\t0102\n"
                                            "add\t50001010006\t李小龍 \xF0\x9F\x97\xB3\t0201\n");
  for (VoterListChanges* d : {&doc, &later, &odd_names}) {
    const Json json = to_json(*d);
    const std::string signed_text = canonical_string(*d);
    BOOST_TEST(signed_text == canonical_string(json));
    // Any canonical-JSON tool reads the same document.
    BOOST_TEST((parse_canonical(bytes_of(signed_text), "test") == json));
    BOOST_TEST((signing_digest(*d) == signing_digest(json)));
    BOOST_TEST(verify_document_signature(json, e.organizer.public_key(), "test").ok);
    Json resigned = json;
    sign_document(resigned, e.organizer);
    BOOST_TEST((resigned == json));
    const crypto::Bytes generic_hash =
        crypto::xof("evote/voter-list-hash/v1", canonical_bytes(json), 32);
    const ChangeSetHash streamed_hash = change_set_hash(*d);
    BOOST_TEST((crypto::Bytes(streamed_hash.begin(), streamed_hash.end()) == generic_hash));
    BOOST_TEST((change_set_hash(bytes_of(signed_text)) == streamed_hash));
    const ChangeSetDigests both = change_set_digests(*d);
    BOOST_TEST((both.signing_digest == signing_digest(json)));
    BOOST_TEST((both.hash == streamed_hash));
  }
}

BOOST_AUTO_TEST_CASE(round_trip) {
  const Election e;
  const VoterListChanges doc = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  const std::string text = canonical_string(doc);
  const VoterListChanges back = parse_voter_list_changes(bytes_of(text), "list.json");
  BOOST_TEST(back.election_id == doc.election_id);
  BOOST_TEST(back.sequence == doc.sequence);
  BOOST_TEST((back.previous == doc.previous));
  BOOST_TEST((back.changes == doc.changes));
  BOOST_TEST((back.signature == doc.signature));
  BOOST_TEST(canonical_string(back) == text);
  BOOST_TEST(verify_signature(back, e.organizer.public_key(), "list.json").ok);
}

BOOST_AUTO_TEST_CASE(file_round_trip) {
  const Election e;
  const VoterListChanges doc = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  const auto dir =
      std::filesystem::temp_directory_path() / ("evote-vl-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "changes-1.json";
  save_voter_list_changes(doc, path, WriteMode::new_public());
  const VoterListChanges back = load_voter_list_changes(path);
  BOOST_TEST(canonical_string(back) == canonical_string(doc));
  // Pretty-printed: the same JSON, not the same bytes.
  std::ofstream(path) << to_json(doc).dump(2);
  BOOST_CHECK_EXCEPTION(load_voter_list_changes(path), FormatError,
                        what_contains("not in canonical form"));
  BOOST_CHECK_EXCEPTION(load_voter_list_changes(dir / "missing.json"), FormatError,
                        what_contains("missing.json: cannot read: No such file"));
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bad_documents)

BOOST_AUTO_TEST_CASE(each_problem_is_named) {
  const Election e;
  const VoterListChanges doc = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  const std::pair<std::function<void(Json&)>, std::string> cases[] = {
      {[](Json& j) { j["version"] = 2; }, "list.json: version: unknown version 2"},
      {[](Json& j) { j["type"] = "paper-votes"; },
       "list.json: type: expected \"voter-list-changes\""},
      {[](Json& j) { j.erase("election_id"); }, "list.json: election_id: missing"},
      {[](Json& j) { j.erase("changes"); }, "list.json: changes: missing"},
      {[](Json& j) { j.erase("previous"); }, "list.json: previous: missing"},
      {[](Json& j) { j["sequence"] = "1"; },
       "list.json: sequence: expected an integer, found string"},
      {[](Json& j) { j["sequence"] = -1; }, "list.json: sequence: must not be negative"},
      {[](Json& j) { j["sequence"] = 0; }, "list.json: sequence: must be at least 1"},
      {[](Json& j) { j["changes"] = Json::object(); },
       "list.json: changes: expected an array, found object"},
      {[](Json& j) { j["changes"] = Json::array(); }, "list.json: changes: no changes"},
      {[](Json& j) { j["extra"] = 1; }, "list.json: extra: unknown field"},
      {[](Json& j) { j["previous"] = "AAAA"; }, "list.json: previous: expected 32 bytes, found 3"},
      {[](Json& j) { j["previous"] = "A"; }, "list.json: previous: base64url"},
      {[](Json& j) { j["election_id"] = "RK 2027"; },
       "list.json: election_id: \"RK 2027\" is not an identifier"},
      {[](Json& j) { j["changes"][1]["code"] = 49002124277; },
       "changes[1].code: expected a string, found integer"},
      {[](Json& j) { j["changes"][1]["code"] = "4900212427"; },
       "changes[1].code: personal code must be 11 digits"},
      {[](Json& j) { j["changes"][2]["district"] = "09 99"; },
       "changes[2].district: \"09 99\" is not an identifier"},
      {[](Json& j) { j["changes"][0].erase("name"); }, "list.json: changes[0].name: missing"},
      {[](Json& j) { j["changes"][0]["name"] = ""; }, "list.json: changes[0].name: empty name"},
      {[](Json& j) { j["changes"][0]["name"] = "a\tb"; },
       "changes[0].name: name contains a control character"},
      {[](Json& j) { j["changes"][0]["action"] = "move"; },
       "changes[0].action: unknown action \"move\""},
      {[](Json& j) { j["changes"][0]["extra"] = true; }, "changes[0].extra: unknown field"},
      {[](Json& j) {
         j["changes"][2] = {{"action", "remove"}, {"code", "50001010006"}, {"name", "x"}};
       },
       "changes[2].name: unknown field"},
      {[](Json& j) { j["changes"][2] = "50001010006"; },
       "changes[2]: expected an object, found string"},
      {[](Json& j) { j["changes"][2]["code"] = "38001085718"; },
       "list.json: changes[2]: duplicate add of 38001085718 (first added at changes[0])"},
      {[](Json& j) { j["signature"]["algorithm"] = "rsa"; },
       "signature.algorithm: only \"ed25519\""},
      {[](Json& j) { j["signature"]["public_key"] = "AAAA"; }, "signature.public_key"},
      {[](Json& j) { j["sequence"] = 2; },
       "list.json: previous: 32 zero bytes, but only the first change set"},
      // A newer version is reported as such, not as the changes it cannot read.
      {[](Json& j) { j["version"] = 2, j["changes"][0]["action"] = "move"; },
       "version: unknown version 2"},
  };
  for (const auto& [edit, message] : cases) {
    BOOST_TEST_CONTEXT("expecting: " << message) {
      const std::string text = edited(doc, edit);
      BOOST_CHECK_EXCEPTION(parse_voter_list_changes(bytes_of(text), "list.json"), FormatError,
                            what_contains(message));
    }
  }
}

BOOST_AUTO_TEST_CASE(not_json_or_not_canonical) {
  const Election e;
  const VoterListChanges doc = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  const std::string text = canonical_string(doc);
  const std::pair<std::string, std::string> cases[] = {
      {"", "list.json: empty file"},
      {"[]", "list.json: (top level): expected an object, found array"},
      {"\"x\"", "list.json: (top level): expected an object, found string"},
      {"{\"changes\":[1,2", "list.json: not valid JSON (byte"},
      {text + "\n", "list.json: not in canonical form at byte " + std::to_string(text.size())},
      {text + "x", "list.json: not valid JSON"},
      {" " + text, "not in canonical form at byte 0"},
      {to_json(doc).dump(1), "not in canonical form"},
      {"{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}",
       "list.json: nested too deeply"},
  };
  for (const auto& [input, message] : cases) {
    BOOST_TEST_CONTEXT("expecting: " << message) {
      BOOST_CHECK_EXCEPTION(parse_voter_list_changes(bytes_of(input), "list.json"), FormatError,
                            what_contains(message));
    }
  }
  // Same data, a needless escape: valid JSON, not canonical.
  std::string escaped = text;
  escaped.replace(escaped.find("Oleg"), 1, "\\u004f");
  BOOST_CHECK_EXCEPTION(parse_voter_list_changes(bytes_of(escaped), "list.json"), FormatError,
                        what_contains("not in canonical form at byte"));
  // Keys out of order.
  std::string reordered = text;
  reordered.replace(reordered.find(R"("district":"0201","name":"Oleg Ivanov")"),
                    std::string(R"("district":"0201","name":"Oleg Ivanov")").size(),
                    R"("name":"Oleg Ivanov","district":"0201")");
  BOOST_CHECK_EXCEPTION(parse_voter_list_changes(bytes_of(reordered), "list.json"), FormatError,
                        what_contains("not in canonical form"));
}

BOOST_AUTO_TEST_CASE(truncated_file) {
  const Election e;
  const std::string text = canonical_string(e.change_set(1, kNoPreviousChangeSet, kFirstTsv));
  for (std::size_t length : {std::size_t{0}, std::size_t{1}, std::size_t{10}, text.size() / 3,
                             text.size() / 2, text.size() - 40, text.size() - 2, text.size() - 1}) {
    BOOST_TEST_CONTEXT("length " << length) {
      BOOST_CHECK_THROW(parse_voter_list_changes(bytes_of(text.substr(0, length)), "list.json"),
                        FormatError);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_changed_byte_is_caught) {
  const Election e;
  const std::string text = canonical_string(e.change_set(1, kNoPreviousChangeSet, kFirstTsv));
  std::size_t refused_by_parse = 0;
  std::size_t refused_by_registry = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    for (std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x20}}) {
      std::string changed = text;
      changed[pos] = static_cast<char>(static_cast<std::uint8_t>(changed[pos]) ^ flip);
      VoterListChanges doc;
      try {
        doc = parse_voter_list_changes(bytes_of(changed), "list.json");
      } catch (const FormatError&) {
        ++refused_by_parse;
        continue;
      }
      VoterRegistry registry(e.config);
      BOOST_TEST_CONTEXT("byte " << pos << " ^ " << int(flip)) {
        BOOST_CHECK_THROW(registry.apply(doc), FormatError);
      }
      ++refused_by_registry;
      BOOST_TEST(registry.size() == 0u);
    }
  }
  BOOST_TEST_MESSAGE("changed bytes refused by the parser: "
                     << refused_by_parse << ", by the registry: " << refused_by_registry);
  BOOST_TEST(refused_by_registry >
             0u);  // some edits are well-formed and only the signature catches them
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(registry)

BOOST_AUTO_TEST_CASE(applies_a_chain) {
  const Election e;
  VoterRegistry registry(e.config);
  BOOST_TEST(registry.version() == 0u);
  const VoterListChanges first = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  registry.apply(first);
  BOOST_TEST(registry.version() == 1u);
  BOOST_TEST(registry.size() == 3u);
  BOOST_TEST((registry.head() == change_set_hash(first)));
  const auto mari = registry.find("38001085718");
  BOOST_REQUIRE(mari.has_value());
  BOOST_TEST(mari->name == "Mari-Liis Männik");
  BOOST_TEST(mari->district == "0101");
  BOOST_TEST(!registry.find("12345678901").has_value());
  BOOST_TEST(!registry.find("not a code").has_value());

  // Move Mari, remove Oleg, add a new voter.
  const VoterListChanges second = e.change_set(2, change_set_hash(first),
                                               "remove\t38001085718\n"
                                               "add\t38001085718\tMari-Liis Männik\t0201\n"
                                               "remove\t50001010006\n"
                                               "add\t60101010008\tAnna Kask\t0102\n");
  registry.apply(second);
  BOOST_TEST(registry.version() == 2u);
  BOOST_TEST(registry.size() == 3u);
  BOOST_TEST(registry.find(code("38001085718"))->district == "0201");
  BOOST_TEST(!registry.find(code("50001010006")).has_value());
  BOOST_TEST(registry.find(code("60101010008"))->name == "Anna Kask");
  BOOST_TEST(registry.find(code("49002124277"))->name == "Jüri \"Juss\" Tamm");
  // A removed voter may come back later.
  registry.apply(e.change_set(3, change_set_hash(second), "add\t50001010006\tOleg Ivanov\t0101\n"));
  BOOST_TEST(registry.find(code("50001010006"))->district == "0101");
}

BOOST_AUTO_TEST_CASE(broken_chain_and_signatures) {
  const Election e;
  const Election other;  // another election's organizer key
  const VoterListChanges first = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  const ChangeSetHash h1 = change_set_hash(first);
  const std::string second_tsv = "add\t60101010008\tAnna Kask\t0102\n";

  VoterListChanges wrong_election = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  wrong_election.election_id = "KOV_2025";
  sign(wrong_election, e.organizer);
  VoterListChanges unsigned_set = first;
  unsigned_set.signature.reset();
  VoterListChanges other_key = first;
  sign(other_key, other.organizer);
  VoterListChanges tampered = first;
  tampered.changes = e.import(
      "add\t38001085718\tMari-Liis Männik\t0102\n"
      "add\t49002124277\tJüri \"Juss\" Tamm\t0102\n"
      "add\t50001010006\tOleg Ivanov\t0201\n");
  VoterListChanges bad_value = first;
  bad_value.signature->value.resize(10);

  const std::pair<const VoterListChanges*, std::string> on_empty[] = {
      {&wrong_election,
       "voter list change set 1: election_id: \"KOV_2025\" is not this election (\"RK_2027\")"},
      {&unsigned_set, "voter list change set 1: signature: missing"},
      {&other_key, "voter list change set 1: signed by another key"},
      {&tampered, "voter list change set 1: signature does not verify"},
      {&bad_value,
       "voter list change set 1: signature does not verify (Ed25519 signature: wrong length"},
  };
  for (const auto& [doc, message] : on_empty) {
    VoterRegistry registry(e.config);
    BOOST_CHECK_EXCEPTION(registry.apply(*doc), FormatError, what_contains(message));
    BOOST_TEST(registry.version() == 0u);
  }

  VoterRegistry registry(e.config);
  registry.apply(first);
  const VoterListChanges skipped = e.change_set(3, h1, second_tsv);
  ChangeSetHash wrong_hash = h1;
  wrong_hash[0] ^= 1;
  const VoterListChanges wrong_previous = e.change_set(2, wrong_hash, second_tsv);
  const std::pair<const VoterListChanges*, std::string> after_first[] = {
      {&first, "voter list change set 1: sequence: expected 2 (the voter list is at version 1)"},
      {&skipped, "voter list change set 3: sequence: expected 2"},
      {&wrong_previous,
       "voter list change set 2: previous: does not match the hash of change set 1"},
  };
  for (const auto& [doc, message] : after_first) {
    BOOST_CHECK_EXCEPTION(registry.apply(*doc), FormatError, what_contains(message));
  }
  BOOST_TEST(registry.version() == 1u);
  registry.apply(e.change_set(2, h1, second_tsv));
  BOOST_TEST(registry.version() == 2u);
}

BOOST_AUTO_TEST_CASE(content_errors_name_the_change) {
  const Election e;
  VoterRegistry registry(e.config);
  const VoterListChanges first = e.change_set(1, kNoPreviousChangeSet, kFirstTsv);
  registry.apply(first);
  const ChangeSetHash h1 = change_set_hash(first);

  VoterListChanges unknown_district;
  unknown_district.election_id = "RK_2027";
  unknown_district.sequence = 2;
  unknown_district.previous = h1;
  unknown_district.changes.add(code("60101010008"), "Anna Kask", "0102");
  unknown_district.changes.add(code("60101010019"), "Peeter Kask", "0999");  // not in the config
  sign(unknown_district, e.organizer);

  const std::pair<VoterListChanges, std::string> cases[] = {
      {unknown_district, "voter list change set 2: changes[1].district: unknown district \"0999\""},
      {e.change_set(2, h1, "add\t60101010008\tAnna Kask\t0102\nadd\t38001085718\tMari\t0102\n"),
       "voter list change set 2: changes[1]: add of 38001085718, who is already on the list "
       "(district 0101)"},
      {e.change_set(2, h1, "remove\t60101010008\n"),
       "voter list change set 2: changes[0]: remove of 60101010008, who is not on the list"},
  };
  for (const auto& [doc, message] : cases) {
    BOOST_CHECK_EXCEPTION(registry.apply(doc), FormatError, what_contains(message));
    BOOST_TEST(registry.version() == 1u);  // unchanged
    BOOST_TEST(registry.size() == 3u);
    BOOST_TEST(!registry.find("60101010008").has_value());
  }
}

BOOST_AUTO_TEST_CASE(compact_memory) {
  const Election e;
  std::string tsv;
  for (int i = 0; i < 20000; ++i) {
    tsv += "add\t" + std::to_string(30000000000LL + i) + "\tEesnimi Perekonnanimi\t0101\n";
  }
  const VoterListChanges doc = e.change_set(1, kNoPreviousChangeSet, tsv);
  BOOST_TEST(doc.changes.memory_bytes() < 60u * 20000);
  VoterRegistry registry(e.config);
  registry.apply(doc);
  BOOST_TEST_MESSAGE("registry bytes per voter: " << registry.memory_bytes() / registry.size());
  BOOST_TEST(registry.memory_bytes() < 150u * registry.size());
}

BOOST_AUTO_TEST_SUITE_END()
