#include "evote/crypto/groups.hpp"

#include "evote/crypto/error.hpp"

namespace evote::crypto {

std::vector<std::string_view> group_names() {
  return {"ristretto255", "modp3072-rfc3526", "modp4096-eg"};
}

const Group& group_by_name(std::string_view name) {
  if (name == "ristretto255") return ristretto255();
  if (name == "modp3072-rfc3526") return modp3072_rfc3526();
  if (name == "modp4096-eg") return modp4096_eg();
  throw Error("unknown group \"" + std::string(name) + "\" (known: ristretto255, modp3072-rfc3526, modp4096-eg)");
}

}  // namespace evote::crypto
