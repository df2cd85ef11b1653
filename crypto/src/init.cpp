#include "evote/crypto/init.hpp"

#include <gmp.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

#include "evote/crypto/error.hpp"

namespace evote::crypto {
namespace {

// GMP keeps scalars (some secret) in heap blocks it frees and reallocates on
// its own; these hooks wipe every block before it goes back to the allocator.
void* gmp_alloc(std::size_t size) {
  void* p = std::malloc(size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void gmp_free(void* p, std::size_t size) {
  if (p == nullptr) return;
  sodium_memzero(p, size);
  std::free(p);
}

void* gmp_realloc(void* old, std::size_t old_size, std::size_t new_size) {
  void* fresh = gmp_alloc(new_size);
  std::memcpy(fresh, old, old_size < new_size ? old_size : new_size);
  gmp_free(old, old_size);
  return fresh;
}

}  // namespace

void init() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    ok = sodium_init() >= 0;
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
  });
  if (!ok) throw Error("libsodium: initialisation failed");
}

}  // namespace evote::crypto
