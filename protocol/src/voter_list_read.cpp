// Reading change sets with the streaming reader: the changes go straight
// into the compact list, the canonical form is checked by re-serialising.
#include <algorithm>

#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_list.hpp"
#include "message_text.hpp"
#include "list_document_read.hpp"
#include "names_json.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

constexpr const char* kListKey = "changes";

void read_change(const Json& element, std::size_t index, const std::string& what,
                 VoterChangeList& out) {
  const ObjectReader r(element, what, element_path(kListKey, index));
  const std::string action = r.string("action");
  if (action != "add" && action != "remove")
    r.fail("action", "unknown action " + quote_input(action) + " (add or remove)");
  const std::string code_text = r.string("code");
  const std::optional<PersonalCode> code = PersonalCode::parse(code_text);
  if (!code) r.fail("code", personal_code_problem(code_text));
  if (action == "remove") {
    r.allow_only({"action", "code"});
    out.remove(*code);
    return;
  }
  r.allow_only({"action", "code", "district", "name"});
  const std::string name = r.string("name");
  const std::string problem = voter_name_problem(name);
  if (!problem.empty()) r.fail("name", problem);
  const std::string district = read_identifier(r, "district");
  out.add(*code, name, district);
}

// Type and version first, so that a newer format is reported as such and
// not as the first change this build cannot read.
void read_top(const StreamingObjectReader& reader, const std::string& what, VoterListChanges& doc) {
  const ObjectReader top(reader.top(), what);
  top.expect_type_and_version(kVoterListChangesType, kVoterListChangesVersion);
  top.allow_only(
      {"changes", "election_id", "previous", "sequence", "signature", "type", "version"});
  top.array(kListKey);
  reader.rethrow_element_error();
  doc.election_id = read_identifier(top, "election_id");
  doc.sequence = top.unsigned_integer("sequence");
  const crypto::Bytes previous = top.binary("previous");
  if (previous.size() != doc.previous.size()) {
    top.fail("previous", "expected 32 bytes, found " + std::to_string(previous.size()));
  }
  std::copy(previous.begin(), previous.end(), doc.previous.begin());
  doc.signature = read_signature_member(top);
  validate(doc, what);
}

StreamingObjectReader make_reader(const std::string& what, VoterListChanges& doc) {
  return StreamingObjectReader(what, kListKey,
                               [&doc, what](const Json& element, std::size_t index) {
                                 read_change(element, index, what, doc.changes);
                               });
}

}  // namespace

VoterListChanges parse_voter_list_changes(crypto::BytesView bytes, std::string_view what) {
  return parse_list_document<VoterListChanges>(bytes, what, make_reader, read_top);
}

VoterListChanges load_voter_list_changes(const std::filesystem::path& path) {
  return load_list_document<VoterListChanges>(path, make_reader, read_top);
}

}  // namespace evote::protocol
