// The verification code's test vector of specs/voter-app.md ("Verification
// code", "Test vector"): a fixed EVV1 text, its fields, its randomness split
// into ristretto255 scalars, its QR code's version; and each malformed text
// refused with the part it names. No collector needed.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/groups.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/voter/qr_code.hpp"
#include "evote/voter/verification_code.hpp"
#include "evote/voter/vote_check.hpp"
#include "evote/voter/voter_error.hpp"
#include "support/spec_vectors.hpp"

using namespace evote;

namespace {

// specs/voter-app.md, "Test vector".
const std::string kVector =
    "EVV1:RK_2027:AAECAwQFBgcICQoLDA0ODw:aHR0cHM6Ly9jb2xsZWN0b3IuZXhhbXBsZTo4NDQz:"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAg";

std::string malformed_message(const std::string& text) {
  try {
    (void)voter::parse_verification_code(text);
  } catch (const voter::VoterError& e) {
    BOOST_TEST((e.kind() == voter::ErrorKind::malformed_code));
    return e.what();
  }
  BOOST_FAIL("\"" << text << "\" was accepted");
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verification_code_vector)

BOOST_AUTO_TEST_CASE(the_spec_vector_parses_into_its_fields_and_encodes_back) {
  const voter::VerificationCode code = voter::parse_verification_code(kVector);
  BOOST_TEST(code.election_id == "RK_2027");
  crypto::Bytes vote_id;
  for (std::uint8_t i = 0; i < 16; ++i) vote_id.push_back(i);
  BOOST_TEST(code.vote_id == vote_id);
  BOOST_TEST(code.collector_url == "https://collector.example:8443");
  BOOST_REQUIRE_EQUAL(code.randomness.size(), 64u);
  BOOST_TEST(voter::encode_verification_code(code) == kVector);

  // Two ristretto255 ciphertexts (e.g. a single-choice contest, then
  // another): 32-byte big-endian scalars 1 and 2.
  const crypto::ScalarField& field = crypto::group_by_name("ristretto255").scalars();
  const std::vector<std::size_t> widths{1, 1};
  const auto rows = voter::split_randomness(code.randomness, field, widths);
  BOOST_REQUIRE_EQUAL(rows.size(), 2u);
  BOOST_TEST((rows[0][0] == field.from_u64(1)));
  BOOST_TEST((rows[1][0] == field.from_u64(2)));
  // As one row of two (an approval contest of 2) it splits the same way.
  const std::vector<std::size_t> one_row{2};
  BOOST_TEST(voter::split_randomness(code.randomness, field, one_row).at(0).size() == 2u);
  // 64 bytes are not whole modp3072-rfc3526 scalars (384 bytes each).
  const std::vector<std::size_t> one{1};
  BOOST_CHECK_THROW(voter::split_randomness(
                        code.randomness, crypto::group_by_name("modp3072-rfc3526").scalars(), one),
                    voter::VoterError);

  // 163 bytes: the smallest QR code at error correction M in byte mode is version 9.
  BOOST_TEST(kVector.size() == 163u);
  const voter::QrCode qr = voter::QrCode::encode(kVector);
  BOOST_TEST(qr.version() == 9);
  BOOST_TEST(qr.width() == 53);
}

// specs/voter-app.md, "Test vector" (reading a ciphertext): the randomness
// of crypto.md's vector ristretto255/elgamal reads its code 3 from its
// ciphertext; one bit changed, it does not match.
BOOST_AUTO_TEST_CASE(the_spec_vector_reads_the_elgamal_vectors_code) {
  const std::string text =
      "EVV1:RK_2027:AAECAwQFBgcICQoLDA0ODw:aHR0cHM6Ly9jb2xsZWN0b3IuZXhhbXBsZTo4NDQz:"
      "ClByKdDwZhgleUE1TolT0EXKvK0HQtHAPKudQmBO05o";
  protocol::ElectionConfig config;
  config.election_id = "RK_2027";
  config.group = "ristretto255";
  config.election_public_key =
      crypto::from_hex("b036a00eeb3326914dad54e10bc6215d1470fd070a9111a88bda098ee107ef0b");
  config.contests = {{"c", protocol::ContestType::single_choice, 1, {{"et", "C"}}, {}}};
  for (std::uint64_t code : {2, 3}) {
    protocol::Choice choice;
    choice.code = code;
    choice.district = "d";
    choice.names = {{"et", "Valik " + std::to_string(code)}};
    config.contests[0].choices.push_back(choice);
  }
  protocol::Ballot ballot;
  ballot.election_id = "RK_2027";
  ballot.voter_id = "38001085718";
  ballot.contests = {
      {"c",
       {crypto::from_hex("36b62a943c527a3e560de84d8e9f6bd257fde39364a26cc8411c27fae547"
                         "2e632aa4048632614bc62f32e552c8e704102e9ff1a4296efa2ac5631"
                         "26cab6ea60b")},
       {}}};
  const crypto::ScalarField& field = crypto::group_by_name("ristretto255").scalars();
  const std::vector<std::size_t> widths{1};
  const voter::VerificationCode code = voter::parse_verification_code(text);
  BOOST_TEST(crypto::to_hex(code.randomness.view()) ==
             "0a507229d0f06618257941354e8953d045cabcad0742d1c03cab9d42604ed39a");
  const auto read = voter::recover_choices(config, ballot,
                                           voter::split_randomness(code.randomness, field, widths));
  BOOST_TEST(read == (std::vector<std::vector<std::uint64_t>>{{3}}));

  crypto::SecretBytes other = code.randomness.clone();
  other.data()[31] ^= 0x01;
  try {
    (void)voter::recover_choices(config, ballot, voter::split_randomness(other, field, widths));
    BOOST_FAIL("another randomness read the ciphertext");
  } catch (const voter::VoterError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "verification code: contests[0].ciphertexts[0]: the randomness did not make this "
               "ciphertext");
  }
}

// specs/voter-app.md, "Test vector", every group: the code whose randomness
// is crypto.md's <group>/elgamal randomness (the same prefix as above) reads
// that vector's code from its ciphertext; one bit changed, it does not match.
BOOST_AUTO_TEST_CASE(each_groups_elgamal_vector_reads_its_code_through_a_code) {
  const std::vector<testing::SpecVector> vectors = testing::load_spec_vectors("specs/crypto.md");
  for (std::string_view group_name : crypto::group_names()) {
    BOOST_TEST_CONTEXT(group_name) {
      const testing::SpecVector& v =
          testing::find_vector(vectors, std::string(group_name) + "/elgamal");
      const crypto::Bytes randomness = crypto::from_hex(v.at("randomness"));
      const std::string text =
          "EVV1:RK_2027:AAECAwQFBgcICQoLDA0ODw:aHR0cHM6Ly9jb2xsZWN0b3IuZXhhbXBsZTo4NDQz:" +
          protocol::base64url_encode(randomness);
      protocol::ElectionConfig config;
      config.election_id = "RK_2027";
      config.group = std::string(group_name);
      config.election_public_key = crypto::from_hex(v.at("public_key"));
      const std::uint64_t vector_code = std::stoull(v.at("code"));
      config.contests = {{"c", protocol::ContestType::single_choice, 1, {{"et", "C"}}, {}}};
      for (std::uint64_t code : {std::uint64_t{2}, vector_code}) {
        protocol::Choice choice;
        choice.code = code;
        choice.district = "d";
        choice.names = {{"et", "Valik " + std::to_string(code)}};
        config.contests[0].choices.push_back(choice);
      }
      protocol::Ballot ballot;
      ballot.election_id = "RK_2027";
      ballot.voter_id = "38001085718";
      ballot.contests = {{"c", {crypto::from_hex(v.at("ciphertext"))}, {}}};
      const crypto::ScalarField& field = crypto::group_by_name(group_name).scalars();
      const std::vector<std::size_t> widths{1};
      const voter::VerificationCode code = voter::parse_verification_code(text);
      BOOST_TEST(code.randomness.size() == field.byte_length());
      BOOST_TEST((voter::recover_choices(config, ballot,
                                         voter::split_randomness(code.randomness, field, widths)) ==
                  std::vector<std::vector<std::uint64_t>>{{vector_code}}));
      crypto::SecretBytes other = code.randomness.clone();
      other.data()[other.size() - 1] ^= 0x01;
      BOOST_CHECK_THROW((void)voter::recover_choices(config, ballot,
                                                     voter::split_randomness(other, field, widths)),
                        voter::VoterError);
    }
  }
}

BOOST_AUTO_TEST_CASE(each_malformed_text_names_its_problem) {
  const std::string id = "AAECAwQFBgcICQoLDA0ODw";
  const std::string url = "aHR0cHM6Ly9jb2xsZWN0b3IuZXhhbXBsZTo4NDQz";
  BOOST_TEST(malformed_message("EVV2:" + kVector.substr(5)) ==
             "verification code: does not start with EVV1:");
  BOOST_TEST(malformed_message("EVV1:RK_2027:" + id) ==
             "verification code: 2 parts after EVV1:, expected 4 (election id, vote id, collector "
             "URL, randomness)");
  BOOST_TEST(malformed_message("EVV1:RK 2027:" + id + ":" + url + ":AQ") ==
             "verification code: election id: not 1..64 of the letters, digits, '_' and '-'");
  BOOST_TEST(malformed_message("EVV1:RK_2027:AAECAwQFBgcICQoLDA0O:" + url + ":AQ") ==
             "verification code: vote id: 15 bytes, expected 16");
  BOOST_TEST(malformed_message("EVV1:RK_2027:" + id + "=:" + url + ":AQ") ==
             "verification code: vote id: base64url: character 22 is not in the base64url "
             "alphabet (no padding allowed)");
  BOOST_TEST(malformed_message("EVV1:RK_2027:" + id + ":" + url + ":AQIDB") ==
             "verification code: randomness: base64url: impossible length 5");
  BOOST_TEST(malformed_message("EVV1:RK_2027:" + id + ":" + url + ":AQ=") ==
             "verification code: randomness: base64url: character 2 is not in the base64url "
             "alphabet (no padding allowed)");
  BOOST_TEST(malformed_message("EVV1:RK_2027:" + id + ":" + url + ":AR") ==
             "verification code: randomness: base64url: non-zero unused bits (not canonical)");
  BOOST_TEST(malformed_message("EVV1:RK_2027:" + id + ":" + url + ":") ==
             "verification code: randomness: empty");
  const std::string http = protocol::base64url_encode(crypto::as_bytes("http://collector.example"));
  BOOST_TEST(malformed_message("EVV1:RK_2027:" + id + ":" + http + ":AQ") ==
             "verification code: collector URL: must start with https://");
  BOOST_TEST(malformed_message(kVector + std::string(2331 - kVector.size() + 1, 'A')) ==
             "verification code: 2332 characters, at most 2331");
}

BOOST_AUTO_TEST_CASE(the_signer_name_is_given_name_then_surname) {
  BOOST_TEST(voter::signer_name_of("MÄNNIK,MARI-LIIS,38001085718") == "MARI-LIIS MÄNNIK");
  BOOST_TEST(voter::signer_name_of("Mari Männik") == "Mari Männik");
  BOOST_TEST(voter::signer_name_of("A,B,C,D") == "A,B,C,D");
}

BOOST_AUTO_TEST_SUITE_END()
