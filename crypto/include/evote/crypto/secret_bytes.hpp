// A byte buffer for secrets: wiped with sodium_memzero when destroyed or
// reassigned; not copyable by accident (explicit clone()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size);
  explicit SecretBytes(BytesView from);
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  SecretBytes clone() const { return SecretBytes(view()); }
  std::uint8_t* data() { return data_.data(); }
  const std::uint8_t* data() const { return data_.data(); }
  std::size_t size() const { return data_.size(); }
  BytesView view() const { return {data_.data(), data_.size()}; }
  std::span<std::uint8_t> span() { return {data_.data(), data_.size()}; }

 private:
  void wipe();
  std::vector<std::uint8_t> data_;
};

}  // namespace evote::crypto
