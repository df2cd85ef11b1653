// Errors raised by the crypto library. Every message names what was wrong;
// callers add the context (which file, which field) by catching and
// rethrowing or by prefixing. A bad proof or signature is not an error: the
// verify functions return a Verdict instead.
#pragma once

#include <stdexcept>
#include <string>

namespace evote::crypto {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An encoding that is not a valid group element or scalar: wrong length,
// non-canonical bytes, or a value outside the group.
class DecodeError : public Error {
 public:
  using Error::Error;
};

// The answer of every verification: ok, or the reason it failed.
struct Verdict {
  bool ok = false;
  std::string reason;  // empty when ok

  static Verdict pass() { return {true, {}}; }
  static Verdict fail(std::string why) { return {false, std::move(why)}; }
  explicit operator bool() const { return ok; }
};

}  // namespace evote::crypto
