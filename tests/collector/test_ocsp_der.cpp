// Splitting the certificates off an OCSPResponse (collector/server/auth/
// ocsp_der.hpp): on real SK test responses and on generated ones, the
// response without them is the same response to OpenSSL (status, signed
// data, signature) with no certificate; every truncation, a byte after the
// end, a non-minimal length, another response type and a response with no
// certificates give "do not split"; no change of any one byte makes it fail
// unsafely (a split always cuts exactly the certificates out).
#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <filesystem>

#include "auth/ocsp_der.hpp"
#include "support/ocsp_maker.hpp"
#include "support/temp_folder.hpp"
#include "support/test_pki.hpp"

using namespace evote;
using evote::collector::auth::detail::split_off_certificates;

namespace {

const std::filesystem::path kOcsp = EVOTE_SOURCE_DIR "/../shared/idcard/ocsp";

struct Opened {
  OCSP_RESPONSE* response = nullptr;
  OCSP_BASICRESP* basic = nullptr;
  explicit Opened(crypto::BytesView der) {
    const unsigned char* p = der.data();
    response = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size()));
    BOOST_TEST_REQUIRE(response != nullptr);
    BOOST_TEST_REQUIRE(p == der.data() + der.size());
    basic = OCSP_response_get1_basic(response);
    BOOST_TEST_REQUIRE(basic != nullptr);
  }
  ~Opened() {
    OCSP_BASICRESP_free(basic);
    OCSP_RESPONSE_free(response);
  }
  crypto::Bytes signed_data() const {
    unsigned char* data = nullptr;
    const int length = i2d_OCSP_RESPDATA(OCSP_resp_get0_respdata(basic), &data);
    crypto::Bytes out(data, data + (length > 0 ? length : 0));
    OPENSSL_free(data);
    return out;
  }
  crypto::Bytes signature() const {
    const ASN1_STRING* s = OCSP_resp_get0_signature(basic);
    return {ASN1_STRING_get0_data(s), ASN1_STRING_get0_data(s) + ASN1_STRING_length(s)};
  }
  // 0 when the field is absent (OpenSSL then has no stack: -1).
  int certificates() const { return std::max(0, sk_X509_num(OCSP_resp_get0_certs(basic))); }
};

crypto::Bytes certificate_der(X509* cert) {
  unsigned char* data = nullptr;
  const int length = i2d_X509(cert, &data);
  crypto::Bytes out(data, data + (length > 0 ? length : 0));
  OPENSSL_free(data);
  return out;
}

// The split of `der` says the same as `der` without its certificates, and
// the certificates are those OpenSSL reads from `der`, in order.
void check_split(const crypto::Bytes& der) {
  const auto split = split_off_certificates(der);
  BOOST_TEST_REQUIRE(split.has_value());
  const Opened whole(der);
  const Opened lean(split->response);
  BOOST_TEST(OCSP_response_status(lean.response) == OCSP_response_status(whole.response));
  BOOST_TEST(lean.signed_data() == whole.signed_data());
  BOOST_TEST(lean.signature() == whole.signature());
  BOOST_TEST(lean.certificates() == 0);
  BOOST_TEST_REQUIRE(static_cast<int>(split->certificates.size()) == whole.certificates());
  for (std::size_t i = 0; i < split->certificates.size(); ++i) {
    X509* cert = sk_X509_value(OCSP_resp_get0_certs(whole.basic), static_cast<int>(i));
    const crypto::Bytes expected = certificate_der(cert);
    BOOST_TEST(
        (crypto::Bytes(split->certificates[i].begin(), split->certificates[i].end()) == expected));
  }
  // Nothing left to split off.
  BOOST_TEST(!split_off_certificates(split->response).has_value());
}

crypto::Bytes generated_response() {
  const std::time_t now = std::time(nullptr);
  const testing::TestPki pki = testing::TestPki::create("Split", testing::KeyType::ec_p384);
  const testing::TestCertificate card =
      pki.issue_leaf(testing::KeyType::ec_p384,
                     testing::leaf_options("PNOEE-38001085718", "MÄNNIK,MARI-LIIS,38001085718"));
  const testing::OcspMaker maker(pki.intermediate, now - 3600, now + 3600);
  return maker.good(card, now);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ocsp_der)

BOOST_AUTO_TEST_CASE(real_sk_responses_split_into_the_same_response_and_its_certificates) {
  for (const char* name : {"ocsp_response_good.der", "ocsp_response_revoked.der"}) {
    BOOST_TEST_CONTEXT(name) { check_split(testing::read_whole_file(kOcsp / name)); }
  }
}

BOOST_AUTO_TEST_CASE(a_generated_response_carries_its_responder_certificate) {
  const crypto::Bytes der = generated_response();
  check_split(der);
  BOOST_TEST(split_off_certificates(der)->certificates.size() == 1u);
}

BOOST_AUTO_TEST_CASE(anything_but_exact_der_is_not_split) {
  const crypto::Bytes der = generated_response();
  BOOST_TEST_REQUIRE(der.size() > 0x100u);  // a long-form length at the top
  for (std::size_t cut = 0; cut < der.size(); ++cut) {
    BOOST_TEST_CONTEXT("cut at " << cut) {
      BOOST_TEST(!split_off_certificates(crypto::BytesView(der).first(cut)).has_value());
    }
  }
  crypto::Bytes longer = der;
  longer.push_back(0);
  BOOST_TEST(!split_off_certificates(longer).has_value());

  // The outer length in a non-minimal form (one byte longer than needed).
  BOOST_TEST_REQUIRE(der[1] == 0x82);
  crypto::Bytes padded = {der[0], 0x83, 0x00, der[2], der[3]};
  padded.insert(padded.end(), der.begin() + 4, der.end());
  BOOST_TEST(!split_off_certificates(padded).has_value());

  // Another response type: the OID's last byte changed.
  const crypto::Bytes basic_oid = {0x06, 0x09, 0x2b, 0x06, 0x01, 0x05,
                                   0x05, 0x07, 0x30, 0x01, 0x01};
  auto at = std::search(der.begin(), der.end(), basic_oid.begin(), basic_oid.end());
  BOOST_TEST_REQUIRE((at != der.end()));
  crypto::Bytes other_type = der;
  other_type[static_cast<std::size_t>(at - der.begin()) + basic_oid.size() - 1] = 0x02;
  BOOST_TEST(!split_off_certificates(other_type).has_value());
}

BOOST_AUTO_TEST_CASE(no_changed_byte_makes_a_split_cut_anything_but_the_certificates) {
  const crypto::Bytes der = generated_response();
  const auto honest = split_off_certificates(der);
  BOOST_TEST_REQUIRE(honest.has_value());
  std::size_t splits = 0;
  for (std::size_t i = 0; i < der.size(); ++i) {
    for (const std::uint8_t change : {0x01, 0x80, 0xff}) {
      crypto::Bytes changed = der;
      changed[i] ^= change;
      const auto split = split_off_certificates(changed);
      if (!split) continue;
      ++splits;
      // Whatever the bytes say, the certificates cut out plus the response
      // kept account for every byte: only headers may differ in length.
      std::size_t cut = 0;
      for (crypto::BytesView c : split->certificates) {
        BOOST_TEST(
            (c.data() >= changed.data() && c.data() + c.size() <= changed.data() + changed.size()));
        cut += c.size();
      }
      BOOST_TEST(split->response.size() + cut <= changed.size());
      BOOST_TEST(split->response.size() + cut + 16 >= changed.size());
    }
  }
  BOOST_TEST(splits > 0u);  // changes inside the signed data still split
}

BOOST_AUTO_TEST_SUITE_END()
