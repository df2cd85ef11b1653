#include "evote/mix/permutation.hpp"

#include <sodium.h>

#include <cstdint>
#include <limits>
#include <numeric>
#include <string>

#include "evote/crypto/error.hpp"
#include "evote/crypto/init.hpp"

namespace evote::mix {

using crypto::Error;

Permutation::Permutation(std::vector<std::size_t> map) : map_(std::move(map)) {
  std::vector<char> seen(map_.size(), 0);
  for (std::size_t i = 0; i < map_.size(); ++i) {
    const std::size_t j = map_[i];
    if (j >= map_.size() || seen[j]) {
      const std::string what = "permutation: entry " + std::to_string(i + 1) + " of " +
                               std::to_string(map_.size()) + " is out of range or repeated";
      wipe();
      throw Error(what);
    }
    seen[j] = 1;
  }
  sodium_memzero(seen.data(), seen.size());
}

Permutation::~Permutation() { wipe(); }

Permutation::Permutation(Permutation&& other) noexcept : map_(std::move(other.map_)) {
  other.map_.clear();
}

Permutation& Permutation::operator=(Permutation&& other) noexcept {
  if (this != &other) {
    wipe();
    map_ = std::move(other.map_);
    other.map_.clear();
  }
  return *this;
}

void Permutation::wipe() {
  if (!map_.empty()) sodium_memzero(map_.data(), map_.size() * sizeof(std::size_t));
  map_.clear();
}

Permutation Permutation::random(std::size_t n) {
  if (n > std::numeric_limits<std::uint32_t>::max()) {
    throw Error("permutation: " + std::to_string(n) + " rows is more than 2^32 - 1");
  }
  crypto::init();
  Permutation p;
  p.map_.resize(n);
  std::iota(p.map_.begin(), p.map_.end(), std::size_t{0});
  // Fisher–Yates: position i takes a uniform pick among the i + 1 still free.
  for (std::size_t i = n; i-- > 1;) {
    const std::size_t j = randombytes_uniform(static_cast<std::uint32_t>(i + 1));
    std::swap(p.map_[i], p.map_[j]);
  }
  return p;
}

Permutation Permutation::clone() const {
  Permutation p;
  p.map_ = map_;
  return p;
}

Permutation Permutation::inverse() const {
  Permutation p;
  p.map_.resize(map_.size());
  for (std::size_t i = 0; i < map_.size(); ++i) p.map_[map_[i]] = i;
  return p;
}

}  // namespace evote::mix
