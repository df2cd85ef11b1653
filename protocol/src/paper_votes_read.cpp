// Reading paper-vote lists with the streaming reader.
#include "evote/protocol/error.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "list_document_read.hpp"
#include "names_json.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

constexpr const char* kListKey = "voters";

void read_voter(const Json& element, std::size_t index, const std::string& what,
                std::vector<PersonalCode>& out) {
  const std::string path = element_path(kListKey, index);
  const std::string text = expect_string(element, what, path);
  const std::optional<PersonalCode> code = PersonalCode::parse(text);
  if (!code) fail_at(what, path, personal_code_problem(text));
  if (!out.empty() && *code == out.back()) fail_at(what, path, "duplicate voter " + code->str());
  if (!out.empty() && *code < out.back()) {
    fail_at(what, path,
            "not in increasing order (" + code->str() + " after " + out.back().str() + ")");
  }
  out.push_back(*code);
}

void read_top(const StreamingObjectReader& reader, const std::string& what, PaperVotes& doc) {
  const ObjectReader top(reader.top(), what);
  top.expect_type_and_version(kPaperVotesType, kPaperVotesVersion);
  top.allow_only({"election_id", "signature", "type", "version", "voters"});
  top.array(kListKey);
  reader.rethrow_element_error();
  doc.election_id = read_identifier(top, "election_id");
  doc.signature = read_signature_member(top);
  validate(doc, what);
}

StreamingObjectReader make_reader(const std::string& what, PaperVotes& doc) {
  return StreamingObjectReader(what, kListKey,
                               [&doc, what](const Json& element, std::size_t index) {
                                 read_voter(element, index, what, doc.voters);
                               });
}

}  // namespace

PaperVotes parse_paper_votes(crypto::BytesView bytes, std::string_view what) {
  return parse_list_document<PaperVotes>(bytes, what, make_reader, read_top);
}

PaperVotes load_paper_votes(const std::filesystem::path& path) {
  return load_list_document<PaperVotes>(path, make_reader, read_top);
}

}  // namespace evote::protocol
