// The commitment generators of a shuffle proof: h and h_1..h_N, derived by
// hash-to-element from a public seed so that nobody knows a discrete
// logarithm between any two of them or to g. specs/mix.md, "Generators".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/group.hpp"

namespace evote::mix {

// What a shuffle proof is bound to besides its statement; public.
struct ShuffleSeed {
  std::string election_id;
  std::string batch_id;     // which rows: e.g. contest and district
  std::uint32_t stage = 0;  // the mix server's position in the cascade
  bool operator==(const ShuffleSeed& other) const = default;
};

// be64(len) || election_id || be64(len) || batch_id || be64(stage) ||
// be64(N) || be64(w): the message every generator is hashed from.
crypto::Bytes seed_bytes(const ShuffleSeed& seed, std::size_t rows, std::size_t width);

class CommitmentGenerators {
 public:
  // Derives h and h_1..h_rows (parallel over the cores). Throws Error for
  // rows or width 0.
  static CommitmentGenerators derive(const crypto::Group& group, const ShuffleSeed& seed,
                                     std::size_t rows, std::size_t width);

  const crypto::Group& group() const { return *group_; }
  const ShuffleSeed& seed() const { return seed_; }
  std::size_t rows() const { return h_i_.size(); }
  std::size_t width() const { return width_; }
  const crypto::Element& h() const { return h_; }
  // h_1..h_N (index 0 holds h_1).
  std::span<const crypto::Element> h_i() const { return h_i_; }

 private:
  CommitmentGenerators(const crypto::Group& group, ShuffleSeed seed, std::size_t width,
                       crypto::Element h, std::vector<crypto::Element> h_i)
      : group_(&group),
        seed_(std::move(seed)),
        width_(width),
        h_(std::move(h)),
        h_i_(std::move(h_i)) {}
  const crypto::Group* group_;
  ShuffleSeed seed_;
  std::size_t width_;
  crypto::Element h_;
  std::vector<crypto::Element> h_i_;
};

}  // namespace evote::mix
