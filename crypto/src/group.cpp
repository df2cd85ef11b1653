#include "evote/crypto/group.hpp"

#include "evote/crypto/error.hpp"

namespace evote::crypto {

bool Element::operator==(const Element& other) const {
  return group_ == other.group_ && group_->equal(*this, other);
}

Bytes Element::encode() const { return group_->encode(*this); }

bool Group::equal(const Element& a, const Element& b) const {
  check_mine(a);
  check_mine(b);
  return a.repr() == b.repr();
}

void Group::check_mine(const Element& a) const {
  if (&a.group() != this) {
    throw Error("element of group " + std::string(a.group().name()) + " used in group " +
                std::string(name()));
  }
}

}  // namespace evote::crypto
