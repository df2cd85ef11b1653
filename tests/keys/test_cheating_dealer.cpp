// A 2-of-4 ceremony with a cheating dealer, a false accuser and a lost USB
// stick: dealer 4 gives trustee 2 a validly signed share that fails the
// Feldman check (caught, dealer 4 disqualified by everybody alike); trustee 3
// complains about dealer 1's good share (trustee 3 disqualified); trustee 1
// never receives dealer 3's boxes (it complains, dealer 3 answers, nobody is
// disqualified for that). The key still comes out from Q = {1, 2}, verifies,
// and decrypts with any two trustees, the disqualified ones included (they
// still hold shares of Q's key).
#include "ceremony_harness.hpp"
#include "evote/crypto/passphrase_seal.hpp"
#include "evote/crypto/threshold.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/signed_document.hpp"

using namespace evote::keys_test;
using evote::protocol::Json;
namespace crypto = evote::crypto;

namespace {

Json load(const fs::path& p) {
  return evote::protocol::parse_canonical(evote::testing::read_whole_file(p), p.string());
}
void save(const fs::path& p, const Json& j) {
  evote::testing::write_whole_file(p, evote::protocol::canonical_bytes(j));
}

// Trustee j's Ed25519 key, opened as the cheater can (it knows its passphrase).
crypto::Ed25519SigningKey signing_key(const Ceremony& c, std::uint32_t j) {
  const Json id = load(c.dir(j) / "identity.key");
  const crypto::SecretBytes both = crypto::open_with_passphrase(
      evote::protocol::base64url_decode(id["sealed_secret"].get<std::string>()),
      "correct horse battery staple");
  return crypto::Ed25519SigningKey::from_secret(both.view().first(64));
}

crypto::X25519KeyPair encryption_keys(const Ceremony& c, std::uint32_t j) {
  const Json id = load(c.dir(j) / "identity.key");
  const crypto::SecretBytes both = crypto::open_with_passphrase(
      evote::protocol::base64url_decode(id["sealed_secret"].get<std::string>()),
      "correct horse battery staple");
  return crypto::X25519KeyPair::from_secret(both.view().subspan(64));
}

crypto::X25519PublicKey encryption_key(const Ceremony& c, std::uint32_t j) {
  const Json config = load(c.config());
  return crypto::X25519PublicKey::decode(evote::protocol::base64url_decode(
      config["trustees"]["members"][j - 1]["encryption_key"].get<std::string>()));
}

// Dealer i's published commitments (deal-i.json), as every trustee reads them.
crypto::DealerCommitments deal_of(const Ceremony& c, std::uint32_t i) {
  const Json deal = load(c.public_dir() / ("deal-" + std::to_string(i) + ".json"));
  const crypto::Group& g = c.group();
  std::vector<crypto::Element> coefficients;
  for (const Json& e : deal["commitments"])
    coefficients.push_back(g.decode(evote::protocol::base64url_decode(e.get<std::string>())));
  return {i, std::move(coefficients),
          crypto::decode_schnorr_proof(
              g, evote::protocol::base64url_decode(deal["proof"].get<std::string>()))};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(keys_cheating_dealer)

BOOST_AUTO_TEST_CASE(bad_share_is_caught_and_the_dealer_disqualified) {
  Ceremony c("EP_2029", 4, 2);
  c.setup();
  c.deal_all();

  // Dealer 4 cheats: trustee 2 gets a random share, properly signed and sealed.
  const crypto::Group& g = c.group();
  const crypto::ThresholdParams params{"EP_2029", 4, 2};
  const crypto::SignedShare bad =
      crypto::sign_share(g, params, deal_of(c, 4), {4, 2, g.scalars().random()}, signing_key(c, 4));
  Json boxes = load(c.dir(2) / "boxes-4.json");
  boxes["boxes"][1]["box"] =
      evote::protocol::base64url_encode(crypto::seal_share(bad, encryption_key(c, 2)));
  evote::protocol::sign_document(boxes, signing_key(c, 4));
  save(c.dir(2) / "boxes-4.json", boxes);
  // Trustee 1's copy of dealer 3's boxes is lost on the way.
  fs::remove(c.dir(1) / "boxes-3.json");

  const std::vector<Run> received = c.receive_all();
  // Trustee 3 lies: it publishes dealer 1's good share as a bad one.
  const Json boxes1 = load(c.dir(3) / "boxes-1.json");
  const crypto::SignedShare good = crypto::open_share(
      g, params, deal_of(c, 1), 3,
      evote::protocol::base64url_decode(boxes1["boxes"][2]["box"].get<std::string>()),
      encryption_keys(c, 3), signing_key(c, 1).public_key());
  Json lie = load(c.dir(3) / "complaints-3.json");
  lie["complaints"] =
      Json::array({{{"dealer", 1},
                    {"kind", "bad-share"},
                    {"share", evote::protocol::base64url_encode(good.share.value.encode())},
                    {"share_signature", evote::protocol::base64url_encode(good.signature)}}});
  evote::protocol::sign_document(lie, signing_key(c, 3));
  save(c.dir(3) / "complaints-3.json", lie);
  c.share_file(3, "complaints-3.json");

  BOOST_TEST(received[0].has("dealer 3: no valid share (no boxes-3.json): complaint"),
             received[0].output);
  BOOST_TEST(received[1].has("dealer 4: share from dealer 4 to trustee 2"), received[1].output);
  BOOST_TEST(received[1].has("complaint"), received[1].output);
  BOOST_TEST(received[2].has("0 complaints"), received[2].output);

  // Dealer 3 answers the "no valid share" complaint: that share becomes public.
  c.answer(3);
  const Json answers = load(c.public_dir() / "answers-3.json");
  BOOST_TEST(answers["answers"].size() == 1u);
  BOOST_TEST(answers["answers"][0]["recipient"] == 1);

  const std::vector<Run> finished = c.finish_all();
  for (const Run& r : finished) {
    BOOST_TEST(r.has("qualified dealers 1 2;"), r.output);
    BOOST_TEST(r.has("disqualified 3: complaint of trustee 3 about dealer 1"), r.output);
    BOOST_TEST(r.has("disqualified 4: complaint of trustee 2 about dealer 4"), r.output);
  }
  // A bulletin board without dealer 3's answer is not the one the trustees
  // finished with: publish-key names the first finish that disagrees.
  const fs::path partial_board = c.root() / "partial-board";
  fs::create_directories(partial_board);
  for (const auto& e : fs::directory_iterator(c.public_dir())) {
    if (e.path().filename() != "answers-3.json")
      fs::copy_file(e.path(), partial_board / e.path().filename());
  }
  const Run differs = run(kKeys + " publish-key --config " + q(c.config()) + " --dir " +
                          q(partial_board) + " --out " + q(c.root() / "c.json"));
  BOOST_TEST(differs.status == 1);
  BOOST_TEST(
      differs.has("finish-1.json: record_hash: trustee 1 finished with other ceremony messages"),
      differs.output);
  BOOST_TEST(!fs::exists(c.root() / "c.json"));

  const std::string key = c.publish();
  const Run verified = c.verify(c.ceremony_file());
  BOOST_TEST(verified.status == 0, verified.output);
  const Json ceremony = load(c.ceremony_file());
  BOOST_TEST(ceremony["qualified"] == Json::array({1, 2}));
  BOOST_TEST(ceremony["disqualified"].size() == 2u);
  BOOST_TEST(ceremony["disqualified"][0]["trustee"] == 3);
  BOOST_TEST(ceremony["disqualified"][1]["trustee"] == 4);

  // Claiming the cheater was qualified fails verification.
  Json claimed = ceremony;
  claimed["qualified"] = Json::array({1, 2, 4});
  claimed["disqualified"] = Json::array();
  save(c.root() / "claimed.json", claimed);
  const Run claim = c.verify(c.root() / "claimed.json");
  BOOST_TEST(claim.status == 1);
  BOOST_TEST(claim.has("qualified: not the qualified set the complaints give"), claim.output);

  // Without trustee 3's false complaint dealer 3 would be qualified.
  Json no_lie = ceremony;
  no_lie["record"]["complaints"].erase(2);
  save(c.root() / "no_lie.json", no_lie);
  const Run u = c.verify(c.root() / "no_lie.json");
  BOOST_TEST(u.status == 1);
  BOOST_TEST(u.has("qualified: not the qualified set the complaints give"), u.output);

  const std::vector<std::vector<std::uint64_t>> rows = {{11, 12}, {13, 2}};
  const fs::path input = c.encrypt(key, rows);
  for (std::uint32_t j = 1; j <= 4; ++j)
    BOOST_TEST_REQUIRE(c.partial_decrypt(j, input).status == 0);
  for (auto [a, b] :
       std::vector<std::pair<std::uint32_t, std::uint32_t>>{{1, 2}, {2, 4}, {3, 4}, {1, 3}}) {
    const fs::path out = c.root() / "plain.txt";
    const Run r = c.combine(input, {c.partial(a), c.partial(b)}, out);
    BOOST_TEST(r.status == 0, r.output);
    BOOST_TEST(sorted_lines(read_text(out)) == plaintext_lines(rows));
    fs::remove(out);
  }
  const Run one = c.combine(input, {c.partial(4)}, c.root() / "one.txt");
  BOOST_TEST(one.status == 1);
  BOOST_TEST(one.has("need 2 valid partial decryptions, have 1"), one.output);
}

BOOST_AUTO_TEST_CASE(a_share_from_an_earlier_run_under_the_same_config_is_no_evidence) {
  // The ceremony is dealt once, abandoned, and run again with the same
  // signed config and trustee identities. Trustee 2 kept dealer 1's share of
  // the first run, validly signed then, and presents it as a "bad share" in
  // the second run. The signature binds dealer 1's first-run commitments,
  // so it fails now: trustee 2 is disqualified, not the honest dealer 1.
  Ceremony c("EP_2031", 3, 2);
  c.setup();
  c.deal_all();
  const crypto::Group& g = c.group();
  const crypto::ThresholdParams params{"EP_2031", 3, 2};
  const Json first_boxes = load(c.dir(2) / "boxes-1.json");
  const crypto::SignedShare old = crypto::open_share(
      g, params, deal_of(c, 1), 2,
      evote::protocol::base64url_decode(first_boxes["boxes"][1]["box"].get<std::string>()),
      encryption_keys(c, 2), signing_key(c, 1).public_key());
  for (const fs::path& folder : {c.dir(1), c.dir(2), c.dir(3), c.public_dir()}) {
    for (std::uint32_t i = 1; i <= 3; ++i) {
      fs::remove(folder / ("deal-" + std::to_string(i) + ".json"));
      fs::remove(folder / ("boxes-" + std::to_string(i) + ".json"));
    }
  }

  c.deal_all();
  const std::vector<Run> received = c.receive_all();
  for (const Run& r : received) BOOST_TEST(r.has("0 complaints"), r.output);
  Json replay = load(c.dir(2) / "complaints-2.json");
  replay["complaints"] =
      Json::array({{{"dealer", 1},
                    {"kind", "bad-share"},
                    {"share", evote::protocol::base64url_encode(old.share.value.encode())},
                    {"share_signature", evote::protocol::base64url_encode(old.signature)}}});
  evote::protocol::sign_document(replay, signing_key(c, 2));
  save(c.dir(2) / "complaints-2.json", replay);
  c.share_file(2, "complaints-2.json");

  for (const Run& r : c.finish_all()) {
    BOOST_TEST(r.has("qualified dealers 1 3;"), r.output);
    BOOST_TEST(r.has("disqualified 2: complaint of trustee 2 about dealer 1"), r.output);
    BOOST_TEST(r.has("not signed by the dealer"), r.output);
  }
  c.publish();
  const Run verified = c.verify(c.ceremony_file());
  BOOST_TEST(verified.status == 0, verified.output);
}

BOOST_AUTO_TEST_CASE(too_many_cheaters_make_the_ceremony_fail) {
  // 2 of 3 with dealers 2 and 3 silent: one qualified dealer, t = 2 needed.
  Ceremony c("EP_2030", 3, 2);
  c.setup();
  ok(c.step("deal", 1));
  c.share_file(1, "deal-1.json");
  c.share_file(1, "boxes-1.json", false);
  for (std::uint32_t j = 1; j <= 3; ++j) ok(c.step("receive", j));
  const Run r = run(c.step("finish", 1));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("the ceremony fails: only 1 qualified dealers, t = 2 needed"), r.output);
  BOOST_TEST(r.has("dealer 2: no deal message"), r.output);
  BOOST_TEST(!fs::exists(c.dir(1) / "share.json"));
  BOOST_TEST(!fs::exists(c.dir(1) / "finish-1.json"));
}

BOOST_AUTO_TEST_SUITE_END()
