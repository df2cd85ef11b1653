// The last certificates parsed on each thread (certificate_memo.hpp).
#include "evote/crypto/certificate_memo.hpp"

#include <algorithm>
#include <array>
#include <climits>

namespace evote::crypto {
namespace {

// A ballot's certificate and the intermediates sent with it.
constexpr std::size_t kKept = 4;

struct Parsed {
  Bytes der;
  X509* certificate = nullptr;
};

// Freed when its thread ends: a worker's at its join, the main thread's
// before static destructors and atexit handlers (so before OpenSSL's cleanup).
struct LastParsed {
  std::array<Parsed, kKept> kept;
  std::size_t next = 0;  // the slot the next new certificate takes
  ~LastParsed() {
    for (Parsed& p : kept) X509_free(p.certificate);
  }
};

thread_local LastParsed last;

}  // namespace

X509* parse_der_certificate_memo(BytesView der) {
  if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) return nullptr;
  for (const Parsed& p : last.kept) {
    if (p.certificate && std::equal(der.begin(), der.end(), p.der.begin(), p.der.end()))
      return X509_up_ref(p.certificate) == 1 ? p.certificate : nullptr;
  }
  const unsigned char* cursor = der.data();
  X509* certificate = d2i_X509(nullptr, &cursor, static_cast<long>(der.size()));
  if (!certificate) return nullptr;
  if (cursor != der.data() + der.size() || X509_up_ref(certificate) != 1) {  // trailing bytes
    X509_free(certificate);
    return nullptr;
  }
  Parsed& slot = last.kept[last.next];
  last.next = (last.next + 1) % kKept;
  X509_free(slot.certificate);
  slot.certificate = certificate;  // the memo's reference; the caller has the other
  slot.der.assign(der.begin(), der.end());
  return certificate;
}

}  // namespace evote::crypto
