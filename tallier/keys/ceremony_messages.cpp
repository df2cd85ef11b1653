#include "ceremony_messages.hpp"

#include <algorithm>
#include <filesystem>

#include "evote/crypto/groups.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"

namespace evote::keys {

using protocol::FormatError;
using protocol::ObjectReader;

namespace {

constexpr std::uint64_t kVersion = 1;

// The fields every ceremony message starts with.
Json base_document(const Setup& setup, std::string_view type) {
  return {{"type", type},
          {"version", kVersion},
          {"election_id", setup.params.election_id},
          {"group", setup.group->name()},
          {"trustees", setup.params.trustees},
          {"threshold", setup.params.threshold}};
}

void check_base(const Setup& setup, const ObjectReader& r, std::string_view type) {
  r.expect_type_and_version(type, kVersion);
  if (r.string("election_id") != setup.params.election_id) {
    r.fail("election_id", "\"" + r.string("election_id") + "\" is not this election (" +
                              setup.params.election_id + ")");
  }
  if (r.string("group") != setup.group->name())
    r.fail("group", "not this election's group " + std::string(setup.group->name()));
  if (r.unsigned_integer("trustees") != setup.params.trustees)
    r.fail("trustees", "not this election's number of trustees");
  if (r.unsigned_integer("threshold") != setup.params.threshold)
    r.fail("threshold", "not this election's threshold");
}

// The document must be signed by trustee `index`.
void check_signed_by(const Setup& setup, const Json& document, std::uint32_t index,
                     const std::string& what) {
  const crypto::Verdict v =
      protocol::verify_document_signature(document, setup.trustee(index).signing_key,
                                          what + " (trustee " + std::to_string(index) + ")");
  if (!v) throw FormatError(v.reason);
}

crypto::Bytes read_fixed(const ObjectReader& r, std::string_view key, std::size_t size) {
  crypto::Bytes bytes = r.binary(key);
  if (bytes.size() != size) {
    r.fail(key, std::to_string(bytes.size()) + " bytes, expected " + std::to_string(size));
  }
  return bytes;
}

Json signed_share_json(const crypto::SignedShare& s, std::string_view index_key,
                       std::uint32_t index) {
  return {{std::string(index_key), index},
          {"share", protocol::base64url_encode(s.share.value.encode())},
          {"share_signature", protocol::base64url_encode(s.signature)}};
}

crypto::SignedShare read_signed_share(const Setup& setup, const ObjectReader& r,
                                      std::uint32_t dealer, std::uint32_t recipient) {
  crypto::SignedShare s{{dealer, recipient, setup.group->scalars().zero()}, {}};
  try {
    s.share.value = setup.group->scalars().decode(r.binary("share"));
  } catch (const crypto::DecodeError& e) {
    r.fail("share", e.what());
  }
  s.signature = read_fixed(r, "share_signature", crypto::kEd25519SignatureBytes);
  return s;
}

}  // namespace

Json load_document(const std::string& path) {
  return protocol::parse_canonical(protocol::read_file(path), path);
}


std::uint32_t Setup::index_of(const crypto::Ed25519PublicKey& signing_key) const {
  for (const TrusteeKeys& t : trustees) {
    if (t.signing_key == signing_key) return t.index;
  }
  throw FormatError("this identity's signing key is not a trustee of election " +
                    params.election_id);
}

Setup setup_from_config(const protocol::ElectionConfig& config, const std::string& what) {
  Setup setup;
  setup.group = &crypto::group_by_name(config.group);
  setup.params = {config.election_id, static_cast<std::uint32_t>(config.trustees.size()),
                  config.threshold};
  if (config.trustees.empty() || config.threshold == 0)
    throw FormatError(what + ": trustees: the config has no trustees");
  setup.trustees.resize(config.trustees.size());
  for (const protocol::Trustee& t : config.trustees) {
    if (t.index < 1 || t.index > config.trustees.size() || setup.trustees[t.index - 1].index != 0) {
      throw FormatError(what + ": trustees: indices must be 1..n, each once");
    }
    setup.trustees[t.index - 1] = {t.index, t.signing_key, t.encryption_key};
  }
  try {
    crypto::check_params(setup.params);
  } catch (const crypto::Error& e) {
    throw FormatError(what + ": trustees: " + e.what());
  }
  return setup;
}

crypto::Element read_element(const crypto::Group& group, const ObjectReader& r,
                             std::string_view key) {
  try {
    return group.decode(r.binary(key));
  } catch (const crypto::DecodeError& e) {
    r.fail(key, e.what());
  }
}

std::string encode_element(const crypto::Element& element) {
  return protocol::base64url_encode(element.encode());
}

std::uint32_t read_index(const ObjectReader& r, std::string_view key, std::uint32_t n) {
  const std::uint64_t v = r.unsigned_integer(key);
  if (v < 1 || v > n)
    r.fail(key, "trustee index " + std::to_string(v) + " outside 1.." + std::to_string(n));
  return static_cast<std::uint32_t>(v);
}

std::vector<std::uint32_t> read_index_list(const ObjectReader& r, std::string_view key,
                                           std::uint32_t n) {
  const Json& array = r.array(key);
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = protocol::element_path(r.path_of(key), i);
    const std::uint64_t v = protocol::expect_unsigned(array[i], r.what(), path);
    if (v < 1 || v > n || (!out.empty() && v <= out.back())) {
      protocol::fail_at(r.what(), path,
                        "not an ascending trustee index in 1.." + std::to_string(n));
    }
    out.push_back(static_cast<std::uint32_t>(v));
  }
  return out;
}

// ------------------------------------------------------------------ deal

Json deal_to_json(const Setup& setup, const crypto::DealerCommitments& commitments) {
  Json doc = base_document(setup, "dkg-deal");
  doc["dealer"] = commitments.dealer;
  Json list = Json::array();
  for (const crypto::Element& c : commitments.coefficients) list.push_back(encode_element(c));
  doc["commitments"] = list;
  doc["proof"] = protocol::base64url_encode(crypto::encode(commitments.proof));
  return doc;
}

crypto::DealerCommitments deal_from_json(const Setup& setup, const Json& document,
                                         const std::string& what) {
  const ObjectReader r(document, what);
  r.allow_only({"type", "version", "election_id", "group", "trustees", "threshold", "dealer",
                "commitments", "proof", "signature"});
  check_base(setup, r, "dkg-deal");
  const std::uint32_t dealer = read_index(r, "dealer", setup.params.trustees);
  const Json& list = r.array("commitments");
  if (list.size() != setup.params.threshold) {
    r.fail("commitments", std::to_string(list.size()) + " commitments, expected t = " +
                              std::to_string(setup.params.threshold));
  }
  std::vector<crypto::Element> coefficients;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string path = protocol::element_path(r.path_of("commitments"), k);
    try {
      coefficients.push_back(setup.group->decode(protocol::expect_binary(list[k], what, path)));
    } catch (const crypto::DecodeError& e) {
      protocol::fail_at(what, path, e.what());
    }
  }
  crypto::SchnorrProof proof{setup.group->identity(), setup.group->scalars().zero()};
  try {
    proof = crypto::decode_schnorr_proof(*setup.group, r.binary("proof"));
  } catch (const crypto::DecodeError& e) {
    r.fail("proof", e.what());
  }
  check_signed_by(setup, document, dealer, what);
  return {dealer, std::move(coefficients), std::move(proof)};
}

// ----------------------------------------------------------------- boxes

Json boxes_to_json(const Setup& setup, const ShareBoxes& boxes) {
  Json doc = base_document(setup, "dkg-share-boxes");
  doc["dealer"] = boxes.dealer;
  Json list = Json::array();
  for (std::uint32_t j = 1; j <= boxes.boxes.size(); ++j) {
    list.push_back({{"recipient", j}, {"box", protocol::base64url_encode(boxes.boxes[j - 1])}});
  }
  doc["boxes"] = list;
  doc["dealer_copy"] = protocol::base64url_encode(boxes.dealer_copy);
  return doc;
}

ShareBoxes boxes_from_json(const Setup& setup, const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.allow_only({"type", "version", "election_id", "group", "trustees", "threshold", "dealer",
                "boxes", "dealer_copy", "signature"});
  check_base(setup, r, "dkg-share-boxes");
  ShareBoxes out;
  out.dealer = read_index(r, "dealer", setup.params.trustees);
  const Json& list = r.array("boxes");
  if (list.size() != setup.params.trustees) r.fail("boxes", "expected one box per trustee");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const ObjectReader b(list[k], what, protocol::element_path(r.path_of("boxes"), k));
    b.allow_only({"recipient", "box"});
    if (b.unsigned_integer("recipient") != k + 1)
      b.fail("recipient", "expected " + std::to_string(k + 1));
    out.boxes.push_back(b.binary("box"));
  }
  out.dealer_copy = r.binary("dealer_copy");
  check_signed_by(setup, document, out.dealer, what);
  return out;
}

// ------------------------------------------------------------ complaints

Json complaints_to_json(const Setup& setup, const Complaints& complaints) {
  Json doc = base_document(setup, "dkg-complaints");
  doc["accuser"] = complaints.accuser;
  Json list = Json::array();
  for (const crypto::Complaint& c : complaints.complaints) {
    if (c.revealed) {
      Json item = signed_share_json(*c.revealed, "dealer", c.dealer);
      item["kind"] = "bad-share";
      list.push_back(item);
    } else {
      list.push_back({{"dealer", c.dealer}, {"kind", "no-valid-share"}});
    }
  }
  doc["complaints"] = list;
  return doc;
}

Complaints complaints_from_json(const Setup& setup, const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.allow_only({"type", "version", "election_id", "group", "trustees", "threshold", "accuser",
                "complaints", "signature"});
  check_base(setup, r, "dkg-complaints");
  Complaints out;
  out.accuser = read_index(r, "accuser", setup.params.trustees);
  const Json& list = r.array("complaints");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const ObjectReader c(list[k], what, protocol::element_path(r.path_of("complaints"), k));
    const std::uint32_t dealer = read_index(c, "dealer", setup.params.trustees);
    if (dealer == out.accuser) c.fail("dealer", "a trustee cannot complain about itself");
    if (!out.complaints.empty() && dealer <= out.complaints.back().dealer)
      c.fail("dealer", "not in ascending order");
    const std::string kind = c.string("kind");
    crypto::Complaint complaint{out.accuser, dealer, std::nullopt};
    if (kind == "bad-share") {
      c.allow_only({"dealer", "kind", "share", "share_signature"});
      complaint.revealed = read_signed_share(setup, c, dealer, out.accuser);
    } else if (kind == "no-valid-share") {
      c.allow_only({"dealer", "kind"});
    } else {
      c.fail("kind", "\"" + kind + "\" is not bad-share or no-valid-share");
    }
    out.complaints.push_back(std::move(complaint));
  }
  check_signed_by(setup, document, out.accuser, what);
  return out;
}

// --------------------------------------------------------------- answers

Json answers_to_json(const Setup& setup, const Answers& answers) {
  Json doc = base_document(setup, "dkg-answers");
  doc["dealer"] = answers.dealer;
  Json list = Json::array();
  for (const crypto::SignedShare& s : answers.answers)
    list.push_back(signed_share_json(s, "recipient", s.share.recipient));
  doc["answers"] = list;
  return doc;
}

Answers answers_from_json(const Setup& setup, const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.allow_only({"type", "version", "election_id", "group", "trustees", "threshold", "dealer",
                "answers", "signature"});
  check_base(setup, r, "dkg-answers");
  Answers out;
  out.dealer = read_index(r, "dealer", setup.params.trustees);
  const Json& list = r.array("answers");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const ObjectReader a(list[k], what, protocol::element_path(r.path_of("answers"), k));
    a.allow_only({"recipient", "share", "share_signature"});
    const std::uint32_t recipient = read_index(a, "recipient", setup.params.trustees);
    if (recipient == out.dealer) a.fail("recipient", "a dealer does not answer itself");
    if (!out.answers.empty() && recipient <= out.answers.back().share.recipient)
      a.fail("recipient", "not in ascending order");
    out.answers.push_back(read_signed_share(setup, a, out.dealer, recipient));
  }
  check_signed_by(setup, document, out.dealer, what);
  return out;
}

// ---------------------------------------------------------------- finish

Json finish_to_json(const Setup& setup, const Finish& finish) {
  Json doc = base_document(setup, "dkg-finish");
  doc["trustee"] = finish.trustee;
  doc["record_hash"] = protocol::base64url_encode(finish.record_hash);
  doc["qualified"] = finish.qualified;
  doc["public_key"] = encode_element(finish.public_key);
  doc["verification_key"] = encode_element(finish.verification_key);
  return doc;
}

Finish finish_from_json(const Setup& setup, const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.allow_only({"type", "version", "election_id", "group", "trustees", "threshold", "trustee",
                "record_hash", "qualified", "public_key", "verification_key", "signature"});
  check_base(setup, r, "dkg-finish");
  Finish out{read_index(r, "trustee", setup.params.trustees), read_fixed(r, "record_hash", 32),
             read_index_list(r, "qualified", setup.params.trustees),
             read_element(*setup.group, r, "public_key"),
             read_element(*setup.group, r, "verification_key")};
  check_signed_by(setup, document, out.trustee, what);
  return out;
}

}  // namespace evote::keys
