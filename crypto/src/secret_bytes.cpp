#include "evote/crypto/secret_bytes.hpp"

#include <sodium.h>

namespace evote::crypto {

SecretBytes::SecretBytes(std::size_t size) : data_(size, 0) {}

SecretBytes::SecretBytes(BytesView from) : data_(from.begin(), from.end()) {}

SecretBytes::~SecretBytes() { wipe(); }

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : data_(std::move(other.data_)) {
  other.data_.clear();
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    data_ = std::move(other.data_);
    other.data_.clear();
  }
  return *this;
}

void SecretBytes::wipe() {
  if (!data_.empty()) sodium_memzero(data_.data(), data_.size());
}

}  // namespace evote::crypto
