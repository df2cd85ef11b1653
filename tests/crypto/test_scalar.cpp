// Scalars mod q: strict decoding, field arithmetic, hashing to scalars.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"

using namespace evote::crypto;

namespace {
bool message_has(const std::exception& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(scalar)

BOOST_AUTO_TEST_CASE(round_trip_and_strict_decoding) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const ScalarField& f = group_by_name(name).scalars();
      for (int i = 0; i < 20; ++i) {
        const Scalar s = f.random();
        const Bytes enc = s.encode();
        BOOST_TEST(enc.size() == f.byte_length());
        BOOST_TEST((f.decode(enc) == s));
      }
      Bytes q_bytes(f.byte_length());
      mpz_export(q_bytes.data() + (q_bytes.size() - (mpz_sizeinbase(f.order().get_mpz_t(), 2) + 7) / 8),
                 nullptr, 1, 1, 1, 0, f.order().get_mpz_t());
      BOOST_CHECK_EXCEPTION(f.decode(q_bytes), DecodeError,
                            [](const DecodeError& e) { return message_has(e, "not canonical"); });
      Bytes max(f.byte_length(), 0xff);
      BOOST_CHECK_EXCEPTION(f.decode(max), DecodeError,
                            [](const DecodeError& e) { return message_has(e, "not canonical"); });
      Bytes short_enc(f.byte_length() - 1, 0);
      BOOST_CHECK_EXCEPTION(f.decode(short_enc), DecodeError,
                            [](const DecodeError& e) { return message_has(e, "wrong length"); });
      Bytes long_enc(f.byte_length() + 1, 0);
      BOOST_CHECK_EXCEPTION(f.decode(long_enc), DecodeError,
                            [](const DecodeError& e) { return message_has(e, "wrong length"); });
      BOOST_TEST(f.decode(Bytes(f.byte_length(), 0)).is_zero());
    }
  }
}

BOOST_AUTO_TEST_CASE(field_laws) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const ScalarField& f = group_by_name(name).scalars();
      const Scalar a = f.random(), b = f.random(), c = f.random_nonzero();
      BOOST_TEST((a + b == b + a));
      BOOST_TEST((a * (b + c) == a * b + a * c));
      BOOST_TEST((a - a).is_zero());
      BOOST_TEST((a + (-a)).is_zero());
      BOOST_TEST((c * c.inverse() == f.one()));
      BOOST_TEST((f.from_integer(f.order() + 5) == f.from_u64(5)));
      BOOST_CHECK_THROW(f.zero().inverse(), Error);
    }
  }
}

BOOST_AUTO_TEST_CASE(hash_to_scalar_is_deterministic_and_separated) {
  const ScalarField& f = ristretto255().scalars();
  const Bytes msg = {1, 2, 3};
  BOOST_TEST((f.from_hash("tag", msg) == f.from_hash("tag", msg)));
  BOOST_TEST(!(f.from_hash("tag", msg) == f.from_hash("tag2", msg)));
  BOOST_TEST(!(f.from_hash("tag", msg) == f.from_hash("tag", Bytes{1, 2, 4})));
}

BOOST_AUTO_TEST_CASE(random_scalars_differ) {
  const ScalarField& f = ristretto255().scalars();
  BOOST_TEST(!(f.random() == f.random()));
}

BOOST_AUTO_TEST_CASE(mixing_fields_throws) {
  const Scalar a = ristretto255().scalars().one();
  const Scalar b = modp4096_eg().scalars().one();
  BOOST_CHECK_THROW(a + b, Error);
  BOOST_CHECK_THROW(a * b, Error);
  BOOST_TEST(!(a == b));
}

BOOST_AUTO_TEST_SUITE_END()
