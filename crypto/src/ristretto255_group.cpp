// ristretto255 (RFC 9496) on evote's own edwards25519 arithmetic (r255/).
//
// An element is kept as an internal representation, an edwards25519 point
// in extended coordinates (20 limbs in Element::repr()), so a chain of
// operations decodes and encodes only at its ends. Representations are not
// unique: equal() is the RFC's equality. An element made by decode() also
// keeps its encoding (4 more words), because encoding costs a square root
// and verifiers hash what they decoded. libsodium's public API, which takes
// and returns encodings only, serves as the test oracle
// (tests/crypto/test_r255_internal.cpp).

#include <gmp.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "evote/crypto/error.hpp"
#include "evote/crypto/group.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/init.hpp"
#include "evote/crypto/parallel.hpp"
#include "r255/fixed_table.hpp"
#include "r255/multi_mul.hpp"
#include "r255/ristretto.hpp"
#include "r255/scalarmult.hpp"

namespace evote::crypto {
namespace {

using r255::Point;
using r255::ScalarWords;

constexpr std::size_t kPointWords = sizeof(Point) / sizeof(std::uint64_t);
constexpr std::size_t kEncodingWords = r255::kEncodingBytes / sizeof(std::uint64_t);
static_assert(kPointWords == 20 && std::is_trivially_copyable_v<Point>);
static_assert(GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0, "evote needs 64-bit GMP limbs");

// multi_exp() uses more than one thread from this many terms on (measured:
// two threads already pay at a few hundred).
constexpr std::size_t kParallelMinTerms = 256;

// Window of the tables precompute() builds: 43 rows of 32 affine points
// (165 KB), at most 43 additions per exponentiation.
constexpr unsigned kFixedBaseWindow = 6;

// The group order l = 2^252 + 27742317777372353535851937790883648493.
ScalarField make_scalar_field() {
  init();  // GMP's wiping allocator must be in place before the first mpz exists
  mpz_class order = (mpz_class(1) << 252) + mpz_class("27742317777372353535851937790883648493");
  return ScalarField(std::move(order), "ristretto255");
}

// An exponent 0 <= e < l as four little-endian words (evote scalars are GMP
// integers). Exponents may be secret: the words are wiped. The conversion
// is GMP code like all scalar arithmetic (see scalar.hpp); the point
// arithmetic that follows is constant time where the caller needs it.
class ExponentWords {
 public:
  explicit ExponentWords(const Scalar& e) {
    r255::load_scalar_words(e.value().get_mpz_t(), words_);
  }
  ~ExponentWords() { sodium_memzero(&words_, sizeof words_); }
  ExponentWords(const ExponentWords&) = delete;
  ExponentWords& operator=(const ExponentWords&) = delete;

  const ScalarWords& get() const { return words_; }

 private:
  ScalarWords words_{};
};

unsigned worker_threads() { return std::clamp(std::thread::hardware_concurrency(), 1u, 4u); }

// The words of a public exponent (no wiping; cannot throw: 0 <= e < l).
ScalarWords words_of(const Scalar& e) {
  ScalarWords k;
  for (mp_size_t i = 0; i < 4; ++i) k.w[i] = mpz_getlimbn(e.value().get_mpz_t(), i);
  return k;
}

class Ristretto255Group final : public Group {
 public:
  Ristretto255Group() : scalars_(make_scalar_field()) {}

  std::string_view name() const override { return "ristretto255"; }
  const ScalarField& scalars() const override { return scalars_; }
  std::size_t element_bytes() const override { return r255::kEncodingBytes; }

  // With its encoding: every proof's transcript encodes g (a square root).
  Element generator() const override {
    static const Bytes encoding = [] {
      Bytes out(r255::kEncodingBytes);
      r255::encode(r255::generator(), out.data());
      return out;
    }();
    return make(r255::generator(), encoding);
  }
  Element identity() const override { return make(r255::kIdentity); }

  Element mul(const Element& a, const Element& b) const override {
    return make(r255::add(point_of(a), point_of(b)));
  }
  Element inverse(const Element& a) const override { return make(r255::neg(point_of(a))); }

  Element exp(const Element& base, const Scalar& e) const override {
    const Point p = point_of(base);
    return make(r255::mul_ct(p, ExponentWords(exponent(e)).get()));
  }
  Element exp_vartime(const Element& base, const Scalar& e) const override {
    const Point p = point_of(base);
    return make(r255::mul_vartime(p, ExponentWords(exponent(e)).get()));
  }
  Element exp_generator(const Scalar& e) const override {
    return make(r255::generator_table().mul_ct(ExponentWords(exponent(e)).get()));
  }

  std::shared_ptr<const FixedBase> precompute(const Element& base) const override;
  Element multi_exp(std::span<const Element> bases, std::span<const Scalar> exps) const override;

  // RFC 9496 element derivation of 64 uniform bytes from xof.
  Element hash_to_element(std::string_view tag, BytesView msg) const override {
    const Bytes uniform = xof(tag, msg, r255::kUniformBytes);
    return make(r255::from_uniform(uniform.data()));
  }

  Bytes encode(const Element& a) const override {
    const Point p = point_of(a);
    Bytes out(r255::kEncodingBytes);
    if (a.repr().size() == kPointWords + kEncodingWords) {
      std::memcpy(out.data(), a.repr().data() + kPointWords, out.size());
    } else {
      r255::encode(p, out.data());
    }
    return out;
  }
  Element decode(BytesView bytes) const override;

  bool equal(const Element& a, const Element& b) const override {
    return r255::equal(point_of(a), point_of(b));
  }

  // For the FixedBase below.
  Element make(const Point& p) const {
    std::vector<std::uint64_t> words(kPointWords);
    std::memcpy(words.data(), &p, sizeof p);
    return Element(*this, std::move(words));
  }
  // p with its known encoding.
  Element make(const Point& p, BytesView encoding) const {
    std::vector<std::uint64_t> words(kPointWords + kEncodingWords);
    std::memcpy(words.data(), &p, sizeof p);
    std::memcpy(words.data() + kPointWords, encoding.data(), r255::kEncodingBytes);
    return Element(*this, std::move(words));
  }
  Point point_of(const Element& a) const {
    check_element(a);
    return load_point(a);
  }
  void check_element(const Element& a) const {
    check_mine(a);
    const std::size_t size = a.repr().size();
    if (size != kPointWords && size != kPointWords + kEncodingWords) {
      throw Error("ristretto255: malformed element representation");
    }
  }
  // For an element check_element() accepted.
  static Point load_point(const Element& a) {
    Point p;
    std::memcpy(&p, a.repr().data(), sizeof p);
    return p;
  }
  const Scalar& exponent(const Scalar& e) const {
    if (&e.field() != &scalars_) {
      throw Error("exponent of scalar field " + e.field().name() + " used in group ristretto255");
    }
    return e;
  }

 private:
  ScalarField scalars_;
};

Element Ristretto255Group::decode(BytesView bytes) const {
  if (bytes.size() != r255::kEncodingBytes) {
    throw DecodeError("ristretto255 element: wrong length (" + std::to_string(bytes.size()) +
                      " bytes, expected " + std::to_string(r255::kEncodingBytes) + ")");
  }
  // r255::decode applies every RFC 9496 rejection, bit 255 included (which
  // libsodium 1.0.18, the test oracle, ignores).
  Point p;
  if (!r255::decode(bytes.data(), p)) {
    throw DecodeError("ristretto255 element: not a canonical encoding of a group element");
  }
  return make(p, bytes);
}

Element Ristretto255Group::multi_exp(std::span<const Element> bases,
                                     std::span<const Scalar> exps) const {
  if (bases.size() != exps.size()) {
    throw Error("ristretto255 multi_exp: " + std::to_string(bases.size()) + " bases but " +
                std::to_string(exps.size()) + " exponents");
  }
  const std::size_t n = bases.size();
  for (std::size_t i = 0; i < n; ++i) {  // every check before the threads start
    check_element(bases[i]);
    exponent(exps[i]);
  }
  // Loading reads every element's and scalar's heap block: in parallel too.
  std::vector<Point> points(n);
  std::vector<ScalarWords> words(n);
  // Inside a parallel task the threads are busy already: one thread here.
  const unsigned threads = n >= kParallelMinTerms && !in_parallel_task() ? worker_threads() : 1;
  parallel_ranges(
      n, 1,
      [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          points[i] = load_point(bases[i]);
          words[i] = words_of(exps[i]);
        }
      },
      threads);
  return make(r255::multi_mul(points, words, threads));
}

// A variable-time table of the base's multiples (r255/fixed_table.hpp).
class TablePowers final : public FixedBase {
 public:
  TablePowers(const Ristretto255Group& group, Element base)
      : group_(group), base_(std::move(base)), table_(group.point_of(base_), kFixedBaseWindow) {}
  Element exp(const Scalar& e) const override {
    return group_.make(table_.mul_vartime(ExponentWords(group_.exponent(e)).get()));
  }
  const Element& base() const override { return base_; }

 private:
  const Ristretto255Group& group_;
  Element base_;
  r255::FixedTable table_;
};

std::shared_ptr<const FixedBase> Ristretto255Group::precompute(const Element& base) const {
  check_mine(base);
  if (base == generator()) {
    // Built once (~1 ms): callers tend to ask for the generator's table often.
    static const std::shared_ptr<const FixedBase> generator_powers =
        std::make_shared<TablePowers>(*this, generator());
    return generator_powers;
  }
  return std::make_shared<TablePowers>(*this, base);
}

}  // namespace

const Group& ristretto255() {
  static const Ristretto255Group group;  // its constructor calls init() first
  return group;
}

}  // namespace evote::crypto
