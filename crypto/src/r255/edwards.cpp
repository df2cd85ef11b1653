// edwards25519: batch conversion to affine form, repeated doubling.
#include "edwards.hpp"

#include <cstddef>

namespace evote::crypto::r255 {

void to_niels_batch(std::span<const Point> points, std::span<Niels> out) {
  const std::size_t n = points.size();
  if (n == 0) return;
  // Prefix products Z_0 * ... * Z_i, kept in out[i].xy2d until overwritten.
  out[0].xy2d = points[0].z;
  for (std::size_t i = 1; i < n; ++i) out[i].xy2d = fe_mul(out[i - 1].xy2d, points[i].z);
  Fe inv = fe_invert(out[n - 1].xy2d);  // 1 / (Z_0 * ... * Z_{n-1})
  for (std::size_t i = n; i-- > 0;) {
    const Fe z_inv = i == 0 ? inv : fe_mul(inv, out[i - 1].xy2d);
    inv = fe_mul(inv, points[i].z);  // now 1 / (Z_0 * ... * Z_{i-1})
    const Fe x = fe_mul(points[i].x, z_inv);
    const Fe y = fe_mul(points[i].y, z_inv);
    out[i] = {fe_add(y, x), fe_sub(y, x), fe_mul(fe_mul(x, y), kD2)};
  }
}

Point dbl_n(const Point& p, int k) {
  Projective r = to_projective(p);
  for (int i = 1; i < k; ++i) r = to_projective(dbl(r));
  return to_point(dbl(r));
}

}  // namespace evote::crypto::r255
