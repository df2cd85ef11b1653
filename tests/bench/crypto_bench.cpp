// Prints, for each group, the time of the crypto core's operations.
// Reproduce: cmake --preset default && cmake --build --preset default &&
//            build/tests/bench/crypto_bench [--quick]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/proofs.hpp"

using namespace evote::crypto;
using Clock = std::chrono::steady_clock;

namespace {

// Mean microseconds per call of `op`, over enough calls to last ~`budget_s`.
double time_us(const std::function<void()>& op, double budget_s) {
  op();  // warm-up (builds lazy tables)
  int calls = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    op();
    ++calls;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < budget_s);
  return elapsed * 1e6 / calls;
}

struct Row {
  double exp, exp_vartime, fixed_base, multi_exp_per_term, encrypt, decrypt, prove, verify;
};

Row bench_group(const Group& group, double budget_s, std::size_t multi_n) {
  const ScalarField& f = group.scalars();
  const Element base = group.hash_to_element("evote/bench", as_bytes("base"));
  const Scalar e = f.random();
  const auto table = group.precompute(base);
  std::vector<Element> bases;
  std::vector<Scalar> exps;
  for (std::size_t i = 0; i < multi_n; ++i) {
    bases.push_back(group.exp_generator(f.random()));
    exps.push_back(f.random());
  }
  const KeyPair keys = generate_keypair(group);
  const Encryption enc = encrypt(keys.public_key, 5);
  const BallotContext ctx{"RK_2027", "riigikogu", "38001085718", 0};
  const BallotProof proof = prove_ballot(keys.public_key, enc.ciphertext, enc.randomness, ctx);

  Row row{};
  row.exp = time_us([&] { group.exp(base, e); }, budget_s);
  row.exp_vartime = time_us([&] { group.exp_vartime(base, e); }, budget_s);
  row.fixed_base = time_us([&] { table->exp(e); }, budget_s);
  row.multi_exp_per_term = time_us([&] { group.multi_exp(bases, exps); }, budget_s) / multi_n;
  row.encrypt = time_us([&] { encrypt(keys.public_key, 5); }, budget_s);
  row.decrypt = time_us([&] { decrypt_to_element(keys.secret, enc.ciphertext); }, budget_s);
  row.prove = time_us([&] { prove_ballot(keys.public_key, enc.ciphertext, enc.randomness, ctx); }, budget_s);
  row.verify = time_us([&] { verify_ballot(keys.public_key, enc.ciphertext, proof, ctx); }, budget_s);
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const double budget_s = quick ? 0.05 : 1.0;
  const std::size_t multi_n = 1000;
  std::printf("crypto_bench: microseconds per operation (mean); multi-exp at n = %zu\n", multi_n);
  std::printf("reproduce: cmake --preset default && cmake --build --preset default && "
              "build/tests/bench/crypto_bench\n\n");
  std::printf("%-18s %10s %10s %10s %10s %10s %10s %10s %10s\n", "group", "exp(ct)", "exp(vt)",
              "fixed-base", "multi/term", "encrypt", "decrypt", "prove", "verify");
  for (auto name : group_names()) {
    const Row r = bench_group(group_by_name(name), budget_s, multi_n);
    std::printf("%-18s %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f\n",
                std::string(name).c_str(), r.exp, r.exp_vartime, r.fixed_base, r.multi_exp_per_term,
                r.encrypt, r.decrypt, r.prove, r.verify);
    std::printf("%-18s fixed-base speed-up %.1fx, multi-exp per-term speed-up %.1fx (vs exp(ct)); "
                "%.1fx, %.1fx (vs exp(vt))\n",
                "", r.exp / r.fixed_base, r.exp / r.multi_exp_per_term, r.exp_vartime / r.fixed_base,
                r.exp_vartime / r.multi_exp_per_term);
    std::fflush(stdout);
  }
  return 0;
}
