// The fields of a Verificatum protocol info file (protInfo.xml) that a
// verifier of its proofs needs (specs/interop.md §2.3). Only the
// <protocol> element's own fields are read (never a <party>'s); XML
// comments are skipped. Every missing or malformed field is a FormatError
// naming the file and the field.
#pragma once

#include <cstddef>
#include <string>

namespace evote::verificatum {

struct ProtocolInfo {
  std::string version;        // <version>, e.g. "3.1.0"
  std::string sid;            // <sid>
  std::size_t nopart = 0;     // <nopart>: number of mix-servers
  std::size_t thres = 0;      // <thres>
  std::size_t statdist = 0;   // <statdist>: n_r, bits of statistical distance
  std::string pgroup;         // <pgroup>: the whole string, as hashed into rho
  std::size_t keywidth = 1;   // <keywidth>
  std::size_t vbitlenro = 0;  // <vbitlenro>: n_v, challenge bits
  std::size_t ebitlenro = 0;  // <ebitlenro>: n_e, batching-vector component bits
  std::string prg;            // <prg>: "SHA-256", "SHA-384" or "SHA-512"
  std::string rohash;         // <rohash>: likewise
  std::string corr;           // <corr>: must be "noninteractive" for a proof folder
  std::size_t width = 1;      // <width>: default ciphertext width
};

// Reads and checks `path` (FormatError naming path and field).
ProtocolInfo read_protocol_info(const std::string& path);
ProtocolInfo parse_protocol_info(const std::string& xml, const std::string& what);

}  // namespace evote::verificatum
