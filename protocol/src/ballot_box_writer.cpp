// Writing a ballot box export (ballot_box.hpp): the lines, and the file.
#include <stdexcept>

#include "ballot_box_json.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "names_json.hpp"

namespace evote::protocol {

BallotBoxEncoder::BallotBoxEncoder(BallotBoxHeader header)
    : header_(std::move(header)), head_(initial_log_head()) {
  if (!is_identifier(header_.election_id) || header_.config_hash.size() != 32) {
    throw std::invalid_argument("ballot box writer: bad election id or config hash");
  }
}

std::string BallotBoxEncoder::header_line() const {
  return canonical_string(header_to_json(header_)) + "\n";
}

std::string BallotBoxEncoder::entry_line(const BallotBoxEntry& entry) {
  const std::string what = "ballot box writer: entry " + std::to_string(count_ + 1);
  if (entry.sequence != count_ + 1) {
    throw FormatError(what + ": sequence: " + std::to_string(entry.sequence) + ", expected " +
                      std::to_string(count_ + 1));
  }
  const Json line = entry_to_json(entry);
  // What a reader would refuse is refused here, before it is written.
  const LoggedBallot checked = entry_from_json(line, what, header_.election_id);
  std::string text = canonical_string(line);
  if (text.size() >= kMaxBallotBoxLineBytes) throw FormatError(what + ": line too long");
  head_ = next_log_head(head_, entry.sequence, entry.vote_id, entry.time, entry.voter_id,
                        checked.ballot_hash);
  ++count_;
  text += '\n';
  return text;
}

std::string BallotBoxEncoder::trailer_line(const crypto::Ed25519SigningKey& collector_key,
                                           const std::vector<VoterListVersion>& voter_lists) const {
  Json trailer =
      trailer_to_json({header_.election_id, header_.config_hash, count_, head_, voter_lists});
  sign_document(trailer, collector_key);
  // What a reader would refuse (the voter list history) is refused here.
  trailer_from_json(trailer, "ballot box writer: trailer");
  return canonical_string(trailer) + "\n";
}

BallotBoxWriter::BallotBoxWriter(const std::filesystem::path& path, BallotBoxHeader header,
                                 WriteMode mode)
    : file_(path, mode), encoder_(std::move(header)) {
  file_.write(encoder_.header_line());
}

const crypto::Bytes& BallotBoxWriter::append(const BallotBoxEntry& entry) {
  file_.write(encoder_.entry_line(entry));
  return encoder_.log_head();
}

void BallotBoxWriter::finish(const crypto::Ed25519SigningKey& collector_key,
                             const std::vector<VoterListVersion>& voter_lists) {
  file_.write(encoder_.trailer_line(collector_key, voter_lists));
  file_.commit();
}

}  // namespace evote::protocol
