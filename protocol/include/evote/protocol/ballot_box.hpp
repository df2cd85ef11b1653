// The ballot box: the collector's append-only log of accepted ballots, and
// its export file (specs/formats-ballots.md §6).
//
// Log chain: head_0 = 32 zero bytes; for entry i (sequence i, from 1)
//   head_i = xof("evote/ballot-log/v1",
//                head_{i-1} || be64(i) || vote_id || be64(time)
//                || be64(len(voter_id)) || voter_id || ballot_hash_i, 32)
// with ballot_hash_i = ballot_hash(signed ballot bytes of entry i).
//
// Export file: JSON Lines, each line one canonical JSON object followed by
// "\n": a header {"type":"ballot-box",...}, one line per entry in sequence
// order, and a trailer {"type":"ballot-box-end",...} signed by the collector,
// which also carries the voter list history: when each version came into
// force, so that the tally judges each ballot against the right one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/signed_ballot.hpp"

namespace evote::protocol {

inline constexpr std::string_view kBallotBoxType = "ballot-box";
inline constexpr std::string_view kBallotBoxEndType = "ballot-box-end";
inline constexpr std::uint64_t kBallotBoxVersion = 1;
inline constexpr std::string_view kBallotLogTag = "evote/ballot-log/v1";
// No line of an export may be longer (a bound on a reader's memory).
inline constexpr std::size_t kMaxBallotBoxLineBytes = std::size_t{16} << 20;

struct BallotBoxEntry {
  std::uint64_t sequence = 0;   // from 1, contiguous
  crypto::Bytes vote_id;        // 16 bytes, as in the receipt
  std::int64_t time = 0;        // UTC seconds the collector accepted it
  std::string voter_id;         // equals the signed ballot's voter_id
  crypto::Bytes signed_ballot;  // canonical signed-ballot bytes
  // DER OCSPResponse the collector got for the signing certificate when it
  // accepted the ballot; empty: none (the member is then absent). Not part
  // of the log chain: it is signed by the OCSP responder, and the tally
  // checks it against the certificate and the entry's time.
  crypto::Bytes ocsp_response;
};

crypto::Bytes initial_log_head();  // 32 zero bytes
crypto::Bytes next_log_head(crypto::BytesView previous, std::uint64_t sequence,
                            crypto::BytesView vote_id, std::int64_t time, std::string_view voter_id,
                            crypto::BytesView ballot_hash);
// The same, hashing the entry's signed ballot.
crypto::Bytes next_log_head(crypto::BytesView previous, const BallotBoxEntry& entry);

struct BallotBoxHeader {
  std::string election_id;
  crypto::Bytes config_hash;  // file_hash.hpp config_hash(), 32 bytes
};

// One version of the voter list (specs/formats-voters.md): the change set
// `sequence` and when the collector applied it, from which time on it was
// the version in force.
struct VoterListVersion {
  std::uint64_t sequence = 0;     // from 1, contiguous
  crypto::Bytes change_set_hash;  // 32 bytes: the change set's hash (formats-voters.md)
  std::int64_t applied = 0;       // UTC seconds
  bool operator==(const VoterListVersion&) const = default;
};

// The voter list version a ballot accepted at `time` is judged against
// (eligibility and district): the largest sequence whose `applied` <= time,
// 0 (no list) when none is. The collector accepts a ballot at time t only
// after checking it against exactly this version (formats-ballots.md §6.2).
std::uint64_t voter_list_version_at(const std::vector<VoterListVersion>& voter_lists,
                                    std::int64_t time);

struct BallotBoxTrailer {
  std::string election_id;    // as in the header
  crypto::Bytes config_hash;  // as in the header
  std::uint64_t count = 0;    // number of entries
  crypto::Bytes log_head;     // head_count
  // Every voter list version applied, sequences 1..k in order, `applied`
  // non-decreasing (the reader checks it); covered by the signature.
  std::vector<VoterListVersion> voter_lists;
};

// One entry as read, with what the reader derived from it.
struct LoggedBallot {
  BallotBoxEntry entry;
  SignedBallot signed_ballot;  // decoded entry.signed_ballot
  crypto::Bytes ballot_hash;
  crypto::Bytes log_head;  // head after this entry
};

// The lines of an export, for a writer that sends them elsewhere than a
// file (the collector streams an export over HTTPS). Each line ends in
// "\n". entry_line() checks what a reader would check (FormatError).
class BallotBoxEncoder {
 public:
  explicit BallotBoxEncoder(BallotBoxHeader header);  // std::invalid_argument for a bad header
  std::string header_line() const;
  // The entry's line; its sequence must be count() + 1.
  std::string entry_line(const BallotBoxEntry& entry);
  // The signed trailer with this voter list history; a history a reader
  // would refuse (gap, order, hash size, applied decreasing) is FormatError.
  std::string trailer_line(const crypto::Ed25519SigningKey& collector_key,
                           const std::vector<VoterListVersion>& voter_lists = {}) const;

  std::uint64_t count() const { return count_; }
  const crypto::Bytes& log_head() const { return head_; }

 private:
  BallotBoxHeader header_;
  std::uint64_t count_ = 0;
  crypto::Bytes head_;
};

// Writes an export to a temporary file; finish() signs the trailer and
// renames it into place. Destroyed unfinished, it leaves nothing behind.
class BallotBoxWriter {
 public:
  BallotBoxWriter(const std::filesystem::path& path, BallotBoxHeader header,
                  WriteMode mode = WriteMode::new_public());
  // Appends the entry, whose sequence must be count() + 1 and whose fields
  // must read back (FormatError otherwise). Returns the new log head.
  const crypto::Bytes& append(const BallotBoxEntry& entry);
  // Signs the trailer (with the voter list history, as trailer_line) and
  // moves the file into place.
  void finish(const crypto::Ed25519SigningKey& collector_key,
              const std::vector<VoterListVersion>& voter_lists = {});

  std::uint64_t count() const { return encoder_.count(); }
  const crypto::Bytes& log_head() const { return encoder_.log_head(); }

 private:
  AtomicOutput file_;
  BallotBoxEncoder encoder_;
};

class FileInput;
class StreamingXof;

// Reads an export one entry at a time (memory bounded by the longest line).
// Every error is a FormatError naming the file, the line and the field:
//   ballot box box.jsonl line 1234: sequence: 1236, expected 1234
// Entries are authentic only once next() has returned nullopt: that is when
// the trailer's count, log head, voter list history and collector signature
// have been checked.
class BallotBoxReader {
 public:
  // Reads and checks the header: election id of `config`, and the config
  // hash when `expected_config_hash` is given. The config must name a
  // collector key (std::invalid_argument otherwise).
  BallotBoxReader(const std::filesystem::path& path, const ElectionConfig& config,
                  std::optional<crypto::Bytes> expected_config_hash = std::nullopt);
  ~BallotBoxReader();

  const BallotBoxHeader& header() const { return header_; }
  std::optional<LoggedBallot> next();
  // Up to `max` (>= 1) entries, fewer only at the end of the entries: the
  // chunk that holds the trailer line is followed by an empty one, the
  // trailer being checked as next() checks it. Lines are parsed on every
  // core, then taken in file order, so the entries, and the error of a bad
  // file (the first bad line's), are exactly next()'s.
  std::vector<LoggedBallot> next_chunk(std::size_t max);
  // Valid after next() returned nullopt.
  const BallotBoxTrailer& trailer() const { return trailer_; }
  // The file_hash (file_hash.hpp) and size of the whole file, hashed as it
  // was read: the bytes every entry was parsed from. Valid once next() or
  // next_chunk() has reported the end (so the trailer is checked too).
  const FileDigest& file_digest() const { return digest_; }
  std::uint64_t line_number() const { return line_; }

 private:
  [[noreturn]] void fail(const std::string& problem) const;
  std::string line_what() const;
  bool read_line(crypto::Bytes& line);
  // The entry must be the next in sequence; the log head moves past it.
  void follow_chain(LoggedBallot& logged);
  // `lines_after`: lines already read after the trailer's (a chunk reads
  // ahead); any is refused as data after the trailer.
  void finish_with_trailer(const Json& document, std::uint64_t lines_after = 0);

  std::string name_;
  std::unique_ptr<StreamingXof> xof_;  // declared before input_, which feeds it
  std::unique_ptr<FileInput> input_;
  std::string election_id_;
  crypto::Ed25519PublicKey collector_key_;
  BallotBoxHeader header_;
  BallotBoxTrailer trailer_;
  std::uint64_t line_ = 0;
  std::uint64_t count_ = 0;
  crypto::Bytes head_;
  bool done_ = false;
  FileDigest digest_;
};

// The export's signed trailer alone, without reading the entries between
// header and trailer: the header's election id (and config hash, when
// given) checked as BallotBoxReader checks them, the last line parsed as the
// trailer, its election id and config hash the header's, and its collector
// signature verified. So the trailer's own fields (voter list history,
// count, log head) are the collector's word; whether the entries match its
// count and log head is known only once a BallotBoxReader has read them all.
// Throws FormatError naming the file and what is wrong.
BallotBoxTrailer read_signed_trailer(
    const std::filesystem::path& path, const ElectionConfig& config,
    std::optional<crypto::Bytes> expected_config_hash = std::nullopt);

}  // namespace evote::protocol
