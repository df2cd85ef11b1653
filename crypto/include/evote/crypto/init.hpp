// Library start-up. Safe to call many times and from many threads; every
// public entry point that needs it (the group accessors, random, the libsodium
// wrappers) calls it itself, so programs need not.
//
// It initialises libsodium and installs GMP memory functions that wipe every
// block before it is freed or moved, so that no secret scalar survives in
// freed memory.
#pragma once

namespace evote::crypto {

// Throws Error if libsodium cannot be initialised.
void init();

}  // namespace evote::crypto
