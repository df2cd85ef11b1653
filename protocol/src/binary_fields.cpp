#include "binary_fields.hpp"

namespace evote::protocol {

crypto::Bytes read_fixed_binary(const ObjectReader& r, std::string_view key, std::size_t size) {
  crypto::Bytes value = r.binary(key);
  if (value.size() != size) {
    r.fail(key, std::to_string(value.size()) + " bytes, expected " + std::to_string(size));
  }
  return value;
}

}  // namespace evote::protocol
