// The election record manifest and the folder check: round trip, rules on
// paths and order, signatures, and every kind of folder damage.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/hash.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/election_record.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::protocol;
using evote::testing::TempFolder;
using evote::testing::test_election;
using evote::testing::TestElection;
using evote::testing::write_whole_file;

namespace {

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

bool reason_has(const crypto::Verdict& v, const std::string& text) {
  const bool ok = !v.ok && v.reason.find(text) != std::string::npos;
  if (!ok) BOOST_TEST_MESSAGE("verdict: " << (v.ok ? "pass" : v.reason));
  return ok;
}

// A record folder with five files (one larger than the hashing buffer) and
// its signed manifest written as manifest.json.
ElectionRecord make_record(const TempFolder& folder) {
  const TestElection& e = test_election();
  write_whole_file(folder / "config.json", e.signed_config_bytes);
  write_whole_file(folder / "ballot-box.jsonl", crypto::random_bytes(200000));
  write_whole_file(folder / "mix/stage-1/mayor.bin", crypto::random_bytes(1000));
  write_whole_file(folder / "trustee-2/partial.json", crypto::as_bytes("{}"));
  write_whole_file(folder / "result.json", {});
  ElectionRecord record{e.config.election_id, e.config_hash, "organizer", {}, {}, {}};
  const std::pair<const char*, const char*> files[] = {
      {"result.json", "result"},
      {"config.json", "config"},
      {"ballot-box.jsonl", "ballot-box"},
      {"mix/stage-1/mayor.bin", "mix-stage-1-output"},
      {"trustee-2/partial.json", "partial-decryption-trustee-2"}};
  for (const auto& [path, role] : files)
    record.files.push_back(describe_record_file(folder.path(), path, role));
  sign_election_record(record, e.organizer_key);
  write_whole_file(folder / "manifest.json", encode_election_record(record));
  return record;
}

template <typename Edit>
ElectionRecord decode_edited(const ElectionRecord& record, Edit edit) {
  Json j = to_json(record);
  edit(j);
  return decode_election_record(canonical_bytes(j));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(election_record)

BOOST_AUTO_TEST_CASE(file_hash_streams_the_xof) {
  TempFolder folder;
  for (std::size_t size :
       {std::size_t{0}, std::size_t{1}, std::size_t{65536}, std::size_t{300001}}) {
    BOOST_TEST_CONTEXT("size " << size) {
      const crypto::Bytes bytes = crypto::random_bytes(size);
      write_whole_file(folder / "f", bytes);
      const FileDigest digest = hash_file(folder / "f");
      BOOST_TEST(digest.size == size);
      BOOST_TEST(digest.hash == crypto::xof("evote/file-hash/v1", bytes, 32));
      BOOST_TEST(digest.hash == file_hash(bytes));
    }
  }
  // The example of specs/formats-ballots.md, "Hashes".
  BOOST_TEST(crypto::to_hex(file_hash(crypto::as_bytes("abc"))) ==
             "f6a2aa2033f94fc53129871b484f8a1a763037c2a89270e5eb35251a322dc038");
  BOOST_CHECK_EXCEPTION(hash_file(folder / "absent"), FormatError, has("absent: cannot read: "));
}

BOOST_AUTO_TEST_CASE(round_trip_sign_and_check) {
  const TestElection& e = test_election();
  TempFolder folder;
  const ElectionRecord record = make_record(folder);
  BOOST_TEST(record.files.front().path == "ballot-box.jsonl");  // sorted when signed
  BOOST_TEST(record.files.back().path == "trustee-2/partial.json");
  const crypto::Bytes bytes = evote::testing::read_whole_file(folder / "manifest.json");
  const ElectionRecord decoded = decode_election_record(bytes);
  BOOST_TEST(encode_election_record(decoded) == bytes);
  BOOST_TEST(verify_election_record(decoded, e.organizer_key.public_key()).ok);
  BOOST_TEST(reason_has(verify_election_record(decoded, e.collector_key.public_key()),
                        "election record: signed by another key"));
  BOOST_TEST(check_record_folder(folder.path(), decoded).ok);
  BOOST_TEST(decoded.files[1].hash == e.config_hash);
  const std::string text(bytes.begin(), bytes.end());
  BOOST_TEST(text.starts_with("{\"config_hash\":\"" + base64url_encode(e.config_hash) +
                              "\",\"election_id\":\"TEST_2027\",\"files\":[{\"hash\":\""));
  BOOST_TEST(
      text.find("\"path\":\"trustee-2/partial.json\",\"role\":\"partial-decryption-trustee-2\","
                "\"size\":2}],\"signature\":") != std::string::npos);
  BOOST_TEST(
      text.ends_with("\"signer_role\":\"organizer\",\"type\":\"election-record\",\"version\":1}"));
}

BOOST_AUTO_TEST_CASE(altered_manifest_fails_its_signature) {
  const TestElection& e = test_election();
  TempFolder folder;
  ElectionRecord record = make_record(folder);
  record.files[2].size += 1;
  BOOST_TEST(reason_has(verify_election_record(record, e.organizer_key.public_key()),
                        "election record: signature does not verify"));
}

BOOST_AUTO_TEST_CASE(folder_damage_is_named) {
  TempFolder folder;
  const ElectionRecord record = make_record(folder);
  auto check = [&] { return check_record_folder(folder.path(), record); };
  crypto::Bytes box = evote::testing::read_whole_file(folder / "ballot-box.jsonl");
  box[100000] ^= 1;
  write_whole_file(folder / "ballot-box.jsonl", box);
  BOOST_TEST(reason_has(
      check(), "election record: file \"ballot-box.jsonl\": hash differs from the manifest"));
  box[100000] ^= 1;
  box.push_back(0);
  write_whole_file(folder / "ballot-box.jsonl", box);
  BOOST_TEST(reason_has(check(),
                        "file \"ballot-box.jsonl\": size 200001 bytes, the manifest says 200000"));
  box.pop_back();
  write_whole_file(folder / "ballot-box.jsonl", box);
  BOOST_TEST(check().ok);

  std::filesystem::rename(folder / "result.json", folder / "result.txt");
  BOOST_TEST(reason_has(check(), "file \"result.json\": missing"));
  std::filesystem::rename(folder / "result.txt", folder / "result.json");
  write_whole_file(folder / "mix/stage-1/extra.bin", crypto::Bytes{1});
  BOOST_TEST(reason_has(check(), "file \"mix/stage-1/extra.bin\": not listed in the manifest"));
  std::filesystem::remove(folder / "mix/stage-1/extra.bin");
  BOOST_TEST(check().ok);

  // A symbolic link, even to the right content, is refused.
  std::filesystem::rename(folder / "trustee-2", folder / "elsewhere");
  std::filesystem::create_directory_symlink(folder / "elsewhere", folder / "trustee-2");
  BOOST_TEST(
      reason_has(check(), "file \"trustee-2/partial.json\": reached through a symbolic link"));
  std::filesystem::remove(folder / "trustee-2");
  std::filesystem::create_directory(folder / "trustee-2");
  std::filesystem::create_symlink(folder / "elsewhere/partial.json",
                                  folder / "trustee-2/partial.json");
  BOOST_TEST(
      reason_has(check(), "file \"trustee-2/partial.json\": reached through a symbolic link"));
  std::filesystem::remove(folder / "trustee-2/partial.json");
  std::filesystem::create_directory(folder / "trustee-2/partial.json");
  BOOST_TEST(reason_has(check(), "file \"trustee-2/partial.json\": not a regular file"));
}

BOOST_AUTO_TEST_CASE(paths_must_stay_inside_the_folder) {
  for (const char* good : {"a", "config.json", "mix/stage-1/x.bin", "A_b-c.d/e"}) {
    BOOST_TEST(is_record_path(good), good);
  }
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", ".", "..",
                          "a\\b", "a b", "ä", "C:x"}) {
    BOOST_TEST(!is_record_path(bad), bad);
  }
  BOOST_TEST(!is_record_path(std::string(256, 'a')));
  BOOST_TEST(is_record_role("mix-stage-1-proof"));
  BOOST_TEST(!is_record_role("Mix"));
  BOOST_TEST(!is_record_role(""));
  TempFolder folder;
  BOOST_CHECK_EXCEPTION(describe_record_file(folder.path(), "../x", "result"),
                        std::invalid_argument, has("bad path \"../x\""));
}

BOOST_AUTO_TEST_CASE(decoding_is_strict) {
  TempFolder folder;
  const ElectionRecord record = make_record(folder);
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j["version"] = 3; }), FormatError,
                        has("election record: version: unknown version 3"));
  BOOST_CHECK_EXCEPTION(
      decode_edited(record, [](Json& j) { j["files"][0]["path"] = "../../etc/passwd"; }),
      FormatError,
      has("election record: files[0].path: \"../../etc/passwd\" is not a relative path"));
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j["files"][4]["path"] = "/abs"; }),
                        FormatError, has("files[4].path: \"/abs\" is not a relative path"));
  BOOST_CHECK_EXCEPTION(
      decode_edited(record, [](Json& j) { std::swap(j["files"][0], j["files"][1]); }), FormatError,
      has("files[1].path: \"ballot-box.jsonl\" is out of order or listed twice"));
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j["files"][1] = j["files"][0]; }),
                        FormatError,
                        has("files[1].path: \"ballot-box.jsonl\" is out of order or listed twice"));
  BOOST_CHECK_EXCEPTION(
      decode_edited(record,
                    [](Json& j) { j["config_hash"] = base64url_encode(crypto::Bytes(32, 3)); }),
      FormatError, has("files[1].hash: the config file's hash differs from config_hash"));
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j["signer_role"] = "collector"; }),
                        FormatError,
                        has("signer_role: \"collector\", expected \"organizer\" or \"tally\""));
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j["files"][2]["size"] = -1; }),
                        FormatError, has("files[2].size: must not be negative"));
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j["files"][2]["hash"] = "AAAA"; }),
                        FormatError, has("files[2].hash: 3 bytes, expected 32"));
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j["files"][2].erase("role"); }),
                        FormatError, has("files[2].role: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited(record, [](Json& j) { j.erase("signature"); }), FormatError,
                        has("election record: signature: missing"));
  ElectionRecord duplicate = record;
  duplicate.files.push_back(record.files[0]);
  BOOST_CHECK_EXCEPTION(sign_election_record(duplicate, test_election().organizer_key),
                        std::invalid_argument, has("listed twice"));
}

BOOST_AUTO_TEST_SUITE_END()
