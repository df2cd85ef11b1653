// Loads the test vectors written in a specs/*.md file, so that the tests
// check exactly what the specification shows an outsider.
//
// A vector is a fenced code block whose info string is `vector`:
//   ```vector
//   name: ristretto255/elgamal
//   secret: 0a1b...
//   ```
// Each non-empty line is `key: value`; keys are unique within a block.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace evote::testing {

struct SpecVector {
  std::string name;
  std::map<std::string, std::string> fields;
  // The value of `key`; throws std::runtime_error naming the vector if absent.
  const std::string& at(const std::string& key) const;
};

// Path relative to the source tree, e.g. "specs/crypto.md".
std::vector<SpecVector> load_spec_vectors(const std::string& relative_path);

// The named vector; throws if it is missing.
const SpecVector& find_vector(const std::vector<SpecVector>& vectors, const std::string& name);

std::string source_path(const std::string& relative_path);

}  // namespace evote::testing
