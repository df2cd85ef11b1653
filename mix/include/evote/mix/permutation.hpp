// A permutation of N rows: the secret half of a shuffle. Output row i is
// input row map[i] re-encrypted (indices from 0 in code). Move-only; the
// indices are wiped when the object is destroyed or assigned over.
#pragma once

#include <cstddef>
#include <vector>

namespace evote::mix {

class Permutation {
 public:
  Permutation() = default;
  // Throws Error unless `map` is a permutation of 0..N-1.
  explicit Permutation(std::vector<std::size_t> map);
  ~Permutation();
  Permutation(Permutation&& other) noexcept;
  Permutation& operator=(Permutation&& other) noexcept;
  Permutation(const Permutation&) = delete;
  Permutation& operator=(const Permutation&) = delete;

  // Uniform over all N! permutations: Fisher–Yates with libsodium's unbiased
  // randombytes_uniform. Throws Error for N >= 2^32.
  static Permutation random(std::size_t n);

  Permutation clone() const;
  Permutation inverse() const;
  std::size_t size() const { return map_.size(); }
  // The input row that output row i comes from.
  std::size_t operator[](std::size_t i) const { return map_[i]; }

 private:
  void wipe();
  std::vector<std::size_t> map_;
};

}  // namespace evote::mix
