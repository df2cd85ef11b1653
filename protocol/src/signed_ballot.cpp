// Signed ballot: JSON form, strict decoding and the signature check.
#include "evote/protocol/signed_ballot.hpp"

#include "evote/crypto/hash.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

// A DER certificate is an ASN.1 SEQUENCE; this refuses PEM and other text
// early (the full parse is verify_voter_signature's).
void expect_der(const crypto::Bytes& bytes, const ObjectReader& r, const std::string& path) {
  if (bytes.empty() || bytes[0] != 0x30) fail_at(r.what(), path, "not a DER certificate");
}

}  // namespace

SignedBallot make_signed_ballot(crypto::Bytes ballot_bytes, crypto::Bytes signature,
                                crypto::Bytes certificate,
                                std::vector<crypto::Bytes> intermediates) {
  Ballot ballot = decode_ballot(ballot_bytes);
  return {std::move(ballot_bytes), std::move(ballot), std::move(signature), std::move(certificate),
          std::move(intermediates)};
}

Json to_json(const SignedBallot& s) {
  Json intermediates = Json::array();
  for (const auto& der : s.intermediates) intermediates.push_back(base64url_encode(der));
  return {{"type", kSignedBallotType},
          {"version", kSignedBallotVersion},
          {"ballot", base64url_encode(s.ballot_bytes)},
          {"signature", base64url_encode(s.signature)},
          {"certificate", base64url_encode(s.certificate)},
          {"intermediates", std::move(intermediates)}};
}

SignedBallot signed_ballot_from_json(const Json& document, const std::string& what) {
  const ObjectReader top(document, what);
  top.expect_type_and_version(kSignedBallotType, kSignedBallotVersion);
  top.allow_only({"type", "version", "ballot", "signature", "certificate", "intermediates"});
  SignedBallot s;
  s.ballot_bytes = top.binary("ballot");
  s.ballot = decode_ballot(s.ballot_bytes, what + ": ballot");
  s.signature = top.binary("signature");
  if (s.signature.empty()) top.fail("signature", "empty");
  s.certificate = top.binary("certificate");
  expect_der(s.certificate, top, top.path_of("certificate"));
  const Json& chain = top.array("intermediates");
  if (chain.size() > kMaxIntermediates) {
    top.fail("intermediates", "more than " + std::to_string(kMaxIntermediates) + " certificates");
  }
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const std::string path = element_path(top.path_of("intermediates"), i);
    s.intermediates.push_back(expect_binary(chain[i], what, path));
    expect_der(s.intermediates.back(), top, path);
  }
  return s;
}

crypto::Bytes encode_signed_ballot(const SignedBallot& s) { return canonical_bytes(to_json(s)); }

SignedBallot decode_signed_ballot(crypto::BytesView bytes, const std::string& what) {
  return signed_ballot_from_json(parse_canonical(bytes, what), what);
}

crypto::Bytes ballot_hash(crypto::BytesView signed_ballot_bytes) {
  return crypto::xof(kBallotHashTag, signed_ballot_bytes, 32);
}

crypto::Verdict check_signed_ballot(const ElectionConfig& config, const SignedBallot& s,
                                    std::time_t at_time, const crypto::TrustedCas& cas) {
  if (s.ballot.election_id != config.election_id) {
    return crypto::Verdict::fail("signed ballot: ballot for election \"" + s.ballot.election_id +
                                 "\", expected \"" + config.election_id + "\"");
  }
  const crypto::VoterSignatureResult result = crypto::verify_voter_signature(
      cas, s.certificate, s.intermediates, s.ballot_bytes, s.signature, at_time,
      crypto::CertificatePurpose::document_signing, config.voter_certificate_policies);
  if (!result.verdict) return crypto::Verdict::fail("signed ballot: " + result.verdict.reason);
  // No personal codes in the reason: it may end up in a log.
  if (result.signer.subject_serial_number != std::string(kVoterSerialPrefix) + s.ballot.voter_id) {
    return crypto::Verdict::fail(
        "signed ballot: the certificate's serialNumber does not match the ballot's voter_id");
  }
  return crypto::Verdict::pass();
}

}  // namespace evote::protocol
