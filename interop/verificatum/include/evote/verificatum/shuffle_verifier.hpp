// Checks the proofs of a Verificatum mix-net run (specs/interop.md §2.5)
// from the files an observer has: the protocol info file, the joint public
// key, the input and output ciphertext lists and the proof folder
// (dir/nizkp/<auxsid>). Unlike Verificatum's vmnv, the output list is the
// caller's file, read and checked against the proofs, and every failed check
// is reported, never ignored.
//
// What is checked, in order, each as one named CheckResult: the protocol
// info fields; the proof folder's type, version, auxsid, width and active
// threshold; the group; rho; the public key (in the group, g the group's
// generator, equal to the folder's FullPublicKey.bt); the input and output
// lists (every element a group member); the independent generators; then
// for each mix-server l: its permutation commitment, PoS commitment and
// reply (well formed, members) and the five Terelius-Wikström equations
// A, B, C, D, F; for a -mix run, the proof of correct decryption and the
// plaintexts. Ciphertext width 1 only (a wider run FAILs saying so).
// A bad proof is an answer (a FAIL), not an exception.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace evote::verificatum {

struct VerificatumFiles {
  std::string protocol_info;  // protInfo.xml
  std::string proof_dir;      // the nizkp/<auxsid> folder
  std::string public_key;     // raw publicKey or FullPublicKey.bt; "" = proof_dir/FullPublicKey.bt
  std::string input;          // "" = proof_dir/Ciphertexts.bt
  std::string output;         // "" = proof_dir/ShuffledCiphertexts.bt (-shuffle runs only)
  std::string plaintexts;     // "" = proof_dir/Plaintexts.bt (-mix runs only)
};

struct CheckResult {
  std::string name;
  bool ok = false;
  std::string detail;  // the reason of a FAIL; a value worth showing for a PASS
};

// Runs every check, calling report for each as it is decided; returns the
// number of failed checks (0: the run verifies).
unsigned verify_verificatum(const VerificatumFiles& files,
                            const std::function<void(const CheckResult&)>& report);

}  // namespace evote::verificatum
