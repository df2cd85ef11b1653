// Canonical JSON, base64url, UTC times and signed documents.
#include <boost/test/unit_test.hpp>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"

using namespace evote;
using namespace evote::protocol;

namespace {
crypto::Bytes b(std::string_view s) { return crypto::Bytes(s.begin(), s.end()); }
auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}
}  // namespace

BOOST_AUTO_TEST_SUITE(canonical_json)

BOOST_AUTO_TEST_CASE(canonical_form_is_sorted_compact_and_stable) {
  const Json v = {{"b", 1}, {"a", {{"z", "x"}, {"c", Json::array({3, 2})}}}, {"n", -5}, {"t", true}};
  const std::string s = canonical_string(v);
  BOOST_TEST(s == R"({"a":{"c":[3,2],"z":"x"},"b":1,"n":-5,"t":true})");
  BOOST_TEST(canonical_string(parse_canonical(b(s), "doc")) == s);
  BOOST_TEST(canonical_string(Json("é\n\"\\\x01")) == "\"é\\n\\\"\\\\\\u0001\"");
}

BOOST_AUTO_TEST_CASE(non_canonical_input_is_refused) {
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"b":1,"a":2})"), "doc"), FormatError, has("not in canonical form"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a": 2})"), "doc"), FormatError, has("not in canonical form"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":1,"a":2})"), "doc"), FormatError, has("canonical"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":1})" "\n"), "doc"), FormatError, has("canonical"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":-0})"), "doc"), FormatError, has("canonical"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":"\u0041"})"), "doc"), FormatError, has("canonical"));
}

BOOST_AUTO_TEST_CASE(floats_truncation_and_garbage_are_refused) {
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":{"b":1.5}})"), "doc"), FormatError, has("a.b: numbers must be integers"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":1e3})"), "doc"), FormatError, has("integers"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":184467440737095516160})"), "doc"), FormatError, has("integers"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":[1,2)"), "doc"), FormatError, has("not valid JSON"));
  // Found by fuzzing: nlohmann throws out_of_range, not parse_error, here.
  BOOST_CHECK_EXCEPTION(parse_canonical(b("-4E409760940976"), "doc"), FormatError, has("not valid JSON"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(R"({"a":1e999})"), "doc"), FormatError, has("not valid JSON"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b(""), "doc"), FormatError, has("empty"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b("\xff\xfe"), "doc"), FormatError, has("not valid JSON"));
  BOOST_CHECK_EXCEPTION(parse_canonical(b("{\"a\":\"\xc3\"}"), "doc"), FormatError, has("not valid JSON"));
}

BOOST_AUTO_TEST_CASE(object_reader_names_the_field) {
  const Json v = {{"a", {{"n", "text"}, {"m", -1}, {"list", Json::array({1, "x"})}}}};
  const ObjectReader top(v, "my doc");
  const ObjectReader a = top.object("a");
  BOOST_CHECK_EXCEPTION(a.unsigned_integer("n"), FormatError, has("my doc: a.n: expected an integer, found string"));
  BOOST_CHECK_EXCEPTION(a.unsigned_integer("m"), FormatError, has("a.m: must not be negative"));
  BOOST_CHECK_EXCEPTION(a.string("missing"), FormatError, has("a.missing: missing"));
  BOOST_CHECK_EXCEPTION(a.allow_only({"n", "m"}), FormatError, has("a.list: unknown field"));
  BOOST_CHECK_EXCEPTION(expect_unsigned(a.array("list")[1], "my doc", element_path("a.list", 1)), FormatError,
                        has("a.list[1]: expected an integer"));
  const Json typed = {{"type", "x"}, {"version", 2}};
  BOOST_CHECK_EXCEPTION(ObjectReader(typed, "d").expect_type_and_version("x", 1), FormatError,
                        has("version: unknown version 2 (this build reads version 1)"));
  BOOST_CHECK_EXCEPTION(ObjectReader(typed, "d").expect_type_and_version("y", 2), FormatError, has("expected \"y\""));
}

BOOST_AUTO_TEST_CASE(base64url_strict) {
  for (std::size_t n = 0; n < 40; ++n) {
    crypto::Bytes bytes(n);
    for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<std::uint8_t>(i * 37 + 11);
    BOOST_TEST((base64url_decode(base64url_encode(bytes)) == bytes));
  }
  BOOST_TEST(base64url_encode(b("\xfb\xff")) == "-_8");
  BOOST_CHECK_EXCEPTION(base64url_decode("AA=="), FormatError, has("no padding"));
  BOOST_CHECK_EXCEPTION(base64url_decode("A+"), FormatError, has("alphabet"));
  BOOST_CHECK_EXCEPTION(base64url_decode("AAAAA"), FormatError, has("impossible length"));
  BOOST_CHECK_EXCEPTION(base64url_decode("AB"), FormatError, has("non-zero unused bits"));
}

BOOST_AUTO_TEST_CASE(utc_times) {
  BOOST_TEST(parse_utc("1970-01-01T00:00:00Z", "t", "x") == 0);
  BOOST_TEST(parse_utc("2027-02-22T07:00:00Z", "t", "x") == 1803279600);
  BOOST_TEST(format_utc(1803279600) == "2027-02-22T07:00:00Z");
  BOOST_TEST(parse_utc("2028-02-29T23:59:59Z", "t", "x") + 1 == parse_utc("2028-03-01T00:00:00Z", "t", "x"));
  BOOST_CHECK_EXCEPTION(parse_utc("2027-02-29T00:00:00Z", "t", "x"), FormatError, has("impossible date"));
  BOOST_CHECK_EXCEPTION(parse_utc("2027-02-22 07:00:00Z", "t", "x"), FormatError, has("t: x: expected a UTC time"));
  BOOST_CHECK_EXCEPTION(parse_utc("2027-02-22T07:00:00+02:00", "t", "x"), FormatError, has("expected a UTC time"));
  BOOST_CHECK_EXCEPTION(parse_utc("2027-13-01T00:00:00Z", "t", "x"), FormatError, has("impossible"));
}

BOOST_AUTO_TEST_CASE(signed_documents) {
  const auto key = crypto::Ed25519SigningKey::generate();
  const auto other = crypto::Ed25519SigningKey::generate();
  Json doc = {{"type", "example"}, {"version", 1}, {"value", "x"}};
  sign_document(doc, key);
  BOOST_TEST(verify_document_signature(doc, key.public_key(), "example").ok);
  BOOST_TEST(verify_document_signature(parse_canonical(canonical_bytes(doc), "e"), key.public_key(), "e").ok);

  const crypto::Verdict wrong_key = verify_document_signature(doc, other.public_key(), "example");
  BOOST_TEST(wrong_key.reason.find("signed by another key") != std::string::npos);
  Json changed = doc;
  changed["value"] = "y";
  BOOST_TEST(verify_document_signature(changed, key.public_key(), "example").reason.find("does not verify") !=
             std::string::npos);
  // The same fields under another type do not carry the signature over.
  Json retyped = doc;
  retyped["type"] = "other";
  BOOST_TEST(!verify_document_signature(retyped, key.public_key(), "example").ok);
  Json unsigned_doc = doc;
  unsigned_doc.erase("signature");
  BOOST_TEST(verify_document_signature(unsigned_doc, key.public_key(), "example").reason.find("signature: missing") !=
             std::string::npos);
  Json bad_alg = doc;
  bad_alg["signature"]["algorithm"] = "rsa";
  BOOST_TEST(!verify_document_signature(bad_alg, key.public_key(), "example").ok);
}

BOOST_AUTO_TEST_SUITE_END()
