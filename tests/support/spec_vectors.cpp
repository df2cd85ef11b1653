#include "support/spec_vectors.hpp"

#include <fstream>
#include <stdexcept>

#include "evote/crypto/bytes.hpp"

namespace evote::testing {

std::string source_path(const std::string& relative_path) {
  return std::string(EVOTE_SOURCE_DIR) + "/" + relative_path;
}

const std::string& SpecVector::at(const std::string& key) const {
  auto it = fields.find(key);
  if (it == fields.end()) throw std::runtime_error("vector " + name + ": no field \"" + key + "\"");
  read_.insert(key);
  return it->second;
}

std::vector<std::string> SpecVector::unread() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : fields) {
    if (!read_.count(key)) out.push_back(key);
  }
  return out;
}

std::vector<std::string> check_labelled_inputs(const SpecVector& v,
                                               const crypto::ScalarField& field) {
  static const std::string suffix = "_label";
  std::vector<std::string> checked;
  for (const auto& [key, value] : v.fields) {
    if (key.size() <= suffix.size() ||
        key.compare(key.size() - suffix.size(), suffix.size(), suffix))
      continue;
    const std::string input = key.substr(0, key.size() - suffix.size());
    if (!v.has(input))
      throw std::runtime_error("vector " + v.name + ": " + key + " without " + input);
    const std::string derived =
        crypto::to_hex(field.from_hash(kVectorInputTag, crypto::as_bytes(v.at(key))).encode());
    if (v.at(input) != derived) {
      throw std::runtime_error("vector " + v.name + ": " + input + " is not derived from " + key +
                               " (expected " + derived + ")");
    }
    checked.push_back(input);
  }
  return checked;
}

std::vector<SpecVector> load_spec_vectors(const std::string& relative_path) {
  std::ifstream in(source_path(relative_path));
  if (!in) throw std::runtime_error("cannot open " + relative_path);
  std::vector<SpecVector> out;
  std::string line;
  bool inside = false;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!inside) {
      if (line == "```vector") {
        inside = true;
        out.emplace_back();
      }
      continue;
    }
    if (line == "```") {
      if (out.back().name.empty())
        throw std::runtime_error(relative_path + ": vector without a name");
      inside = false;
      continue;
    }
    if (line.empty()) continue;
    const auto colon = line.find(": ");
    if (colon == std::string::npos) {
      throw std::runtime_error(relative_path + ":" + std::to_string(line_no) +
                               ": expected \"key: value\"");
    }
    std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 2);
    if (key == "name") {
      out.back().name = value;
    } else if (!out.back().fields.emplace(key, value).second) {
      throw std::runtime_error(relative_path + ":" + std::to_string(line_no) + ": duplicate key " +
                               key);
    }
  }
  if (inside) throw std::runtime_error(relative_path + ": unterminated vector block");
  return out;
}

const SpecVector& find_vector(const std::vector<SpecVector>& vectors, const std::string& name) {
  for (const auto& v : vectors) {
    if (v.name == name) return v;
  }
  throw std::runtime_error("test vector \"" + name + "\" not found");
}

}  // namespace evote::testing
