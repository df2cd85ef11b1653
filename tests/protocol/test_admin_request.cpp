// Admin requests and votes-order pages (specs/collector-admin.md): the
// spec's vectors rebuilt, each malformed field refused with its field named,
// and the verdicts for another key, another election and a stale time.
#include <sodium.h>

#include <boost/test/unit_test.hpp>

#include "evote/crypto/hash.hpp"
#include "evote/protocol/admin_request.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "support/spec_vectors.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::protocol;
using evote::testing::SpecVector;
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

constexpr std::int64_t kNow = 1803460000;  // 2027-02-24T09:06:40Z

AdminRequest sample(const TestElection& e, AdminCommand command) {
  AdminRequest r = new_admin_request(e.config.election_id, command, kNow);
  if (command_carries_document(command)) r.document = crypto::Bytes{'{', '}'};
  if (command == AdminCommand::votes_order) r.after = 7;
  sign_admin_request(r, e.organizer_key);
  return r;
}

AdminRequest decode_edited(const AdminRequest& r, void (*edit)(Json&)) {
  Json j = to_json(r);
  edit(j);
  return decode_admin_request(canonical_bytes(j));
}

VotesOrder sample_page(const TestElection& e) {
  VotesOrder page;
  page.election_id = e.config.election_id;
  page.after = 41;
  page.entries = {{42, "38001085718", kNow - 60}, {44, "49403136526", kNow - 5}};
  page.time = kNow;
  sign_votes_order(page, e.collector_key);
  return page;
}

VotesOrder decode_edited_page(const VotesOrder& page, void (*edit)(Json&)) {
  Json j = to_json(page);
  edit(j);
  return decode_votes_order(canonical_bytes(j));
}

const std::vector<SpecVector>& vectors() {
  static const auto all = evote::testing::load_spec_vectors("specs/collector-admin.md");
  return all;
}

crypto::Ed25519SigningKey key_from_seed(const crypto::Bytes& seed) {
  BOOST_REQUIRE_EQUAL(seed.size(), 32u);
  unsigned char pk[32], sk[64];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  crypto::Ed25519SigningKey key = crypto::Ed25519SigningKey::from_secret(crypto::BytesView(sk, 64));
  sodium_memzero(sk, sizeof sk);
  return key;
}

void expect_all_checked(const SpecVector& v) {
  std::string names;
  for (const auto& key : v.unread()) names += " " + key;
  BOOST_TEST(names.empty(), v.name << ": fields no test checks:" << names);
}

std::string text_of(const crypto::Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_request)

BOOST_AUTO_TEST_CASE(every_command_round_trips_and_verifies) {
  const TestElection& e = test_election();
  for (const std::string_view name : {"load-config", "load-voter-list", "load-paper-votes", "open",
                                      "close", "status", "export", "votes-order"}) {
    const std::optional<AdminCommand> command = parse_admin_command(name);
    BOOST_REQUIRE(command.has_value());
    BOOST_TEST(command_name(*command) == name);
    const AdminRequest r = sample(e, *command);
    const crypto::Bytes bytes = encode_admin_request(r);
    const AdminRequest decoded = decode_admin_request(bytes);
    BOOST_TEST(encode_admin_request(decoded) == bytes);
    BOOST_TEST((decoded.command == *command));
    BOOST_TEST(decoded.nonce == r.nonce);
    BOOST_TEST(decoded.document.has_value() == command_carries_document(*command));
    BOOST_TEST(decoded.after.has_value() == (*command == AdminCommand::votes_order));
    BOOST_TEST((decoded.signer == e.organizer_key.public_key()));
    const crypto::Verdict v =
        verify_admin_request(decoded, e.config.election_id, e.organizer_key.public_key(), kNow);
    BOOST_TEST(v.ok, v.reason);
  }
  BOOST_TEST(!parse_admin_command("Open").has_value());
  BOOST_TEST(!parse_admin_command("export-ballots").has_value());
}

BOOST_AUTO_TEST_CASE(nonces_are_fresh) {
  const TestElection& e = test_election();
  const AdminRequest a = new_admin_request(e.config.election_id, AdminCommand::status, kNow);
  const AdminRequest b = new_admin_request(e.config.election_id, AdminCommand::status, kNow);
  BOOST_TEST(a.nonce.size() == kAdminNonceBytes);
  BOOST_TEST(a.nonce != b.nonce);
}

BOOST_AUTO_TEST_CASE(spec_vector_votes_order_request) {
  const SpecVector& v = evote::testing::find_vector(vectors(), "collector-admin/admin-request");
  const crypto::Ed25519SigningKey key = key_from_seed(crypto::from_hex(v.at("ed25519_seed")));
  BOOST_TEST(base64url_encode(key.public_key().bytes) == v.at("public_key"));
  AdminRequest r;
  r.election_id = v.at("election_id");
  r.command = parse_admin_command(v.at("command")).value();
  r.time = parse_utc(v.at("time"), "vector", "time");
  r.nonce = crypto::from_hex(v.at("nonce_hex"));
  r.after = std::stoull(v.at("after"));
  sign_admin_request(r, key);
  Json unsigned_document = to_json(r);
  unsigned_document.erase("signature");
  BOOST_TEST(canonical_string(unsigned_document) == v.at("unsigned_document"));
  BOOST_TEST(crypto::to_hex(signing_digest(unsigned_document)) == v.at("signing_digest"));
  BOOST_TEST(text_of(encode_admin_request(r)) == v.at("document"));
  const AdminRequest decoded = decode_admin_request(crypto::as_bytes(v.at("document")));
  BOOST_TEST(verify_admin_request(decoded, r.election_id, key.public_key(), r.time).ok);
  expect_all_checked(v);
}

BOOST_AUTO_TEST_CASE(spec_vector_load_request) {
  const SpecVector& v = evote::testing::find_vector(vectors(), "collector-admin/load-request");
  const crypto::Ed25519SigningKey key = key_from_seed(crypto::from_hex(v.at("ed25519_seed")));
  AdminRequest r;
  r.election_id = v.at("election_id");
  r.command = parse_admin_command(v.at("command")).value();
  r.time = parse_utc(v.at("time"), "vector", "time");
  r.nonce = crypto::from_hex(v.at("nonce_hex"));
  const std::string& loaded = v.at("loaded_document");
  r.document = crypto::Bytes(loaded.begin(), loaded.end());
  sign_admin_request(r, key);
  BOOST_TEST(text_of(encode_admin_request(r)) == v.at("document"));
  const AdminRequest decoded = decode_admin_request(crypto::as_bytes(v.at("document")));
  BOOST_TEST(text_of(decoded.document.value()) == v.at("loaded_document"));
  expect_all_checked(v);
}

BOOST_AUTO_TEST_CASE(spec_vector_votes_order_page) {
  const SpecVector& v = evote::testing::find_vector(vectors(), "collector-admin/votes-order");
  const crypto::Ed25519SigningKey key = key_from_seed(crypto::from_hex(v.at("ed25519_seed")));
  BOOST_TEST(base64url_encode(key.public_key().bytes) == v.at("public_key"));
  VotesOrder page;
  page.election_id = v.at("election_id");
  page.after = std::stoull(v.at("after"));
  page.time = parse_utc(v.at("time"), "vector", "time");
  for (const std::string field : {"entry_1", "entry_2"}) {
    // "<sequence> <voter_id> <time>"
    const std::string& text = v.at(field);
    const auto a = text.find(' ');
    const auto b = text.find(' ', a + 1);
    page.entries.push_back({std::stoull(text.substr(0, a)), text.substr(a + 1, b - a - 1),
                            parse_utc(text.substr(b + 1), "vector", field)});
  }
  sign_votes_order(page, key);
  BOOST_TEST(page.last == std::stoull(v.at("last")));
  Json unsigned_document = to_json(page);
  unsigned_document.erase("signature");
  BOOST_TEST(crypto::to_hex(signing_digest(unsigned_document)) == v.at("signing_digest"));
  BOOST_TEST(text_of(encode_votes_order(page)) == v.at("document"));
  const VotesOrder decoded = decode_votes_order(crypto::as_bytes(v.at("document")));
  BOOST_TEST((decoded.entries == page.entries));
  BOOST_TEST(verify_votes_order(decoded, page.election_id, key.public_key()).ok);
  expect_all_checked(v);
}

BOOST_AUTO_TEST_CASE(not_canonical_or_not_this_type) {
  const AdminRequest r = sample(test_election(), AdminCommand::open);
  BOOST_CHECK_EXCEPTION(decode_admin_request(crypto::as_bytes(to_json(r).dump(1))), FormatError,
                        has("not in canonical form"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["type"] = "receipt"; }), FormatError,
                        has("admin request: type: expected \"admin-request\", found \"receipt\""));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["version"] = 2; }), FormatError,
                        has("admin request: version: unknown version 2"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["extra"] = 1; }), FormatError,
                        has("admin request: extra: unknown field"));
  BOOST_CHECK_EXCEPTION(decode_admin_request(crypto::as_bytes(std::string("[]"))), FormatError,
                        has("admin request: (top level): expected an object"));
}

BOOST_AUTO_TEST_CASE(election_id_is_checked) {
  const AdminRequest r = sample(test_election(), AdminCommand::open);
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j.erase("election_id"); }), FormatError,
                        has("admin request: election_id: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["election_id"] = "a b"; }), FormatError,
                        has("admin request: election_id: \"a b\" is not an identifier"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["election_id"] = 7; }), FormatError,
                        has("admin request: election_id: expected a string, found integer"));
}

BOOST_AUTO_TEST_CASE(command_is_checked) {
  const AdminRequest r = sample(test_election(), AdminCommand::open);
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j.erase("command"); }), FormatError,
                        has("admin request: command: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["command"] = "reboot"; }), FormatError,
                        has("admin request: command: unknown command \"reboot\""));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["command"] = true; }), FormatError,
                        has("admin request: command: expected a string"));
}

BOOST_AUTO_TEST_CASE(time_is_checked) {
  const AdminRequest r = sample(test_election(), AdminCommand::open);
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j.erase("time"); }), FormatError,
                        has("admin request: time: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["time"] = "2027-02-24T09:06:40+00:00"; }),
                        FormatError, has("admin request: time: expected a UTC time"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["time"] = 1803460000; }), FormatError,
                        has("admin request: time: expected a string, found integer"));
}

BOOST_AUTO_TEST_CASE(nonce_is_checked) {
  const TestElection& e = test_election();
  const AdminRequest r = sample(e, AdminCommand::open);
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j.erase("nonce"); }), FormatError,
                        has("admin request: nonce: missing"));
  BOOST_CHECK_EXCEPTION(
      decode_edited(r, [](Json& j) { j["nonce"] = base64url_encode(crypto::Bytes(15, 1)); }),
      FormatError, has("admin request: nonce: 15 bytes, expected 16"));
  BOOST_CHECK_EXCEPTION(
      decode_edited(r, [](Json& j) { j["nonce"] = base64url_encode(crypto::Bytes(17, 1)); }),
      FormatError, has("admin request: nonce: 17 bytes, expected 16"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["nonce"] = "AAAAAAAAAAAAAAAAAAAAAA=="; }),
                        FormatError, has("admin request: nonce: base64url:"));
  AdminRequest short_nonce = new_admin_request(e.config.election_id, AdminCommand::open, kNow);
  short_nonce.nonce.pop_back();
  BOOST_CHECK_THROW(sign_admin_request(short_nonce, e.organizer_key), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(document_only_with_load_commands) {
  const TestElection& e = test_election();
  const AdminRequest load = sample(e, AdminCommand::load_voter_list);
  BOOST_CHECK_EXCEPTION(
      decode_edited(load, [](Json& j) { j.erase("document"); }), FormatError,
      has("admin request: document: missing (command load-voter-list carries the document"));
  BOOST_CHECK_EXCEPTION(decode_edited(load, [](Json& j) { j["document"] = ""; }), FormatError,
                        has("admin request: document: empty"));
  BOOST_CHECK_EXCEPTION(decode_edited(load, [](Json& j) { j["document"] = "e30="; }), FormatError,
                        has("admin request: document: base64url:"));
  BOOST_CHECK_EXCEPTION(decode_edited(load, [](Json& j) { j["document"] = 5; }), FormatError,
                        has("admin request: document: expected a string, found integer"));
  const AdminRequest open = sample(e, AdminCommand::open);
  BOOST_CHECK_EXCEPTION(decode_edited(open, [](Json& j) { j["document"] = "e30"; }), FormatError,
                        has("admin request: document: not allowed with command open"));
  AdminRequest unsigned_load =
      new_admin_request(e.config.election_id, AdminCommand::load_config, kNow);
  BOOST_CHECK_EXCEPTION(sign_admin_request(unsigned_load, e.organizer_key), std::invalid_argument,
                        has("admin request: document: missing"));
}

BOOST_AUTO_TEST_CASE(after_only_with_votes_order) {
  const TestElection& e = test_election();
  const AdminRequest order = sample(e, AdminCommand::votes_order);
  BOOST_CHECK_EXCEPTION(decode_edited(order, [](Json& j) { j.erase("after"); }), FormatError,
                        has("admin request: after: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited(order, [](Json& j) { j["after"] = -1; }), FormatError,
                        has("admin request: after: must not be negative"));
  BOOST_CHECK_EXCEPTION(decode_edited(order, [](Json& j) { j["after"] = "7"; }), FormatError,
                        has("admin request: after: expected an integer, found string"));
  const AdminRequest status = sample(e, AdminCommand::status);
  BOOST_CHECK_EXCEPTION(decode_edited(status, [](Json& j) { j["after"] = 0; }), FormatError,
                        has("admin request: after: not allowed with command status"));
  // 0 is a valid "after": from the start.
  AdminRequest from_start =
      new_admin_request(e.config.election_id, AdminCommand::votes_order, kNow);
  from_start.after = 0;
  sign_admin_request(from_start, e.organizer_key);
  BOOST_TEST(decode_admin_request(encode_admin_request(from_start)).after.value() == 0u);
}

BOOST_AUTO_TEST_CASE(signature_member_is_checked) {
  const AdminRequest r = sample(test_election(), AdminCommand::open);
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j.erase("signature"); }), FormatError,
                        has("admin request: signature: missing"));
  BOOST_CHECK_EXCEPTION(
      decode_edited(r,
                    [](Json& j) { j["signature"]["value"] = base64url_encode(crypto::Bytes(63)); }),
      FormatError, has("admin request: signature.value: 63 bytes, expected 64"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["signature"]["algorithm"] = "rsa"; }),
                        FormatError, has("only \"ed25519\" is supported"));
  BOOST_CHECK_THROW(encode_admin_request(new_admin_request("X", AdminCommand::open, kNow)),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(verdicts_name_the_failure) {
  const TestElection& e = test_election();
  const crypto::Ed25519PublicKey organizer = e.organizer_key.public_key();
  const AdminRequest r = sample(e, AdminCommand::close);
  BOOST_TEST(verify_admin_request(r, "OTHER", organizer, kNow).reason ==
             "admin request: for election \"TEST_2027\", expected \"OTHER\"");
  const crypto::Verdict foreign =
      verify_admin_request(r, e.config.election_id, e.collector_key.public_key(), kNow);
  BOOST_TEST(foreign.reason.find("admin request: signed by another key") == 0u);
  AdminRequest altered = decode_admin_request(encode_admin_request(r));
  altered.command = AdminCommand::open;
  BOOST_TEST(verify_admin_request(altered, e.config.election_id, organizer, kNow)
                 .reason.find("admin request: signature does not verify") == 0u);
  AdminRequest unsigned_request = r;
  unsigned_request.signature.clear();
  BOOST_TEST(verify_admin_request(unsigned_request, e.config.election_id, organizer, kNow).reason ==
             "admin request: not signed");
  // The window is 300 s either way, inclusive.
  BOOST_TEST(verify_admin_request(r, e.config.election_id, organizer, kNow + 300).ok);
  BOOST_TEST(verify_admin_request(r, e.config.election_id, organizer, kNow - 300).ok);
  BOOST_TEST(verify_admin_request(r, e.config.election_id, organizer, kNow + 301).reason ==
             "admin request: time 2027-02-24T09:06:40Z is 301 s from the collector's clock "
             "2027-02-24T09:11:41Z (at most 300 s)");
  BOOST_TEST(!verify_admin_request(r, e.config.election_id, organizer, kNow - 301).ok);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(votes_order)

BOOST_AUTO_TEST_CASE(round_trip_and_verify) {
  const TestElection& e = test_election();
  const VotesOrder page = sample_page(e);
  BOOST_TEST(page.last == 44u);
  const crypto::Bytes bytes = encode_votes_order(page);
  const VotesOrder decoded = decode_votes_order(bytes);
  BOOST_TEST(encode_votes_order(decoded) == bytes);
  BOOST_TEST((decoded.entries == page.entries));
  BOOST_TEST(verify_votes_order(decoded, e.config.election_id, e.collector_key.public_key()).ok);
  BOOST_TEST(verify_votes_order(decoded, e.config.election_id, e.organizer_key.public_key())
                 .reason.find("votes-order: signed by another key") == 0u);
  BOOST_TEST(verify_votes_order(decoded, "OTHER", e.collector_key.public_key()).reason ==
             "votes-order: for election \"TEST_2027\", expected \"OTHER\"");
  VotesOrder altered = decoded;
  altered.entries[0].voter_id = "38001085719";
  BOOST_TEST(verify_votes_order(altered, e.config.election_id, e.collector_key.public_key())
                 .reason.find("votes-order: signature does not verify") == 0u);
}

BOOST_AUTO_TEST_CASE(an_empty_page_has_last_equal_to_after) {
  const TestElection& e = test_election();
  VotesOrder page;
  page.election_id = e.config.election_id;
  page.after = 99;
  page.time = kNow;
  sign_votes_order(page, e.collector_key);
  BOOST_TEST(page.last == 99u);
  const VotesOrder decoded = decode_votes_order(encode_votes_order(page));
  BOOST_TEST(decoded.entries.empty());
  BOOST_TEST(decoded.last == 99u);
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j["last"] = 100; }), FormatError,
                        has("votes-order: last: 100, expected 99"));
}

BOOST_AUTO_TEST_CASE(decoding_is_strict) {
  const VotesOrder page = sample_page(test_election());
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j["type"] = "admin-request"; }),
                        FormatError, has("votes-order: type: expected \"votes-order\""));
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j["last"] = 43; }), FormatError,
                        has("votes-order: last: 43, expected 44"));
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j.erase("last"); }), FormatError,
                        has("votes-order: last: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j["after"] = 42; }), FormatError,
                        has("votes-order: entries[0].sequence: sequence 42 is not after 42"));
  BOOST_CHECK_EXCEPTION(
      decode_edited_page(page, [](Json& j) { j["entries"][1]["sequence"] = 42; }), FormatError,
      has("votes-order: entries[1].sequence: sequence 42 does not follow 42 (entries ascend)"));
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j["entries"][0]["voter_id"] = ""; }),
                        FormatError,
                        has("votes-order: entries[0].voter_id: \"\" is not an identifier"));
  BOOST_CHECK_EXCEPTION(
      decode_edited_page(page, [](Json& j) { j["entries"][0]["time"] = "yesterday"; }), FormatError,
      has("votes-order: entries[0].time: expected a UTC time"));
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j["entries"][0]["ballot"] = 1; }),
                        FormatError, has("votes-order: entries[0].ballot: unknown field"));
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j["entries"] = Json::object(); }),
                        FormatError, has("votes-order: entries: "));
  BOOST_CHECK_EXCEPTION(decode_edited_page(page, [](Json& j) { j.erase("signature"); }),
                        FormatError, has("votes-order: signature: missing"));
}

BOOST_AUTO_TEST_CASE(at_most_10000_entries) {
  const TestElection& e = test_election();
  VotesOrder page;
  page.election_id = e.config.election_id;
  page.time = kNow;
  for (std::uint64_t s = 1; s <= kVotesOrderMaxEntries; ++s) {
    page.entries.push_back({s, "38001085718", kNow});
  }
  sign_votes_order(page, e.collector_key);
  BOOST_TEST(decode_votes_order(encode_votes_order(page)).entries.size() == 10000u);
  BOOST_CHECK_EXCEPTION(
      decode_edited_page(page,
                         [](Json& j) {
                           j["entries"].push_back({{"sequence", 10001},
                                                   {"time", "2027-02-24T09:06:40Z"},
                                                   {"voter_id", "38001085718"}});
                           j["last"] = 10001;
                         }),
      FormatError, has("votes-order: entries: 10001 entries, at most 10000"));
  page.entries.push_back({10001, "38001085718", kNow});
  BOOST_CHECK_THROW(sign_votes_order(page, e.collector_key), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(signing_checks_the_order) {
  const TestElection& e = test_election();
  VotesOrder page = sample_page(e);
  std::swap(page.entries[0], page.entries[1]);
  BOOST_CHECK_EXCEPTION(sign_votes_order(page, e.collector_key), std::invalid_argument,
                        has("votes-order: entries[1]: sequence 42 does not follow 44"));
}

BOOST_AUTO_TEST_SUITE_END()
