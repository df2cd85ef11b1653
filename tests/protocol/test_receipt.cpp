// Receipts: signed by the collector, verified with the config's key,
// canonical and strict.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/random.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_document.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::protocol;
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

Receipt sample_receipt(const TestElection& e) {
  Receipt r;
  r.election_id = e.config.election_id;
  r.vote_id = crypto::Bytes(16, 0xa5);
  r.time = 1803460000;
  r.sequence = 42;
  r.ballot_hash = crypto::Bytes(32, 0x11);
  r.log_head = crypto::Bytes(32, 0x22);
  sign_receipt(r, e.collector_key);
  return r;
}

Receipt decode_edited(const Receipt& r, void (*edit)(Json&)) {
  Json j = to_json(r);
  edit(j);
  return decode_receipt(canonical_bytes(j));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(receipt)

BOOST_AUTO_TEST_CASE(round_trip_and_verify) {
  const TestElection& e = test_election();
  const Receipt r = sample_receipt(e);
  BOOST_TEST(verify_receipt(e.config, r).ok);
  const crypto::Bytes bytes = encode_receipt(r);
  const Receipt decoded = decode_receipt(bytes);
  BOOST_TEST(encode_receipt(decoded) == bytes);
  BOOST_TEST(verify_receipt(e.config, decoded).ok);
  BOOST_TEST(decoded.vote_id == r.vote_id);
  BOOST_TEST(decoded.time == r.time);
  BOOST_TEST(decoded.sequence == 42u);
  const std::string text(bytes.begin(), bytes.end());
  BOOST_TEST(
      text.starts_with("{\"ballot_hash\":\"ERERERERERERERERERERERERERERERERERERERERERE\","
                       "\"election_id\":\"TEST_2027\",\"log_head\":"));
  BOOST_TEST(text.find("\"sequence\":42,\"signature\":{\"algorithm\":\"ed25519\",") !=
             std::string::npos);
  BOOST_TEST(
      text.ends_with("\"time\":\"2027-02-24T09:06:40Z\",\"type\":\"receipt\",\"version\":1,"
                     "\"vote_id\":\"paWlpaWlpaWlpaWlpaWlpQ\"}"));
}

BOOST_AUTO_TEST_CASE(signature_by_another_key_or_altered_fails) {
  const TestElection& e = test_election();
  Receipt by_organizer = sample_receipt(e);
  sign_receipt(by_organizer, e.organizer_key);
  BOOST_TEST(verify_receipt(e.config, by_organizer).reason.find("receipt: signed by another key") ==
             0u);
  Receipt altered = sample_receipt(e);
  altered.sequence = 43;
  BOOST_TEST(verify_receipt(e.config, altered).reason.find("receipt: signature does not verify") ==
             0u);
  Receipt other_election = sample_receipt(e);
  other_election.election_id = "OTHER";
  sign_receipt(other_election, e.collector_key);
  BOOST_TEST(verify_receipt(e.config, other_election).reason ==
             "receipt: for election \"OTHER\", expected \"TEST_2027\"");
  Receipt unsigned_receipt = sample_receipt(e);
  unsigned_receipt.signature.clear();
  BOOST_TEST(verify_receipt(e.config, unsigned_receipt).reason == "receipt: not signed");
  BOOST_CHECK_THROW(encode_receipt(unsigned_receipt), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(decoding_is_strict) {
  const Receipt r = sample_receipt(test_election());
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["version"] = 2; }), FormatError,
                        has("receipt: version: unknown version 2"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j.erase("log_head"); }), FormatError,
                        has("receipt: log_head: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["sequence"] = "42"; }), FormatError,
                        has("receipt: sequence: expected an integer, found string"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["sequence"] = 0; }), FormatError,
                        has("receipt: sequence: sequence numbers start at 1"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["vote_id"] = "AAAA"; }), FormatError,
                        has("receipt: vote_id: 3 bytes, expected 16"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["time"] = "2027-02-22 09:06:40"; }),
                        FormatError, has("receipt: time: expected a UTC time"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j.erase("signature"); }), FormatError,
                        has("receipt: signature: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited(r, [](Json& j) { j["extra"] = true; }), FormatError,
                        has("receipt: extra: unknown field"));
  const std::string pretty = to_json(r).dump(1);
  BOOST_CHECK_EXCEPTION(decode_receipt(crypto::as_bytes(pretty)), FormatError,
                        has("not in canonical form"));
}

BOOST_AUTO_TEST_CASE(signing_checks_field_sizes) {
  const TestElection& e = test_election();
  Receipt r = sample_receipt(e);
  r.vote_id.pop_back();
  BOOST_CHECK_THROW(sign_receipt(r, e.collector_key), std::invalid_argument);
  r = sample_receipt(e);
  r.log_head.push_back(0);
  BOOST_CHECK_THROW(sign_receipt(r, e.collector_key), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
