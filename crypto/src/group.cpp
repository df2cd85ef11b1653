#include "evote/crypto/group.hpp"

#include "evote/crypto/error.hpp"

namespace evote::crypto {

bool Element::operator==(const Element& other) const {
  return group_ == other.group_ && repr_ == other.repr_;
}

Bytes Element::encode() const { return group_->encode(*this); }

void Group::check_mine(const Element& a) const {
  if (&a.group() != this) {
    throw Error("element of group " + std::string(a.group().name()) + " used in group " +
                std::string(name()));
  }
}

}  // namespace evote::crypto
