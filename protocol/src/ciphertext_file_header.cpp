// The JSON header of ciphertext array files (ciphertext_file.hpp).
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "names_json.hpp"

namespace evote::protocol {

Json to_json(const CiphertextFileHeader& h) {
  return {{"type", kCiphertextArrayType},
          {"version", kCiphertextArrayVersion},
          {"election_id", h.election_id},
          {"contest_id", h.contest_id},
          {"district", h.district},
          {"group", h.group},
          {"width", h.width},
          {"count", h.count}};
}

CiphertextFileHeader ciphertext_header_from_json(const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.expect_type_and_version(kCiphertextArrayType, kCiphertextArrayVersion);
  r.allow_only(
      {"type", "version", "election_id", "contest_id", "district", "group", "width", "count"});
  CiphertextFileHeader h;
  h.election_id = read_identifier(r, "election_id");
  h.contest_id = read_identifier(r, "contest_id");
  h.district = r.string("district");
  if (!h.district.empty() && !is_identifier(h.district)) {
    r.fail("district", "\"" + h.district + "\" is not an identifier (or \"\" for all districts)");
  }
  h.group = r.string("group");
  try {
    crypto::group_by_name(h.group);
  } catch (const crypto::Error& e) {
    r.fail("group", e.what());
  }
  h.width = read_u32(r, "width");
  if (h.width == 0 || h.width > kMaxRowWidth) {
    r.fail("width",
           std::to_string(h.width) + " is not between 1 and " + std::to_string(kMaxRowWidth));
  }
  h.count = r.unsigned_integer("count");
  return h;
}

}  // namespace evote::protocol
