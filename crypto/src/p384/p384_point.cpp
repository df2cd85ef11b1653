// P-384 point tables: batch conversion to affine and odd multiples.
#include "p384_point.hpp"

#include <vector>

namespace evote::crypto::p384 {

void to_affine_batch(const Jacobian* in, Affine* out, std::size_t count) {
  if (count == 0) return;
  // prefix[i] = z_0 * ... * z_i; one inversion of the product, then walk back.
  std::vector<Fe> prefix(count);
  prefix[0] = in[0].z;
  for (std::size_t i = 1; i < count; ++i) prefix[i] = fe_mul(prefix[i - 1], in[i].z);
  Fe inverse = fe_invert(prefix[count - 1]);  // 1 / (z_0 * ... * z_{count-1})
  for (std::size_t i = count; i-- > 0;) {
    const Fe z_inverse = i == 0 ? inverse : fe_mul(inverse, prefix[i - 1]);
    if (i > 0) inverse = fe_mul(inverse, in[i].z);
    const Fe z2 = fe_sqr(z_inverse);
    out[i].x = fe_mul(in[i].x, z2);
    out[i].y = fe_mul(in[i].y, fe_mul(z2, z_inverse));
  }
}

void odd_multiples(const Affine& p, Affine* out, std::size_t count) {
  if (count == 0) return;
  Affine two_p;
  const Jacobian doubled = dbl(to_jacobian(p));
  to_affine_batch(&doubled, &two_p, 1);
  std::vector<Jacobian> multiples(count);
  multiples[0] = to_jacobian(p);
  for (std::size_t i = 1; i < count; ++i) multiples[i] = add_affine(multiples[i - 1], two_p);
  to_affine_batch(multiples.data(), out, count);
}

}  // namespace evote::crypto::p384
