// Format errors: a document or file that does not follow specs/formats.md.
// The message always names the document and the field path, e.g.
//   election config: contests[1].choices[3].code: duplicate choice code 104
#pragma once

#include <stdexcept>
#include <string>

namespace evote::protocol {

class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace evote::protocol
