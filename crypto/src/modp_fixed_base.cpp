// Fixed-base exponentiation for the modp groups: a table of
// base^(d * 2^(w*i)) for every w-bit window i and digit 1 <= d < 2^w, so that
// base^e is one table entry per nonzero digit of e multiplied together:
// ~bits(q)/w multiplications and no squarings. Variable time.
#include <algorithm>
#include <memory>
#include <vector>

#include "modp_group.hpp"

namespace evote::crypto::modp {
namespace {

class ModpFixedBase final : public FixedBase {
 public:
  ModpFixedBase(const ModpGroup& group, const Element& base, unsigned window)
      : group_(group),
        base_(base),
        window_(window),
        limbs_(group.limb_count()),
        windows_((group.scalars().bit_length() + window - 1) / window),
        table_(windows_ * digits() * limbs_) {
    build();
  }

  Element exp(const Scalar& e) const override {
    group_.check_scalar(e, "FixedBase::exp");
    const mpz_srcptr ev = e.value().get_mpz_t();
    const Limb* e_limbs = mpz_limbs_read(ev);
    const std::size_t e_size = mpz_size(ev);

    ModMul mm = group_.mod_mul();
    std::vector<Limb> acc(limbs_);
    bool acc_is_one = true;
    for (std::size_t i = 0; i < windows_; ++i) {
      const unsigned d = digit_at(e_limbs, e_size, i * window_, window_);
      if (d == 0) continue;
      if (acc_is_one) {
        std::copy_n(entry(i, d), limbs_, acc.data());
        acc_is_one = false;
      } else {
        mm.mul(acc.data(), acc.data(), entry(i, d));
      }
    }
    return acc_is_one ? group_.identity() : group_.element_from_limbs(acc.data(), limbs_);
  }

  const Element& base() const override { return base_; }

 private:
  std::size_t digits() const { return (std::size_t{1} << window_) - 1; }

  const Limb* entry(std::size_t window_index, unsigned digit) const {
    return table_.data() + (window_index * digits() + digit - 1) * limbs_;
  }
  Limb* entry(std::size_t window_index, unsigned digit) {
    return table_.data() + (window_index * digits() + digit - 1) * limbs_;
  }

  void build() {
    ModMul mm = group_.mod_mul();
    const auto last = static_cast<unsigned>(digits());
    for (std::size_t i = 0; i < windows_; ++i) {
      Limb* first = entry(i, 1);
      if (i == 0) {
        group_.load_padded(base_, first);
      } else {
        // base^((2^w - 1) * 2^(w(i-1))) * base^(2^(w(i-1))) = base^(2^(wi))
        mm.mul(first, entry(i - 1, last), entry(i - 1, 1));
      }
      for (unsigned d = 2; d <= last; ++d) mm.mul(entry(i, d), entry(i, d - 1), first);
    }
  }

  const ModpGroup& group_;
  Element base_;
  unsigned window_;
  std::size_t limbs_;
  std::size_t windows_;
  std::vector<Limb> table_;
};

}  // namespace

std::shared_ptr<const FixedBase> make_fixed_base(const ModpGroup& group, const Element& base,
                                                 unsigned window) {
  return std::make_shared<const ModpFixedBase>(group, base, window);
}

}  // namespace evote::crypto::modp
