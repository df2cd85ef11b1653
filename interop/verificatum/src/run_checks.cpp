// The checks of specs/interop.md §2.5 from the public key on, written once
// for both group kinds and instantiated for EcGroup and ModPGroup.
#include <array>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>

#include "evote/crypto/parallel.hpp"
#include "evote/crypto/random.hpp"
#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/groups.hpp"
#include "verifier_parts.hpp"

namespace evote::verificatum {
namespace {

namespace fs = std::filesystem;

template <class G>
using Elem = typename G::Elem;

// A list of width-1 El Gamal ciphertexts (u_i, v_i) = (g^r, y^r m), with the
// byte tree it was read from (hashed into the challenges).
template <class G>
struct CiphertextList {
  std::vector<Elem<G>> u, v;
  ByteTree tree;
};

template <class G>
std::vector<Elem<G>> decode_array(const G& group, const ByteTree& tree, std::size_t count,
                                  const std::string& what) {
  if (tree.is_leaf) throw FormatError(what + ": a leaf where an array (node) is expected");
  if (count != 0 && tree.children.size() != count) {
    throw FormatError(what + ": " + std::to_string(tree.children.size()) + " elements, " +
                      std::to_string(count) + " expected");
  }
  // In parallel; the first bad element (lowest index) is the one reported.
  std::vector<Elem<G>> out(tree.children.size());
  crypto::parallel_ranges(out.size(), 256, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      out[i] = group.decode(tree.children[i], what + " element " + std::to_string(i));
    }
  });
  return out;
}

template <class G>
CiphertextList<G> decode_ciphertexts(const G& group, ByteTree tree, const std::string& path,
                                     std::size_t count) {
  CiphertextList<G> list;
  list.tree = std::move(tree);
  const auto& halves = list.tree.node_of(2, path + " (ciphertext list: node(u array, v array))");
  list.u = decode_array(group, halves[0], count, path + " u");
  list.v = decode_array(group, halves[1], list.u.size(), path + " v");
  if (list.u.empty()) throw FormatError(path + ": no ciphertexts");
  return list;
}

template <class G>
CiphertextList<G> read_ciphertexts(const G& group, const std::string& path, std::size_t count) {
  return decode_ciphertexts(group, read_byte_tree_file(path), path, count);
}

std::vector<mpz_class> decode_scalars(const ByteTree& tree, const mpz_class& q, std::size_t bytes,
                                      std::size_t count, const std::string& what) {
  const auto& items = tree.node_of(count, what);
  std::vector<mpz_class> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(decode_scalar(items[i], q, bytes, what + " " + std::to_string(i)));
  }
  return out;
}

std::string hex_prefix(BytesView bytes, std::size_t n = 8) {
  return crypto::to_hex(bytes.first(std::min(n, bytes.size())));
}

const Bytes& first_leaf(const ByteTree& tree) {
  return tree.is_leaf ? tree.data : first_leaf(tree.children.at(0));
}

std::string party_file(const std::string& dir, const char* stem, std::size_t l) {
  char name[64];
  std::snprintf(name, sizeof name, "%s%02zu.bt", stem, l);
  return (fs::path(dir) / "proofs" / name).string();
}

// The public key (g, y): raw publicKey (node(group, node(g, y))) or
// FullPublicKey.bt (node(g, y)).
template <class G>
struct PublicKey {
  Elem<G> g, y;
  ByteTree tree;  // node(g, y)
};

template <class G>
PublicKey<G> read_public_key(const G& group, const RunContext& context) {
  const std::string& path = context.public_key;
  ByteTree root = read_byte_tree_file(path);
  const auto& parts = root.node_of(2, path + " (public key)");
  ByteTree pair = root;
  const std::string_view kClassPrefix = "com.verificatum.arithm.";
  const bool raw = !parts[0].is_leaf && !parts[0].children.empty() &&
                   parts[0].children[0].is_leaf &&
                   std::string_view(reinterpret_cast<const char*>(parts[0].children[0].data.data()),
                                    parts[0].children[0].data.size())
                       .starts_with(kClassPrefix);
  if (raw) {
    // Raw format: the marshalled group, then the key pair.
    if (parts[0].encode() != group_byte_tree(context.info.pgroup).encode()) {
      throw FormatError(path + ": the key is for another group than the protocol info's <pgroup>");
    }
    pair = parts[1];
  }
  const auto& gy = pair.node_of(2, path + " (key pair node(g, y))");
  PublicKey<G> key{group.decode(gy[0], path + " g"), group.decode(gy[1], path + " y"), pair};
  if (!group.equal(key.g, group.generator())) {
    throw FormatError(path + ": g is not the group's standard generator");
  }
  return key;
}

template <class G>
class Checks {
 public:
  Checks(const G& group, const RunContext& context, const Say& say)
      : group_(group), c_(context), say_(say) {}

  unsigned run() {
    std::optional<PublicKey<G>> key;
    try {
      key = read_public_key(group_, c_);
      say_("public key", true, group_.description() + ", y in the group, g the group's generator");
    } catch (const std::exception& e) {
      return fail("public key", e.what());
    }
    const std::string full = (fs::path(c_.files.proof_dir) / "FullPublicKey.bt").string();
    if (fs::exists(full) && fs::path(full) != fs::path(c_.public_key)) {
      try {
        const bool same = read_file_bytes(full) == key->tree.encode();
        check("public key is the proof's (FullPublicKey.bt)", same,
              same ? "" : "the given public key differs from " + full);
      } catch (const std::exception& e) {
        fail("public key is the proof's (FullPublicKey.bt)", e.what());
      }
    }
    say_("random oracle prefix rho", true, crypto::to_hex(c_.rho));

    std::optional<CiphertextList<G>> input;
    try {
      input = read_ciphertexts(group_, c_.input, 0);
      say_("input ciphertexts", true,
           std::to_string(input->u.size()) + " ciphertexts, all in the group (" + c_.input + ")");
    } catch (const std::exception& e) {
      return fail("input ciphertexts", e.what());
    }
    const std::size_t n = input->u.size();

    std::optional<CiphertextList<G>> output;
    if (!c_.output.empty()) {
      try {
        output = read_ciphertexts(group_, c_.output, n);
        say_("output ciphertexts", true,
             std::to_string(n) + " ciphertexts, all in the group (" + c_.output + ")");
      } catch (const std::exception& e) {
        fail("output ciphertexts", e.what());
      }
    }

    // Independent generators h_0..h_{N-1}: PRG(RO(rho || leaf("generators"))).
    const Bytes seed = random_oracle(c_.ro_hash, 8 * c_.prg_hash.output_bytes(), c_.rho,
                                     ByteTree::leaf_string("generators").encode());
    Prg prg(c_.prg_hash, seed);
    generators_ = group_.random_elements(prg, n, c_.info.statdist, &generators_tree_.children);
    generators_tree_.is_leaf = false;
    say_("independent generators", true,
         std::to_string(n) + " derived; h_0 starts " +
             hex_prefix(first_leaf(generators_tree_.children[0]), 16) + "...");

    // Mix-server l maps L_{l-1} to L_l; the last list is the caller's output.
    CiphertextList<G> current = std::move(*input);
    for (std::size_t l = 1; l <= c_.active; ++l) {
      const std::string name = "mix-server " + std::to_string(l);
      const std::string file = party_file(c_.files.proof_dir, "Ciphertexts", l);
      std::optional<CiphertextList<G>> next;
      const bool last_given = l == c_.active && output.has_value();
      bool same_as_output = false;
      try {
        ByteTree tree = read_byte_tree_file(file);
        // A list byte-identical to the (decoded) output file needs no decoding again.
        same_as_output = last_given && tree.encode() == output->tree.encode();
        if (!same_as_output) next = decode_ciphertexts(group_, std::move(tree), file, n);
      } catch (const std::exception& e) {
        return fail(name + " output list", e.what());
      }
      if (last_given) {
        check(name + " output list is the output file", same_as_output,
              same_as_output ? "" : "the output file " + c_.output + " differs from " + file);
        next = std::move(*output);  // the proof is checked against the caller's file
      }
      verify_pos(l, *key, current, *next);
      current = std::move(*next);
    }
    if (c_.type == "mixing") verify_decryption(*key, current);
    return failures_;
  }

 private:
  unsigned fail(const std::string& name, const std::string& why) {
    check(name, false, why);
    return failures_;
  }
  // Reports name: PASS (with pass_detail) or FAIL (with fail_reason).
  void check(const std::string& name, bool ok, const std::string& fail_reason,
             const std::string& pass_detail = "") {
    if (!ok) ++failures_;
    say_(name, ok, ok ? pass_detail : fail_reason);
  }

  Bytes challenge(std::size_t bits, const ByteTree& data) const {
    return random_oracle(c_.ro_hash, bits, c_.rho, data.encode());
  }

  // The batching vector and challenge of a proof (specs/interop.md §2.5.3):
  // s = RO(rho || seed_data) seeds the PRG that gives e_0..e_{n-1} (ebitlenro
  // bits each, mod q); v = RO(rho || node(leaf(s), commitment)) mod q.
  // Reported as "<name> challenge".
  struct Batching {
    std::vector<mpz_class> e;
    mpz_class v;
  };
  Batching batching(const std::string& name, std::size_t n, const ByteTree& seed_data,
                    const ByteTree& commitment) {
    const mpz_class& q = group_.order();
    const Bytes s = challenge(8 * c_.prg_hash.output_bytes(), seed_data);
    Prg prg(c_.prg_hash, s);
    Batching out{std::vector<mpz_class>(n), 0};
    for (auto& ei : out.e) ei = prg.next_integer(c_.info.ebitlenro) % q;
    const Bytes v_bytes =
        challenge(c_.info.vbitlenro, ByteTree::node({ByteTree::leaf(s), commitment}));
    out.v = integer_from_bytes(v_bytes) % q;
    say_(name + " challenge", true,
         "s = " + crypto::to_hex(s) + ", v = " + crypto::to_hex(v_bytes));
    return out;
  }

  Elem<G> product(const std::vector<Elem<G>>& items) const {
    std::mutex lock;
    Elem<G> out = group_.identity();
    crypto::parallel_ranges(items.size(), 256, [&](std::size_t begin, std::size_t end) {
      Elem<G> part = group_.identity();
      for (std::size_t i = begin; i < end; ++i) part = group_.mul(part, items[i]);
      const std::lock_guard guard(lock);
      out = group_.mul(out, part);
    });
    return out;
  }

  void verify_pos(std::size_t l, const PublicKey<G>& key, const CiphertextList<G>& w,
                  const CiphertextList<G>& wp) {
    const std::string name = "mix-server " + std::to_string(l) + " PoS";
    const std::size_t n = w.u.size();
    const mpz_class& q = group_.order();
    const std::size_t sb = group_.scalar_bytes();
    const std::string dir = c_.files.proof_dir;

    ByteTree u_tree, commitment, reply;
    std::vector<Elem<G>> u, B, Bp;
    Elem<G> Ap, Cp, Dp, Fpu, Fpv;
    std::vector<mpz_class> k_B, k_E;
    mpz_class k_A, k_C, k_D, k_F;
    try {
      const std::string f = party_file(dir, "PermutationCommitment", l);
      u_tree = read_byte_tree_file(f);
      u = decode_array(group_, u_tree, n, f);
      check(name + " permutation commitment", true, "",
            std::to_string(n) + " commitments in the group");
    } catch (const std::exception& e) {
      fail(name + " permutation commitment", e.what());
      return;
    }
    try {
      const std::string f = party_file(dir, "PoSCommitment", l);
      commitment = read_byte_tree_file(f);
      const auto& parts = commitment.node_of(6, f + " (node(B, A', B', C', D', F'))");
      B = decode_array(group_, parts[0], n, f + " B");
      Ap = group_.decode(parts[1], f + " A'");
      Bp = decode_array(group_, parts[2], n, f + " B'");
      Cp = group_.decode(parts[3], f + " C'");
      Dp = group_.decode(parts[4], f + " D'");
      const auto& fp = parts[5].node_of(2, f + " F' (node(u, v))");
      Fpu = group_.decode(fp[0], f + " F' u");
      Fpv = group_.decode(fp[1], f + " F' v");
      check(name + " commitment", true, "", "well formed, all in the group");
    } catch (const std::exception& e) {
      fail(name + " commitment", e.what());
      return;
    }
    try {
      const std::string f = party_file(dir, "PoSReply", l);
      reply = read_byte_tree_file(f);
      const auto& parts = reply.node_of(6, f + " (node(k_A, k_B, k_C, k_D, k_E, k_F))");
      k_A = decode_scalar(parts[0], q, sb, f + " k_A");
      k_B = decode_scalars(parts[1], q, sb, n, f + " k_B");
      k_C = decode_scalar(parts[2], q, sb, f + " k_C");
      k_D = decode_scalar(parts[3], q, sb, f + " k_D");
      k_E = decode_scalars(parts[4], q, sb, n, f + " k_E");
      k_F = decode_scalar(parts[5], q, sb, f + " k_F");
      check(name + " reply", true, "", "well formed, scalars below q");
    } catch (const std::exception& e) {
      fail(name + " reply", e.what());
      return;
    }

    // Batching vector e from s = RO(rho || node(g, h, u, pk, w, w')), challenge v.
    const ByteTree seed_data =
        ByteTree::node({group_.encode(key.g), generators_tree_, u_tree, key.tree, w.tree, wp.tree});
    const auto [e, v] = batching(name, n, seed_data, commitment);

    const Elem<G>& g = key.g;
    const Elem<G>& h0 = generators_[0];
    // A = prod u_i^e_i:  A^v A' = g^k_A prod h_i^k_E,i
    const Elem<G> A = group_.multi_exp(u, e);
    check(name + " A (batched permutation commitment)",
          group_.equal(group_.mul(group_.exp(A, v), Ap), group_.g_multi_exp(k_A, generators_, k_E)),
          "A^v A' != g^k_A prod h_i^k_E,i");
    // B_i^v B'_i = g^k_B,i B_{i-1}^k_E,i with B_{-1} = h_0.
    const std::size_t b_bad = first_broken_link(B, Bp, k_B, k_E, v);
    check(name + " B (product chain)", b_bad == n,
          b_bad == n ? "" : "B_i^v B'_i != g^k_B,i B_{i-1}^k_E,i at i = " + std::to_string(b_bad));
    // C = prod u_i / prod h_i:  C^v C' = g^k_C
    const Elem<G> C = group_.mul(product(u), group_.inverse(product(generators_)));
    check(name + " C (commitment to a permutation)",
          group_.equal(group_.mul(group_.exp(C, v), Cp), group_.exp(g, k_C)), "C^v C' != g^k_C");
    // D = B_{N-1} / h_0^(prod e_i):  D^v D' = g^k_D
    mpz_class e_prod = 1;
    for (const auto& ei : e) e_prod = e_prod * ei % q;
    const Elem<G> D = group_.mul(B[n - 1], group_.inverse(group_.exp(h0, e_prod)));
    check(name + " D (product of the batching vector)",
          group_.equal(group_.mul(group_.exp(D, v), Dp), group_.exp(g, k_D)), "D^v D' != g^k_D");
    // F = prod w_i^e_i:  F^v F' = (g^-k_F, y^-k_F) prod w'_i^k_E,i
    const Elem<G> Fu = group_.multi_exp(w.u, e), Fv = group_.multi_exp(w.v, e);
    const mpz_class minus_kf = (q - k_F) % q;
    const bool f_u =
        group_.equal(group_.mul(group_.exp(Fu, v), Fpu), group_.g_multi_exp(minus_kf, wp.u, k_E));
    const bool f_v =
        group_.equal(group_.mul(group_.exp(Fv, v), Fpv),
                     group_.mul(group_.exp(key.y, minus_kf), group_.multi_exp(wp.v, k_E)));
    check(name + " F (re-encryption of the batched ciphertexts)", f_u && f_v,
          std::string("F^v F' != Enc(1, -k_F) prod w'_i^k_E,i in the ") +
              (!f_u ? "u (g^r)" : "v (y^r m)") + " component");
  }

  // The first i for which B_i^v B'_i != g^k_B,i B_{i-1}^k_E,i (B_{-1} = h_0),
  // or N when the whole chain holds. First all N equations at once, as one
  // random linear combination (weights r_i of 128 bits from the OS CSPRNG):
  // g^(sum r_i k_B,i) prod B_{i-1}^(r_i k_E,i) B_i^(-v r_i) B'_i^(-r_i) = 1,
  // one product of 2N + 1 bases, which a broken chain passes with
  // probability at most 2^-128 (prime-order group). Only when that fails,
  // each equation on its own (B'_i = g^k_B,i B_{i-1}^k_E,i B_i^-v) to name
  // the first i that fails.
  std::size_t first_broken_link(const std::vector<Elem<G>>& B, const std::vector<Elem<G>>& Bp,
                                const std::vector<mpz_class>& k_B,
                                const std::vector<mpz_class>& k_E, const mpz_class& v) const {
    const std::size_t n = B.size();
    const mpz_class& q = group_.order();
    const Bytes weights = crypto::random_bytes(16 * n);
    std::vector<mpz_class> r(n);
    for (std::size_t i = 0; i < n; ++i) {
      r[i] = integer_from_bytes(BytesView(weights).subspan(16 * i, 16));
    }
    std::vector<Elem<G>> bases;
    bases.reserve(2 * n + 1);
    bases.push_back(generators_[0]);
    bases.insert(bases.end(), B.begin(), B.end());
    bases.insert(bases.end(), Bp.begin(), Bp.end());
    std::vector<mpz_class> exps(2 * n + 1);
    mpz_class g_exp = 0;
    for (std::size_t i = 0; i < n; ++i) {
      g_exp += r[i] * k_B[i];
      exps[i] += r[i] * k_E[i];  // B_{i-1} (h_0 for i = 0) is bases[i]
      exps[i + 1] -= v * r[i];   // B_i
      exps[n + 1 + i] = q - r[i];
    }
    for (auto& x : exps) mpz_mod(x.get_mpz_t(), x.get_mpz_t(), q.get_mpz_t());
    mpz_mod(g_exp.get_mpz_t(), g_exp.get_mpz_t(), q.get_mpz_t());
    if (group_.equal(group_.g_multi_exp(g_exp, bases, exps), group_.identity())) return n;

    std::vector<char> ok(n, 0);
    const mpz_class minus_v = (q - v) % q;
    crypto::parallel_ranges(n, 16, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        const std::array<Elem<G>, 2> pair{i == 0 ? generators_[0] : B[i - 1], B[i]};
        const std::array<mpz_class, 2> pair_exps{k_E[i], minus_v};
        ok[i] = group_.equal(Bp[i], group_.g_multi_exp(k_B[i], pair, pair_exps));
      }
    });
    for (std::size_t i = 0; i < n; ++i)
      if (!ok[i]) return i;
    return n;  // not reached: when every equation holds, so does the combination
  }

  // The proof of correct decryption of a -mix run with one mix-server:
  // decryption factors f_i = u_i^-x, commitment node(node(y', B')), reply k.
  void verify_decryption(const PublicKey<G>& key, const CiphertextList<G>& list) {
    const std::string name = "decryption";
    if (c_.info.nopart != 1) {
      fail(name + " proof",
           "a -mix run of " + std::to_string(c_.info.nopart) +
               " mix-servers: only one mix-server's decryption proof is supported");
      return;
    }
    const std::size_t n = list.u.size();
    const mpz_class& q = group_.order();
    const std::string dir = c_.files.proof_dir;
    ByteTree df_tree, poly_tree, commitment;
    std::vector<Elem<G>> f, m;
    Elem<G> yp, Bp;
    mpz_class k;
    try {
      const std::string df = party_file(dir, "DecryptionFactors", 1);
      df_tree = read_byte_tree_file(df);
      f = decode_array(group_, df_tree, n, df);
      const std::string poly = (fs::path(dir) / "proofs" / "PolynomialInExponent.bt").string();
      poly_tree = read_byte_tree_file(poly);
      const Elem<G> y1 = group_.decode(poly_tree.child(0, poly), poly + " y_1");
      if (!group_.equal(y1, key.y)) throw FormatError(poly + ": y_1 is not the public key's y");
      const std::string cf = party_file(dir, "DecrFactCommitment", 1);
      const ByteTree commit = read_byte_tree_file(cf);
      const auto& parts = commit.node_of(2, cf + " (node(y', B'))");
      yp = group_.decode(parts[0], cf + " y'");
      Bp = group_.decode(parts[1], cf + " B'");
      commitment = ByteTree::node({commit});
      const std::string rf = party_file(dir, "DecrFactReply", 1);
      k = decode_scalar(read_byte_tree_file(rf), q, group_.scalar_bytes(), rf + " k");
      check(name + " factors and proof", true, "", std::to_string(n) + " factors in the group");
    } catch (const std::exception& e) {
      fail(name + " factors and proof", e.what());
      return;
    }
    const ByteTree seed_data =
        ByteTree::node({ByteTree::node({group_.encode(key.g), list.tree}),
                        ByteTree::node({poly_tree, ByteTree::node({df_tree})})});
    const auto [e, v] = batching(name, n, seed_data, commitment);
    const Elem<G> A = group_.multi_exp(list.u, e);
    const Elem<G> B = group_.multi_exp(f, e);
    // (y^-1)^v y' = g^k and B^v B' = A^k
    const bool key_ok =
        group_.equal(group_.mul(group_.exp(group_.inverse(key.y), v), yp), group_.exp(key.g, k));
    const bool factors_ok = group_.equal(group_.mul(group_.exp(B, v), Bp), group_.exp(A, k));
    check(name + " proof (y^-v y' = g^k, B^v B' = A^k)", key_ok && factors_ok,
          key_ok ? "B^v B' != A^k: the decryption factors are not u_i^-x" : "y^-v y' != g^k");
    // Plaintexts m_i = v_i f_i.
    try {
      const ByteTree plain = read_byte_tree_file(c_.plaintexts);
      m = decode_array(group_, plain, n, c_.plaintexts);
    } catch (const std::exception& e) {
      fail(name + " plaintexts", e.what());
      return;
    }
    std::size_t bad = n;
    for (std::size_t i = 0; i < n && bad == n; ++i) {
      if (!group_.equal(m[i], group_.mul(list.v[i], f[i]))) bad = i;
    }
    check(name + " plaintexts", bad == n,
          bad == n ? "" : "plaintext " + std::to_string(bad) + " is not v_i f_i",
          std::to_string(n) + " plaintexts, each v_i f_i");
  }

  const G& group_;
  const RunContext& c_;
  const Say& say_;
  unsigned failures_ = 0;
  std::vector<Elem<G>> generators_;
  ByteTree generators_tree_;
};

}  // namespace

template <class G>
unsigned check_run(const G& group, const RunContext& context, const Say& say) {
  return Checks<G>(group, context, say).run();
}

template unsigned check_run<EcGroup>(const EcGroup&, const RunContext&, const Say&);
template unsigned check_run<ModPGroup>(const ModPGroup&, const RunContext&, const Say&);

}  // namespace evote::verificatum
