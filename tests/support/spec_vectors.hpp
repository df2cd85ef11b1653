// Loads the test vectors written in a specs/*.md file, so that the tests
// check exactly what the specification shows an outsider.
//
// A vector is a fenced code block whose info string is `vector`:
//   ```vector
//   name: ristretto255/elgamal
//   secret: 0a1b...
//   ```
// Each non-empty line is `key: value`; keys are unique within a block.
//
// A test reads every field it checks with at(); unread() then names the
// printed fields no check used, so a test can require that it checked all
// of them.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "evote/crypto/scalar.hpp"

namespace evote::testing {

struct SpecVector {
  std::string name;
  std::map<std::string, std::string> fields;
  // The value of `key`; throws std::runtime_error naming the vector if absent.
  // Marks the field as read.
  const std::string& at(const std::string& key) const;
  bool has(const std::string& key) const { return fields.count(key) != 0; }
  // The fields at() never returned, in key order.
  std::vector<std::string> unread() const;

 private:
  mutable std::set<std::string> read_;
};

// The tag of the labelled inputs: F = bytes_L(from_hash(kVectorInputTag, F_label)).
inline constexpr const char* kVectorInputTag = "evote/test-vector/v1";

// Checks every labelled input of v (each field "F_label" with its field "F",
// both then read): F must be the hex of the scalar derived from the label
// in `field`. Returns the names F checked; throws std::runtime_error naming
// the vector and field on a mismatch or a label without its field.
std::vector<std::string> check_labelled_inputs(const SpecVector& v,
                                               const crypto::ScalarField& field);

// Path relative to the source tree, e.g. "specs/crypto.md".
std::vector<SpecVector> load_spec_vectors(const std::string& relative_path);

// The named vector; throws if it is missing.
const SpecVector& find_vector(const std::vector<SpecVector>& vectors, const std::string& name);

std::string source_path(const std::string& relative_path);

}  // namespace evote::testing
