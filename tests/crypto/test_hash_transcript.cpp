// SHA-512, the xof and Fiat–Shamir transcripts.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <new>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/transcript.hpp"

using namespace evote::crypto;

BOOST_AUTO_TEST_SUITE(hashing)

BOOST_AUTO_TEST_CASE(sha512_known_answer) {
  // FIPS 180-2, SHA-512("abc").
  BOOST_TEST(to_hex(sha512(as_bytes("abc"))) ==
             "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
             "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  Sha512 incremental;
  incremental.update(as_bytes("a"));
  incremental.update(as_bytes("bc"));
  BOOST_TEST((incremental.finish() == sha512(as_bytes("abc"))));
}

// A hash state that absorbed a secret (a PRF key, a share statement) is
// wiped when it goes: unfinished, finished, or a copy (Transcript::digest
// hashes a copy). The object is built in a buffer the test can look at.
BOOST_AUTO_TEST_CASE(sha512_state_is_wiped_on_destruction) {
  const Bytes secret(100, 0xA5);
  for (int finished = 0; finished < 2; ++finished) {
    BOOST_TEST_CONTEXT("finished " << finished) {
      alignas(Sha512) unsigned char storage[sizeof(Sha512)];
      alignas(Sha512) unsigned char copy_storage[sizeof(Sha512)];
      auto* hash = new (storage) Sha512();
      hash->update(secret);
      auto* copy = new (copy_storage) Sha512(*hash);
      if (finished) copy->finish();
      BOOST_TEST(std::any_of(storage, storage + sizeof storage, [](unsigned char b) { return b; }));
      hash->~Sha512();
      copy->~Sha512();
      BOOST_TEST(
          std::all_of(storage, storage + sizeof storage, [](unsigned char b) { return !b; }));
      BOOST_TEST(std::all_of(copy_storage, copy_storage + sizeof copy_storage,
                             [](unsigned char b) { return !b; }));
    }
  }
}

BOOST_AUTO_TEST_CASE(xof_lengths_prefixes_and_tags) {
  const Bytes msg = {9, 8, 7};
  const Bytes long_out = xof("t", msg, 200);
  BOOST_TEST(long_out.size() == 200u);
  BOOST_TEST((xof("t", msg, 64) == Bytes(long_out.begin(), long_out.begin() + 64)));
  BOOST_TEST((xof("t", msg, 65) == Bytes(long_out.begin(), long_out.begin() + 65)));
  BOOST_TEST(xof("t", msg, 0).empty());
  BOOST_TEST((xof("t", msg, 64) != xof("u", msg, 64)));
  // The tag is length-prefixed: moving a byte between tag and message changes the output.
  BOOST_TEST((xof("ta", as_bytes("b"), 32) != xof("t", as_bytes("ab"), 32)));
}

BOOST_AUTO_TEST_CASE(hex_round_trip_and_errors) {
  const Bytes b = {0x00, 0xab, 0xff};
  BOOST_TEST(to_hex(b) == "00abff");
  BOOST_TEST((from_hex("00ABff") == b));
  BOOST_CHECK_THROW(from_hex("abc"), Error);
  BOOST_CHECK_THROW(from_hex("zz"), Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(transcript)

BOOST_AUTO_TEST_CASE(items_are_length_prefixed) {
  Transcript t1("tag");
  t1.append("a", as_bytes("bc"));
  Transcript t2("tag");
  t2.append("ab", as_bytes("c"));
  BOOST_TEST((t1.digest() != t2.digest()));

  Transcript t3("tag");
  t3.append("x", as_bytes("12"));
  Transcript t4("tag");
  t4.append("x", as_bytes("1"));
  t4.append("", as_bytes("2"));
  BOOST_TEST((t3.digest() != t4.digest()));
}

BOOST_AUTO_TEST_CASE(domain_tag_separates) {
  Transcript t1("evote/one");
  Transcript t2("evote/two");
  BOOST_TEST((t1.digest() != t2.digest()));
}

BOOST_AUTO_TEST_CASE(streaming_equals_one_shot) {
  const Bytes data = {1, 2, 3, 4, 5, 6, 7};
  Transcript whole("tag");
  whole.append("data", data);
  Transcript streamed("tag");
  streamed.begin_item("data", data.size());
  streamed.absorb(BytesView(data).first(3));
  streamed.absorb(BytesView(data).subspan(3));
  streamed.end_item();
  BOOST_TEST((whole.digest() == streamed.digest()));
  BOOST_TEST(
      (whole.challenge(ristretto255().scalars()) == streamed.challenge(ristretto255().scalars())));
}

BOOST_AUTO_TEST_CASE(streaming_misuse_is_an_error) {
  Transcript t("tag");
  t.begin_item("data", 2);
  BOOST_CHECK_THROW(t.absorb(Bytes{1, 2, 3}), Error);
  t.absorb(Bytes{1});
  BOOST_CHECK_THROW(t.end_item(), Error);
  BOOST_CHECK_THROW(t.digest(), Error);
  BOOST_CHECK_THROW(t.append("other", Bytes{}), Error);
}

BOOST_AUTO_TEST_CASE(digest_does_not_consume) {
  Transcript t("tag");
  t.append("a", Bytes{1});
  const Digest first = t.digest();
  BOOST_TEST((t.digest() == first));
  t.append("b", Bytes{2});
  BOOST_TEST((t.digest() != first));
}

BOOST_AUTO_TEST_SUITE_END()
