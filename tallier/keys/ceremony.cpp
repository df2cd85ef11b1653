#include "ceremony.hpp"

#include <algorithm>

#include "evote/crypto/groups.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"

namespace evote::keys {

using protocol::FormatError;
using protocol::ObjectReader;
namespace fs = std::filesystem;

std::string deal_file(std::uint32_t i) { return "deal-" + std::to_string(i) + ".json"; }
std::string boxes_file(std::uint32_t i) { return "boxes-" + std::to_string(i) + ".json"; }
std::string complaints_file(std::uint32_t j) { return "complaints-" + std::to_string(j) + ".json"; }
std::string answers_file(std::uint32_t i) { return "answers-" + std::to_string(i) + ".json"; }
std::string finish_file(std::uint32_t j) { return "finish-" + std::to_string(j) + ".json"; }

namespace {

template <typename T, typename Reader, typename Index>
void load_each(const Setup& setup, const fs::path& dir, std::string (*name)(std::uint32_t),
               Reader read, Index index_of, std::vector<std::pair<Json, T>>& out) {
  for (std::uint32_t i = 1; i <= setup.params.trustees; ++i) {
    const fs::path path = dir / name(i);
    if (!fs::exists(path)) continue;
    Json doc = load_document(path.string());
    T message = read(setup, doc, path.string());
    if (index_of(message) != i) {
      throw FormatError(path.string() + ": the message is from trustee " +
                        std::to_string(index_of(message)) + ", not " + std::to_string(i));
    }
    out.emplace_back(std::move(doc), std::move(message));
  }
}

// The answer of `dealer` to `accuser`, if published.
std::optional<crypto::SignedShare> find_answer(const Messages& m, std::uint32_t dealer,
                                               std::uint32_t accuser) {
  for (const auto& [doc, answers] : m.answers) {
    if (answers.dealer != dealer) continue;
    for (const crypto::SignedShare& s : answers.answers) {
      if (s.share.recipient == accuser) return s;
    }
  }
  return std::nullopt;
}

Json trustees_json(const Setup& setup) {
  Json list = Json::array();
  for (const TrusteeKeys& t : setup.trustees) {
    list.push_back({{"index", t.index},
                    {"signing_key", protocol::base64url_encode(t.signing_key.bytes)},
                    {"encryption_key", protocol::base64url_encode(t.encryption_key.bytes)}});
  }
  return list;
}

[[noreturn]] void fail(const std::string& what, const std::string& check) {
  throw FormatError(what + ": " + check);
}

}  // namespace

Messages load_messages(const Setup& setup, const fs::path& dir) {
  Messages m;
  load_each<crypto::DealerCommitments>(
      setup, dir, deal_file, deal_from_json,
      [](const crypto::DealerCommitments& d) { return d.dealer; }, m.deals);
  load_each<Complaints>(
      setup, dir, complaints_file, complaints_from_json,
      [](const Complaints& c) { return c.accuser; }, m.complaints);
  load_each<Answers>(
      setup, dir, answers_file, answers_from_json, [](const Answers& a) { return a.dealer; },
      m.answers);
  return m;
}

Outcome settle(const Setup& setup, const Messages& m) {
  Outcome out;
  auto disqualify = [&](std::uint32_t who, const std::string& why) {
    out.disqualified.emplace(who, why);
  };
  std::map<std::uint32_t, const crypto::DealerCommitments*> deals;
  for (const auto& [doc, d] : m.deals) deals[d.dealer] = &d;
  for (std::uint32_t i = 1; i <= setup.params.trustees; ++i) {
    if (!deals.count(i)) {
      disqualify(i, "dealer " + std::to_string(i) + ": no deal message");
    } else if (const crypto::Verdict v =
                   crypto::verify_dealer_commitments(*setup.group, setup.params, *deals[i]);
               !v) {
      disqualify(i, "dealer " + std::to_string(i) + ": " + v.reason);
    }
  }
  for (const auto& [doc, complaints] : m.complaints) {
    for (const crypto::Complaint& c : complaints.complaints) {
      if (!deals.count(c.dealer)) continue;  // disqualified already: nothing to settle
      const std::optional<crypto::SignedShare> answer = find_answer(m, c.dealer, c.accuser);
      const crypto::ComplaintOutcome o =
          crypto::resolve_complaint(*setup.group, setup.params, *deals[c.dealer],
                                    setup.trustee(c.dealer).signing_key, c, answer);
      if (o.disqualified == crypto::Culprit::none) {
        out.answered.emplace(std::make_pair(c.dealer, c.accuser), *answer);
      } else {
        disqualify(o.trustee, "complaint of trustee " + std::to_string(c.accuser) +
                                  " about dealer " + std::to_string(c.dealer) + ": " + o.reason);
      }
    }
  }
  std::vector<std::uint32_t> bad;
  for (const auto& [who, why] : out.disqualified) bad.push_back(who);
  try {
    out.qualified = crypto::qualified_dealers(setup.params, bad);
  } catch (const crypto::Error& e) {
    std::string why =
        "the ceremony fails: only " + std::to_string(setup.params.trustees - bad.size()) +
        " qualified dealers, t = " + std::to_string(setup.params.threshold) + " needed";
    for (const auto& [who, reason] : out.disqualified) why += "; " + reason;
    throw FormatError(why);
  }
  std::vector<crypto::DealerCommitments> chosen;
  for (std::uint32_t i : out.qualified) chosen.push_back(*deals[i]);
  out.key = crypto::derive_joint_key(*setup.group, setup.params, chosen, out.qualified);
  return out;
}

Json record_to_json(const Setup& setup, const Messages& m) {
  Json deals = Json::array(), complaints = Json::array(), answers = Json::array();
  for (const auto& [doc, x] : m.deals) deals.push_back(doc);
  for (const auto& [doc, x] : m.complaints) complaints.push_back(doc);
  for (const auto& [doc, x] : m.answers) answers.push_back(doc);
  return {{"type", "dkg-record"},
          {"version", 1},
          {"election_id", setup.params.election_id},
          {"group", setup.group->name()},
          {"threshold", setup.params.threshold},
          {"trustees", trustees_json(setup)},
          {"deals", deals},
          {"complaints", complaints},
          {"answers", answers}};
}

crypto::Bytes record_hash(const Json& record) {
  return protocol::file_hash(protocol::canonical_bytes(record));
}

Json ceremony_to_json(const Setup& setup, const Messages& messages, const Outcome& outcome,
                      const std::vector<Json>& finishes) {
  Json disqualified = Json::array();
  for (const auto& [who, why] : outcome.disqualified)
    disqualified.push_back({{"trustee", who}, {"reason", why}});
  Json keys = Json::array();
  for (std::uint32_t j = 1; j <= setup.params.trustees; ++j) {
    keys.push_back(encode_element(crypto::verification_key(*outcome.key, j)));
  }
  return {{"type", "key-ceremony"},
          {"version", 1},
          {"record", record_to_json(setup, messages)},
          {"finishes", finishes},
          {"qualified", outcome.qualified},
          {"disqualified", disqualified},
          {"public_key", encode_element(outcome.key->public_key)},
          {"verification_keys", keys}};
}

namespace {

Setup setup_from_record(const ObjectReader& r) {
  r.expect_type_and_version("dkg-record", 1);
  r.allow_only({"type", "version", "election_id", "group", "threshold", "trustees", "deals",
                "complaints", "answers"});
  Setup setup;
  try {
    setup.group = &crypto::group_by_name(r.string("group"));
  } catch (const crypto::Error& e) {
    r.fail("group", e.what());
  }
  const Json& list = r.array("trustees");
  setup.params = {r.string("election_id"), static_cast<std::uint32_t>(list.size()),
                  static_cast<std::uint32_t>(
                      std::min<std::uint64_t>(r.unsigned_integer("threshold"), UINT32_MAX))};
  try {
    crypto::check_params(setup.params);
  } catch (const crypto::Error& e) {
    r.fail("threshold", e.what());
  }
  for (std::size_t k = 0; k < list.size(); ++k) {
    const ObjectReader t(list[k], r.what(), protocol::element_path(r.path_of("trustees"), k));
    t.allow_only({"index", "signing_key", "encryption_key"});
    if (t.unsigned_integer("index") != k + 1) t.fail("index", "expected " + std::to_string(k + 1));
    TrusteeKeys keys;
    keys.index = static_cast<std::uint32_t>(k + 1);
    try {
      keys.signing_key = crypto::Ed25519PublicKey::decode(t.binary("signing_key"));
      keys.encryption_key = crypto::X25519PublicKey::decode(t.binary("encryption_key"));
    } catch (const crypto::DecodeError& e) {
      t.fail("signing_key", e.what());
    }
    setup.trustees.push_back(keys);
  }
  return setup;
}

template <typename T, typename Reader, typename Index>
std::vector<std::pair<Json, T>> messages_from(const Setup& setup, const ObjectReader& r,
                                              std::string_view key, Reader read, Index index_of) {
  std::vector<std::pair<Json, T>> out;
  const Json& list = r.array(key);
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string path = protocol::element_path(r.path_of(key), k);
    T message = read(setup, list[k], r.what() + ": " + path);
    if (!out.empty() && index_of(message) <= index_of(out.back().second)) {
      fail(r.what(), path + ": messages not in ascending trustee order, or two from one trustee");
    }
    out.emplace_back(list[k], std::move(message));
  }
  return out;
}

// §15.3 check 2: the record's parameters and trustees are the config's.
void check_against_config(const Setup& setup, const protocol::ElectionConfig& config,
                          const std::string& what) {
  const Setup expected = setup_from_config(config, "election config");
  if (expected.params.election_id != setup.params.election_id || expected.group != setup.group ||
      expected.params.threshold != setup.params.threshold ||
      expected.params.trustees != setup.params.trustees) {
    fail(what, "record: election id, group, n or t differ from the election config");
  }
  for (std::uint32_t j = 1; j <= setup.params.trustees; ++j) {
    if (!(expected.trustee(j).signing_key == setup.trustee(j).signing_key) ||
        !(expected.trustee(j).encryption_key == setup.trustee(j).encryption_key)) {
      fail(what,
           "record: trustee " + std::to_string(j) + "'s keys differ from the election config");
    }
  }
}

// §15.3 check 4: the stated qualified and disqualified sets.
void check_sets(const ObjectReader& r, const Setup& setup, const Outcome& outcome) {
  if (read_index_list(r, "qualified", setup.params.trustees) != outcome.qualified) {
    fail(r.what(), "qualified: not the qualified set the complaints give");
  }
  const Json& disqualified = r.array("disqualified");
  std::vector<std::uint32_t> listed;
  for (std::size_t k = 0; k < disqualified.size(); ++k) {
    const ObjectReader d(disqualified[k], r.what(), protocol::element_path("disqualified", k));
    d.allow_only({"trustee", "reason"});
    listed.push_back(read_index(d, "trustee", setup.params.trustees));
    (void)d.string("reason");
  }
  std::vector<std::uint32_t> expected;
  for (const auto& [who, why] : outcome.disqualified) expected.push_back(who);
  if (listed != expected)
    fail(r.what(), "disqualified: not the trustees the complaints disqualify");
}

// §15.3 check 5: y and every Y_j.
std::vector<crypto::Element> check_keys(const ObjectReader& r, const Setup& setup,
                                        const crypto::JointKey& key) {
  if (!(read_element(*setup.group, r, "public_key") == key.public_key)) {
    fail(r.what(), "public_key: not the product of the qualified dealers' constant commitments");
  }
  const Json& keys = r.array("verification_keys");
  if (keys.size() != setup.params.trustees)
    fail(r.what(), "verification_keys: expected one per trustee");
  std::vector<crypto::Element> out;
  for (std::uint32_t j = 1; j <= setup.params.trustees; ++j) {
    const std::string path = protocol::element_path("verification_keys", j - 1);
    crypto::Element y = setup.group->identity();
    try {
      y = setup.group->decode(protocol::expect_binary(keys[j - 1], r.what(), path));
    } catch (const crypto::DecodeError& e) {
      fail(r.what(), path + ": " + e.what());
    }
    if (!(y == crypto::verification_key(key, j))) {
      fail(r.what(), path + ": not trustee " + std::to_string(j) +
                         "'s verification key from the commitments");
    }
    out.push_back(y);
  }
  return out;
}

// §15.3 checks 7 and 8: the finish statements.
void check_finishes(const ObjectReader& r, const Ceremony& c, const Outcome& outcome) {
  const std::string& what = r.what();
  const Json& finishes = r.array("finishes");
  std::vector<std::uint32_t> finished;
  for (std::size_t k = 0; k < finishes.size(); ++k) {
    const std::string path = protocol::element_path("finishes", k);
    const Finish f = finish_from_json(c.setup, finishes[k], what + ": " + path);
    if (!finished.empty() && f.trustee <= finished.back())
      fail(what, path + ": not in ascending trustee order");
    finished.push_back(f.trustee);
    const std::string who = path + " (trustee " + std::to_string(f.trustee) + ")";
    if (f.record_hash != c.record_hash)
      fail(what, who + ": record_hash is not the hash of this record");
    if (f.qualified != outcome.qualified) fail(what, who + ": qualified set differs");
    if (!(f.public_key == outcome.key->public_key)) fail(what, who + ": public key differs");
    if (!(f.verification_key == c.verification_keys[f.trustee - 1]))
      fail(what, who + ": verification key differs");
  }
  for (std::uint32_t i : outcome.qualified) {
    if (std::find(finished.begin(), finished.end(), i) == finished.end()) {
      fail(what, "finishes: qualified trustee " + std::to_string(i) + " has no finish statement");
    }
  }
}

}  // namespace

Ceremony check_ceremony(const Json& document, const std::string& what,
                        const std::optional<protocol::ElectionConfig>& config) {
  const ObjectReader r(document, what);
  r.expect_type_and_version("key-ceremony", 1);
  r.allow_only({"type", "version", "record", "finishes", "qualified", "disqualified", "public_key",
                "verification_keys"});
  const ObjectReader record = r.object("record");
  Ceremony out;
  out.setup = setup_from_record(record);
  const Setup& setup = out.setup;
  if (config) check_against_config(setup, *config, what);
  Messages m;
  m.deals = messages_from<crypto::DealerCommitments>(
      setup, record, "deals", deal_from_json,
      [](const crypto::DealerCommitments& d) { return d.dealer; });
  m.complaints = messages_from<Complaints>(setup, record, "complaints", complaints_from_json,
                                           [](const Complaints& c) { return c.accuser; });
  m.answers = messages_from<Answers>(setup, record, "answers", answers_from_json,
                                     [](const Answers& a) { return a.dealer; });
  out.record_hash = record_hash(r.raw("record"));
  Outcome outcome;
  try {
    outcome = settle(setup, m);
  } catch (const FormatError& e) {
    fail(what, std::string("record: ") + e.what());
  }
  out.key = outcome.key;
  check_sets(r, setup, outcome);
  out.verification_keys = check_keys(r, setup, *outcome.key);
  if (config && config->election_public_key &&
      *config->election_public_key != outcome.key->public_key.encode()) {
    fail(what, "public_key: not the election public key of the election config");
  }
  check_finishes(r, out, outcome);
  return out;
}

Ceremony load_ceremony(const std::string& path,
                       const std::optional<protocol::ElectionConfig>& config) {
  return check_ceremony(load_document(path), path, config);
}

}  // namespace evote::keys
