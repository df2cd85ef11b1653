#include "statement.hpp"

namespace evote::mix::detail {

std::size_t width_of(const Rows& rows) { return rows.empty() ? 0 : rows.front().items.size(); }

std::string rows_problem(const crypto::Group& group, const Rows& rows, const char* which,
                         std::size_t width) {
  if (rows.empty()) return std::string(which) + " has no rows";
  if (width == 0) return std::string(which) + " rows have width 0";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& items = rows[i].items;
    if (items.size() != width) {
      return std::string(which) + " row " + std::to_string(i + 1) + " has width " +
             std::to_string(items.size()) + ", expected " + std::to_string(width);
    }
    for (const crypto::Ciphertext& c : items) {
      if (&c.a.group() != &group || &c.b.group() != &group) {
        return std::string(which) + " row " + std::to_string(i + 1) + " holds an element of " +
               std::string(c.a.group().name()) + ", expected " + std::string(group.name());
      }
    }
  }
  return {};
}

std::string statement_problem(const crypto::Element& public_key, const Rows& input,
                              const Rows& output) {
  const crypto::Group& group = public_key.group();
  if (group.is_identity(public_key)) return "the public key is the identity element";
  if (output.size() != input.size()) {
    return "output has " + std::to_string(output.size()) + " rows, input has " +
           std::to_string(input.size());
  }
  const std::size_t width = width_of(input);
  std::string problem = rows_problem(group, input, "input", width);
  if (problem.empty()) problem = rows_problem(group, output, "output", width);
  return problem;
}

std::string generators_problem(const crypto::Group& group, const CommitmentGenerators& generators,
                               const Rows& input) {
  const std::size_t n = input.size(), width = width_of(input);
  if (&generators.group() == &group && generators.rows() == n && generators.width() == width)
    return {};
  return "generators are for " + std::to_string(generators.rows()) + " rows of width " +
         std::to_string(generators.width()) + " in " + std::string(generators.group().name()) +
         ", the rows are " + std::to_string(n) + " of width " + std::to_string(width);
}

std::string witness_problem(const crypto::Group& group, const ShuffleWitness& witness,
                            std::size_t rows, std::size_t width) {
  if (witness.permutation.size() != rows || witness.randomness.size() != rows) {
    return "witness for " + std::to_string(witness.permutation.size()) + " rows (randomness for " +
           std::to_string(witness.randomness.size()) + "), the rows are " + std::to_string(rows);
  }
  for (std::size_t i = 0; i < rows; ++i) {
    if (witness.randomness[i].size() != width) {
      return "witness randomness for row " + std::to_string(i + 1) + " has " +
             std::to_string(witness.randomness[i].size()) + " scalars, width is " +
             std::to_string(width);
    }
    for (const crypto::Scalar& s : witness.randomness[i])
      if (&s.field() != &group.scalars()) return "witness randomness of another group";
  }
  return {};
}

std::vector<crypto::Element> column(const Rows& rows, std::size_t k, Half half) {
  std::vector<crypto::Element> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(half == Half::a ? row.items[k].a : row.items[k].b);
  return out;
}

}  // namespace evote::mix::detail
