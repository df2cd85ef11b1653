// The readers of a Verificatum mix-net run (interop/verificatum,
// specs/interop.md §2): byte trees, the protocol info file, the marshalled
// group of its <pgroup>, and group elements and scalars decoded from byte
// trees in P-256, P-384, P-521 and the 2048-bit ModPGroup of the committed
// test run. The first input byte picks the reader, the rest is its input.
// Any input is read or refused with FormatError; a byte tree read
// re-encodes to the same bytes, and an element or scalar decoded encodes
// back to the tree it came from. Anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/groups.hpp"
#include "evote/verificatum/protocol_info.hpp"

using namespace evote::verificatum;

namespace {

struct Groups {
  EcGroup p256{"P-256"}, p384{"P-384"}, p521{"P-521"};
  std::unique_ptr<ModPGroup> modp;
  Groups() {
    const ProtocolInfo info = read_protocol_info(std::string(EVOTE_SOURCE_DIR) +
                                                 "/tests/data/verificatum/modp2048/protInfo.xml");
    modp = std::move(std::get<std::unique_ptr<ModPGroup>>(parse_group(info.pgroup)));
  }
};

template <class G>
void decode_in(const G& group, const ByteTree& tree) {
  try {
    const auto element = group.decode(tree, "fuzz element");
    if (group.encode(element).encode() != tree.encode()) __builtin_trap();
  } catch (const FormatError&) {
  }
  try {
    const mpz_class scalar = decode_scalar(tree, group.order(), group.scalar_bytes(), "fuzz");
    if (scalar >= group.order()) __builtin_trap();
    if (integer_to_bytes(scalar, group.scalar_bytes()) != tree.data) __builtin_trap();
  } catch (const FormatError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const Groups groups;
  const BytesView input(data + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: {
        const ByteTree tree = ByteTree::parse(input, "fuzz");
        if (tree.encode() != Bytes(input.begin(), input.end())) __builtin_trap();
        decode_in(groups.p256, tree);
        decode_in(groups.p384, tree);
        decode_in(groups.p521, tree);
        decode_in(*groups.modp, tree);
        break;
      }
      case 1:
        parse_protocol_info(std::string(input.begin(), input.end()), "fuzz");
        break;
      default: {
        // A <pgroup> string: a label, "::", the marshalled group in hex.
        const AnyGroup group = parse_group("fuzz::" + evote::crypto::to_hex(input));
        std::visit([](const auto& g) { g->description(); }, group);
        break;
      }
    }
  } catch (const FormatError&) {
  }
  return 0;
}
