// partial-decrypt and combine under a config that names the mix servers
// (specs/keys.md §16 step 4, specs/mix.md §10 "Stage signatures"): the
// cascade is theirs, one stage per server, each signed by its server; a
// missing or foreign signature, or a missing stage, is refused naming the
// stage, before the share is opened (a wrong passphrase is never tried).
#include <memory>

#include "ceremony_harness.hpp"

using namespace evote::keys_test;

namespace {

const std::vector<std::vector<std::uint64_t>> kRows = {{2}, {101}, {1}, {102}, {101}};

// A 2-of-2 ceremony whose config names the mix servers "Org A" and "Org B",
// and one input mixed by them (stage 1 by Org A, stage 2 by Org B).
struct Fixture {
  Ceremony ceremony{"MS_2030", 2, 2};
  fs::path input;
  fs::path wrong_passphrase;

  std::string mix_key(int k) const {
    return q(ceremony.root() / ("mix-" + std::to_string(k) + ".key"));
  }
  // evote-mix cascade as mix server k.
  Run mix_stage(const fs::path& in, const fs::path& cascade, int k) const {
    return run(kMix + " cascade --config " + q(ceremony.election_config()) + " --input " + q(in) +
               " --cascade " + q(cascade) + " --key " + mix_key(k) + ceremony.passphrase_option());
  }
};

Fixture& fixture() {
  static const std::unique_ptr<Fixture> f = [] {
    auto made = std::make_unique<Fixture>();
    Ceremony& c = made->ceremony;
    for (int k = 1; k <= 2; ++k)
      ok(kAdmin + " new-key --role mix-" + std::to_string(k) + " --key " + made->mix_key(k) +
         c.passphrase_option());
    ok(kAdmin + " set-mix-servers --config " + q(c.config()) + " " +
       q("Org A=" + (c.root() / "mix-1.key").string()) + " " +
       q("Org B=" + (c.root() / "mix-2.key").string()));
    const std::string key = c.run_all();
    made->input = c.encrypt(key, kRows);
    for (int k = 1; k <= 2; ++k) {
      const Run r = made->mix_stage(made->input, c.cascade(made->input), k);
      BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
    }
    made->wrong_passphrase = c.root() / "wrong-passphrase.txt";
    write_text(made->wrong_passphrase, "not the passphrase\n");
    return made;
  }();
  return *f;
}

// A copy of the signed cascade, spoiled by `spoil`.
fs::path spoiled(const Fixture& f, const std::string& name,
                 const std::function<void(const fs::path&)>& spoil) {
  const fs::path copy = f.ceremony.root() / name;
  fs::copy(f.ceremony.cascade(f.input), copy);
  spoil(copy);
  return copy;
}

std::string with_cascade(const Fixture& f, std::string command, const fs::path& cascade) {
  const std::string honest = "--cascade " + q(f.ceremony.cascade(f.input));
  return command.replace(command.find(honest), honest.size(), "--cascade " + q(cascade));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(keys_signed_cascade)

BOOST_AUTO_TEST_CASE(the_mix_servers_signed_cascade_decrypts_to_the_votes) {
  Fixture& f = fixture();
  for (std::uint32_t j = 1; j <= 2; ++j) {
    const Run r = f.ceremony.partial_decrypt(j, f.input);
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.has("cascade stage-1: PASS (signed by mix server 1 \"Org A\")"), r.output);
    BOOST_TEST(r.has("cascade stage-2: PASS (signed by mix server 2 \"Org B\")"), r.output);
  }
  const fs::path out = f.ceremony.root() / "plain.txt";
  const Run r = f.ceremony.combine(f.input, {f.ceremony.partial(1), f.ceremony.partial(2)}, out);
  BOOST_TEST_REQUIRE(r.status == 0, r.output);
  BOOST_TEST(r.has("cascade stage-2: PASS (signed by mix server 2 \"Org B\")"), r.output);
  BOOST_TEST(sorted_lines(read_text(out)) == plaintext_lines(kRows));
}

BOOST_AUTO_TEST_CASE(a_cascade_not_signed_by_the_mix_servers_is_refused_before_the_share) {
  Fixture& f = fixture();
  const fs::path cascade = f.ceremony.cascade(f.input);
  struct Bad {
    fs::path folder;
    std::string expected;  // after "cascade <folder> "
  };
  const std::vector<Bad> cases = {
      {spoiled(f, "no-sig", [](const fs::path& c) { fs::remove(c / "stage-2.sig"); }),
       "does not verify, nothing is decrypted: stage-2: signature: no file "},
      {spoiled(f, "swapped-sig",
               [&](const fs::path& c) {
                 fs::remove(c / "stage-2.sig");
                 fs::copy_file(cascade / "stage-1.sig", c / "stage-2.sig");
               }),
       "does not verify, nothing is decrypted: stage-2: signature: signed by another key "
       "(expected mix server 2 \"Org B\")"},
      {spoiled(f, "one-stage",
               [](const fs::path& c) {
                 for (const char* name : {"stage-2.ctxt", "stage-2.proof", "stage-2.sig"})
                   fs::remove(c / name);
               }),
       "does not verify, nothing is decrypted: cascade has 1 stage, the election config names 2 "
       "mix servers (one stage each): stage-2 (mix server 2 \"Org B\") is missing"},
  };
  const fs::path out = f.ceremony.root() / "refused.bin";
  const std::string honest = f.ceremony.partial_decrypt_command(1, f.input, out);
  const std::string combine = f.ceremony.combine_command(
      f.input, {f.ceremony.partial(1), f.ceremony.partial(2)}, f.ceremony.root() / "refused.txt");
  for (const Bad& c : cases) {
    const Run r =
        run(with_cascade(f, honest, c.folder) + " --passphrase-file " + q(f.wrong_passphrase));
    BOOST_TEST_CONTEXT(c.folder << ": " << r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(r.has("cascade " + c.folder.string() + " " + c.expected));
      BOOST_TEST(!r.has("passphrase"));
      BOOST_TEST(!fs::exists(out));
    }
    const Run combined = run(with_cascade(f, combine, c.folder));
    BOOST_TEST_CONTEXT(c.folder << ": " << combined.output) {
      BOOST_TEST(combined.status == 1);
      BOOST_TEST(combined.has("cascade " + c.folder.string() + " " + c.expected));
      BOOST_TEST(!fs::exists(f.ceremony.root() / "refused.txt"));
    }
  }
  // The servers' two stages are the minimum; more cannot be had.
  const Run r = run(honest + " --min-stages 3 --passphrase-file " + q(f.wrong_passphrase));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("has 2 stages, at least 3 are needed (--min-stages)"), r.output);
}

BOOST_AUTO_TEST_SUITE_END()
