// EC_POINTs_mul (one multi-scalar product, shared doublings) is deprecated in
// OpenSSL 3 with no replacement; it is still there and is what makes the
// proof check fast.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include "evote/crypto/parallel.hpp"
#include "evote/verificatum/groups.hpp"

namespace evote::verificatum {
namespace {

struct BnCtx {
  BN_CTX* ctx = BN_CTX_new();
  ~BnCtx() { BN_CTX_free(ctx); }
};

BN_CTX* thread_ctx() {
  thread_local BnCtx holder;
  if (holder.ctx == nullptr) throw std::runtime_error("OpenSSL BN_CTX_new failed");
  return holder.ctx;
}

struct Bn {
  BIGNUM* bn = BN_new();
  ~Bn() { BN_free(bn); }
  Bn() {
    if (bn == nullptr) throw std::runtime_error("OpenSSL BN_new failed");
  }
  Bn(const Bn&) = delete;
  Bn& operator=(const Bn&) = delete;
};

void to_bn(const mpz_class& value, BIGNUM* out) {
  const std::size_t size = (mpz_sizeinbase(value.get_mpz_t(), 2) + 7) / 8;
  std::array<std::uint8_t, 80> small{};  // coordinates and scalars (P-521: 66 bytes)
  Bytes large;
  std::uint8_t* data = small.data();
  if (size > small.size()) {
    large.resize(size);
    data = large.data();
  }
  std::size_t written = 0;
  mpz_export(data, &written, 1, 1, 1, 0, value.get_mpz_t());  // nothing for 0
  if (BN_bin2bn(data, static_cast<int>(written), out) == nullptr) {
    throw std::runtime_error("OpenSSL BN_bin2bn failed");
  }
}

mpz_class from_bn(const BIGNUM* bn) {
  Bytes bytes(static_cast<std::size_t>(BN_num_bytes(bn)));
  BN_bn2bin(bn, bytes.data());
  return integer_from_bytes(bytes);
}

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL ") + what + " failed");
}

int curve_nid(std::string_view name) {
  if (name == "P-256") return NID_X9_62_prime256v1;
  if (name == "P-384") return NID_secp384r1;
  if (name == "P-521") return NID_secp521r1;
  return NID_undef;
}

std::size_t integer_bytes(const mpz_class& value) {
  // Java's BigInteger.toByteArray length for a positive value: a sign bit more.
  return mpz_sizeinbase(value.get_mpz_t(), 2) / 8 + 1;
}

}  // namespace

EcGroup::EcGroup(std::string_view name) : name_(name) {
  const int nid = curve_nid(name);
  if (nid == NID_undef) {
    throw FormatError("curve \"" + name_ + "\" is not supported (P-256, P-384 or P-521)");
  }
  group_ = EC_GROUP_new_by_curve_name(nid);
  if (group_ == nullptr) throw std::runtime_error("OpenSSL has no curve " + name_);
  Bn p, a, b;
  check(EC_GROUP_get_curve(group_, p.bn, a.bn, b.bn, thread_ctx()), "EC_GROUP_get_curve");
  p_ = from_bn(p.bn);
  a_ = from_bn(a.bn);
  b_ = from_bn(b.bn);
  q_ = from_bn(EC_GROUP_get0_order(group_));
  p_bytes_ = integer_bytes(p_);
  q_bytes_ = integer_bytes(q_);
  if (mpz_fdiv_ui(p_.get_mpz_t(), 4) != 3) throw std::logic_error(name_ + ": p is not 3 mod 4");
}

EcGroup::~EcGroup() { EC_GROUP_free(group_); }

namespace {
EcPoint wrap(EC_POINT* point) {
  if (point == nullptr) throw std::runtime_error("OpenSSL EC_POINT_new failed");
  return EcPoint{std::shared_ptr<const ec_point_st>(
      point, [](const ec_point_st* p) { EC_POINT_free(const_cast<ec_point_st*>(p)); })};
}
}  // namespace

EcGroup::Elem EcGroup::generator() const {
  return wrap(EC_POINT_dup(EC_GROUP_get0_generator(group_), group_));
}

EcGroup::Elem EcGroup::identity() const {
  EcPoint out = wrap(EC_POINT_new(group_));
  check(EC_POINT_set_to_infinity(group_, const_cast<ec_point_st*>(out.point.get())),
        "EC_POINT_set_to_infinity");
  return out;
}

EcGroup::Elem EcGroup::mul(const Elem& a, const Elem& b) const {
  EcPoint out = wrap(EC_POINT_new(group_));
  check(EC_POINT_add(group_, const_cast<ec_point_st*>(out.point.get()), a.point.get(),
                     b.point.get(), thread_ctx()),
        "EC_POINT_add");
  return out;
}

EcGroup::Elem EcGroup::inverse(const Elem& a) const {
  EcPoint out = wrap(EC_POINT_dup(a.point.get(), group_));
  check(EC_POINT_invert(group_, const_cast<ec_point_st*>(out.point.get()), thread_ctx()),
        "EC_POINT_invert");
  return out;
}

EcGroup::Elem EcGroup::exp(const Elem& base, const mpz_class& exponent) const {
  mpz_class e;
  mpz_mod(e.get_mpz_t(), exponent.get_mpz_t(), q_.get_mpz_t());
  Bn k;
  to_bn(e, k.bn);
  EcPoint out = wrap(EC_POINT_new(group_));
  check(EC_POINT_mul(group_, const_cast<ec_point_st*>(out.point.get()), nullptr, base.point.get(),
                     k.bn, thread_ctx()),
        "EC_POINT_mul");
  return out;
}

bool EcGroup::equal(const Elem& a, const Elem& b) const {
  const int cmp = EC_POINT_cmp(group_, a.point.get(), b.point.get(), thread_ctx());
  if (cmp < 0) throw std::runtime_error("OpenSSL EC_POINT_cmp failed");
  return cmp == 0;
}

namespace {
// Multi-scalar products go to OpenSSL in chunks of this many bases: each
// chunk shares its doublings (and, for P-256, OpenSSL's Booth-window
// code); chunks run on both threads and keep the tables small.
constexpr std::size_t kMultiExpChunk = 1024;

struct BnList {
  std::vector<BIGNUM*> items;
  explicit BnList(std::size_t count) : items(count, nullptr) {}
  ~BnList() {
    for (BIGNUM* bn : items) BN_free(bn);
  }
  BnList(const BnList&) = delete;
  BnList& operator=(const BnList&) = delete;
};
}  // namespace

EcPoint EcGroup::multi_exp_chunk(const mpz_class* g_exp, std::span<const Elem> bases,
                                 std::span<const mpz_class> exps) const {
  BnList scalars(exps.size());
  std::vector<const ec_point_st*> points(bases.size());
  mpz_class e;
  for (std::size_t i = 0; i < exps.size(); ++i) {
    scalars.items[i] = BN_new();
    if (scalars.items[i] == nullptr) throw std::runtime_error("OpenSSL BN_new failed");
    mpz_mod(e.get_mpz_t(), exps[i].get_mpz_t(), q_.get_mpz_t());
    to_bn(e, scalars.items[i]);
    points[i] = bases[i].point.get();
  }
  Bn k;
  if (g_exp != nullptr) {
    mpz_mod(e.get_mpz_t(), g_exp->get_mpz_t(), q_.get_mpz_t());
    to_bn(e, k.bn);
  }
  EcPoint out = wrap(EC_POINT_new(group_));
  check(EC_POINTs_mul(group_, const_cast<ec_point_st*>(out.point.get()),
                      g_exp != nullptr ? k.bn : nullptr, points.size(), points.data(),
                      const_cast<const BIGNUM**>(scalars.items.data()), thread_ctx()),
        "EC_POINTs_mul");
  return out;
}

EcGroup::Elem EcGroup::g_multi_exp(const mpz_class* g_exp, std::span<const Elem> bases,
                                   std::span<const mpz_class> exps) const {
  if (bases.size() != exps.size()) throw std::logic_error("multi_exp: sizes differ");
  const std::size_t chunks =
      std::max<std::size_t>(1, (bases.size() + kMultiExpChunk - 1) / kMultiExpChunk);
  std::vector<Elem> parts(chunks);
  crypto::parallel_for(chunks, [&](std::size_t c) {
    const std::size_t begin = c * kMultiExpChunk;
    const std::size_t count = std::min(kMultiExpChunk, bases.size() - begin);
    parts[c] = multi_exp_chunk(c == 0 ? g_exp : nullptr, bases.subspan(begin, count),
                               exps.subspan(begin, count));
  });
  Elem total = parts[0];
  for (std::size_t c = 1; c < chunks; ++c) total = mul(total, parts[c]);
  return total;
}

EcGroup::Elem EcGroup::multi_exp(std::span<const Elem> bases,
                                 std::span<const mpz_class> exps) const {
  return g_multi_exp(nullptr, bases, exps);
}

EcGroup::Elem EcGroup::g_multi_exp(const mpz_class& g_exp, std::span<const Elem> bases,
                                   std::span<const mpz_class> exps) const {
  return g_multi_exp(&g_exp, bases, exps);
}

EcGroup::Elem EcGroup::make(const mpz_class& x, const mpz_class& y, std::string_view what) const {
  Bn bx, by;
  to_bn(x, bx.bn);
  to_bn(y, by.bn);
  EcPoint out = wrap(EC_POINT_new(group_));
  ec_point_st* point = const_cast<ec_point_st*>(out.point.get());
  // OpenSSL (since 1.1.1) refuses coordinates of a point off the curve here.
  if (EC_POINT_set_affine_coordinates(group_, point, bx.bn, by.bn, thread_ctx()) != 1) {
    throw FormatError(std::string(what) + ": point is not on " + name_);
  }
  return out;
}

EcGroup::Elem EcGroup::decode(const ByteTree& tree, std::string_view what) const {
  const auto& xy = tree.node_of(2, what);
  const Bytes& xb = xy[0].leaf_bytes(std::string(what) + " x");
  const Bytes& yb = xy[1].leaf_bytes(std::string(what) + " y");
  if (xb.size() != p_bytes_ || yb.size() != p_bytes_) {
    throw FormatError(std::string(what) + ": coordinates of " + std::to_string(xb.size()) +
                      " and " + std::to_string(yb.size()) + " bytes, " + name_ + " needs " +
                      std::to_string(p_bytes_));
  }
  auto all_ff = [](const Bytes& b) {
    for (std::uint8_t c : b)
      if (c != 0xFF) return false;
    return true;
  };
  if (all_ff(xb) && all_ff(yb)) return identity();
  const mpz_class x = integer_from_bytes(xb), y = integer_from_bytes(yb);
  if (x >= p_ || y >= p_) throw FormatError(std::string(what) + ": coordinate not below p");
  return make(x, y, what);
}

ByteTree EcGroup::encode(const Elem& a) const {
  if (EC_POINT_is_at_infinity(group_, a.point.get()) == 1) {
    return ByteTree::node(
        {ByteTree::leaf(Bytes(p_bytes_, 0xFF)), ByteTree::leaf(Bytes(p_bytes_, 0xFF))});
  }
  Bn x, y;
  check(EC_POINT_get_affine_coordinates(group_, a.point.get(), x.bn, y.bn, thread_ctx()),
        "EC_POINT_get_affine_coordinates");
  return ByteTree::node({ByteTree::leaf(integer_to_bytes(from_bn(x.bn), p_bytes_)),
                         ByteTree::leaf(integer_to_bytes(from_bn(y.bn), p_bytes_))});
}

std::vector<EcGroup::Elem> EcGroup::random_elements(Prg& prg, std::size_t count,
                                                    std::size_t statdist,
                                                    std::vector<ByteTree>* encoded) const {
  if (encoded != nullptr) encoded->assign(count, ByteTree());
  const std::size_t bits = mpz_sizeinbase(p_.get_mpz_t(), 2) + statdist;
  const mpz_class root_exp = (p_ + 1) / 4;
  std::vector<mpz_class> xs, fxs;
  xs.reserve(count);
  fxs.reserve(count);
  while (xs.size() < count) {
    // Candidates in PRG order (the PRG is sequential); their squareness on
    // both threads; the first `count` squares kept, in order. About half are
    // squares, so a batch of twice what is missing (and a margin) nearly
    // always ends it.
    const std::size_t batch = 2 * (count - xs.size()) + 64;
    std::vector<mpz_class> cx(batch), cfx(batch);
    for (auto& x : cx) x = prg.next_integer(bits) % p_;
    std::vector<char> square(batch, 0);
    crypto::parallel_ranges(batch, 256, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        cfx[i] = (cx[i] * cx[i] * cx[i] + a_ * cx[i] + b_) % p_;
        square[i] = mpz_legendre(cfx[i].get_mpz_t(), p_.get_mpz_t()) == 1;
      }
    });
    for (std::size_t i = 0; i < batch && xs.size() < count; ++i) {
      if (!square[i]) continue;
      xs.push_back(std::move(cx[i]));
      fxs.push_back(std::move(cfx[i]));
    }
  }
  std::vector<Elem> out(count);
  crypto::parallel_ranges(count, 32, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      mpz_class y;
      mpz_powm(y.get_mpz_t(), fxs[i].get_mpz_t(), root_exp.get_mpz_t(), p_.get_mpz_t());
      const mpz_class other = p_ - y;
      if (other < y) y = other;
      out[i] = make(xs[i], y, "derived generator");
      if (encoded != nullptr) {
        (*encoded)[i] = ByteTree::node({ByteTree::leaf(integer_to_bytes(xs[i], p_bytes_)),
                                        ByteTree::leaf(integer_to_bytes(y, p_bytes_))});
      }
    }
  });
  return out;
}

mpz_class decode_scalar(const ByteTree& tree, const mpz_class& q, std::size_t bytes,
                        std::string_view what) {
  const Bytes& data = tree.leaf_bytes(what);
  if (data.size() != bytes) {
    throw FormatError(std::string(what) + ": scalar of " + std::to_string(data.size()) +
                      " bytes, " + std::to_string(bytes) + " expected");
  }
  mpz_class value = integer_from_bytes(data);
  if (value >= q) throw FormatError(std::string(what) + ": scalar not below the group order");
  return value;
}

}  // namespace evote::verificatum
