// h and h_1..h_N by hash-to-element (specs/mix.md, "Generators").
#include "evote/mix/generators.hpp"

#include <string>

#include "evote/crypto/error.hpp"
#include "evote/crypto/parallel.hpp"
#include "generator_at.hpp"

namespace evote::mix {

using crypto::Bytes;
using crypto::Element;

namespace {
constexpr std::string_view kGeneratorTag = "evote/shuffle/generator/v1";

void append_text(Bytes& out, std::string_view text) {
  crypto::append_be64(out, text.size());
  crypto::append(out, crypto::as_bytes(text));
}

}  // namespace

namespace detail {

Element generator_at(const crypto::Group& group, const Bytes& seed, std::uint64_t index) {
  Bytes msg = seed;
  crypto::append_be64(msg, index);
  Element h = group.hash_to_element(kGeneratorTag, msg);
  // Not reachable with a sound hash; an identity generator would break binding.
  if (group.is_identity(h))
    throw crypto::Error("shuffle generators: h_" + std::to_string(index) + " is the identity");
  return h;
}

}  // namespace detail

Bytes seed_bytes(const ShuffleSeed& seed, std::size_t rows, std::size_t width) {
  Bytes out;
  append_text(out, seed.election_id);
  append_text(out, seed.batch_id);
  crypto::append_be64(out, seed.stage);
  crypto::append_be64(out, rows);
  crypto::append_be64(out, width);
  return out;
}

CommitmentGenerators CommitmentGenerators::derive(const crypto::Group& group,
                                                  const ShuffleSeed& seed, std::size_t rows,
                                                  std::size_t width) {
  if (rows == 0 || width == 0) {
    throw crypto::Error("shuffle generators: need at least one row and one column (got " +
                        std::to_string(rows) + " x " + std::to_string(width) + ")");
  }
  const Bytes msg = seed_bytes(seed, rows, width);
  std::vector<Element> h_i(rows, group.identity());
  crypto::parallel_ranges(rows, 64, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) h_i[i] = detail::generator_at(group, msg, i + 1);
  });
  return CommitmentGenerators(group, seed, width, detail::generator_at(group, msg, 0),
                              std::move(h_i));
}

}  // namespace evote::mix
