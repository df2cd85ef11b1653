// The collector commands: each signs one admin request with the organizer
// key and sends it to the collector's admin listener (specs/collector-admin.md).
// Everything local (the config, the document to load, the output) is read
// and checked before the passphrase is asked and before anything is sent.
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "collector_client.hpp"
#include "commands.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/admin_request.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/protocol/voter_list.hpp"
#include "key_access.hpp"

namespace evote::admin {

namespace {

using protocol::AdminCommand;
using protocol::FormatError;
using Json = nlohmann::json;

constexpr std::uint64_t kDefaultTimeoutSeconds = 120;

// What every collector command starts from: the signed config (its
// collector certificate is the TLS pin) and the collector's URL.
struct Target {
  std::string config_path;
  crypto::Bytes config_bytes;
  protocol::ElectionConfig config;
  CollectorUrl url;
  std::chrono::seconds timeout{kDefaultTimeoutSeconds};
};

Target target(const Args& args) {
  Target t;
  t.config_path = args.required("config");
  t.config_bytes = protocol::read_file(t.config_path);
  t.config = protocol::parse_signed_election_config(t.config_bytes, t.config_path);
  if (!t.config.collector) {
    throw FormatError(t.config_path +
                      ": names no collector (set-collector), so there is no TLS certificate to "
                      "pin and no collector key to check answers with");
  }
  t.url = parse_collector_url(args.required("collector"));
  if (auto seconds = args.optional_number("timeout", 1, 3600)) {
    t.timeout = std::chrono::seconds(*seconds);
  }
  return t;
}

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Asks for the passphrase, signs the request and returns its bytes.
crypto::Bytes signed_request(const Args& args, const Target& t, AdminCommand command,
                             std::optional<crypto::Bytes> document = std::nullopt,
                             std::optional<std::uint64_t> after = std::nullopt) {
  const crypto::Ed25519SigningKey key = open_organizer_key(args, t.config);
  protocol::AdminRequest request =
      protocol::new_admin_request(t.config.election_id, command, now());
  request.document = std::move(document);
  request.after = after;
  protocol::sign_admin_request(request, key);
  return protocol::encode_admin_request(request);
}

CollectorClient client(const Target& t) {
  return CollectorClient(t.url, t.config.collector->tls_certificate, t.timeout);
}

// The JSON answer of a command; names the command when it is not JSON or a
// member is missing or of another kind.
class AnswerReader {
 public:
  AnswerReader(const CollectorUrl& url, std::string_view command, const std::string& body)
      : what_("the collector's answer to " + std::string(command) + " (" + url.text + ")") {
    json_ = Json::parse(body, nullptr, false);
    if (!json_.is_object()) throw FormatError(what_ + ": not a JSON object");
  }
  std::string string(const std::string& key) const {
    if (!json_.contains(key) || !json_[key].is_string()) fail(key, "missing or not a string");
    return json_[key].get<std::string>();
  }
  std::uint64_t number(const std::string& key) const {
    if (!json_.contains(key) || !json_[key].is_number_unsigned()) {
      fail(key, "missing or not a whole number");
    }
    return json_[key].get<std::uint64_t>();
  }
  void expect(const std::string& key, const std::string& value) const {
    if (string(key) != value) fail(key, "\"" + string(key) + "\", expected \"" + value + "\"");
  }
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw FormatError(what_ + ": " + key + ": " + problem);
  }

 private:
  std::string what_;
  Json json_;
};

std::string config_hash_text(const Target& t) {
  return protocol::base64url_encode(protocol::config_hash(t.config_bytes));
}

// Removes a file on scope exit unless released (the unchecked export).
class RemoveOnExit {
 public:
  explicit RemoveOnExit(std::filesystem::path path) : path_(std::move(path)) {}
  ~RemoveOnExit() {
    if (!path_.empty()) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }
  void release() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

// Moves `from` to `to`, refusing an existing `to` (atomically), and makes
// the rename durable.
void move_into_place(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
    const int error = errno;
    throw FormatError(to.string() + (error == EEXIST
                                         ? ": already exists"
                                         : ": cannot write: " + std::string(std::strerror(error))));
  }
  const std::filesystem::path folder = to.has_parent_path() ? to.parent_path() : ".";
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    throw FormatError(folder.string() + ": cannot sync the folder: " + std::strerror(error));
  }
  ::close(fd);
}

}  // namespace

int cmd_collector_status(const Args& args) {
  const Target t = target(args);
  const crypto::Bytes request = signed_request(args, t, AdminCommand::status);
  const CollectorClient::Answer answer = client(t).post_admin(request);
  const AnswerReader r(t.url, "status", answer.body);
  const std::string state = r.string("state");
  if (state != "loaded" && state != "open" && state != "closed") {
    r.fail("state", "\"" + state + "\" is not loaded, open or closed");
  }
  const std::string hash = r.string("config_hash");
  std::printf("collector %s, election %s\n", t.url.text.c_str(), t.config.election_id.c_str());
  std::printf("state: %s\n", state.c_str());
  std::printf("config_hash: %s%s\n", hash.c_str(),
              hash == config_hash_text(t) ? " (the config given)" : " (NOT the config given)");
  std::printf("voter_list_version: %llu\n",
              static_cast<unsigned long long>(r.number("voter_list_version")));
  std::printf("ballots: %llu\n", static_cast<unsigned long long>(r.number("ballots")));
  std::printf("log_head: %s\n", r.string("log_head").c_str());
  return 0;
}

int cmd_collector_load_config(const Args& args) {
  const Target t = target(args);
  const crypto::Bytes request = signed_request(args, t, AdminCommand::load_config, t.config_bytes);
  const CollectorClient::Answer answer = client(t).post_admin(request);
  const AnswerReader r(t.url, "load-config", answer.body);
  r.expect("loaded", "config");
  r.expect("config_hash", config_hash_text(t));
  std::printf("the collector loaded the config of election %s (config hash %s)\n",
              t.config.election_id.c_str(), config_hash_text(t).c_str());
  return 0;
}

int cmd_collector_load_voters(const Args& args) {
  const Target t = target(args);
  const std::string path = args.required("voters");
  crypto::Bytes bytes = protocol::read_file(path);
  const protocol::VoterListChanges changes = protocol::parse_voter_list_changes(bytes, path);
  if (changes.election_id != t.config.election_id) {
    throw FormatError(path + ": for election " + changes.election_id + ", the config is for " +
                      t.config.election_id);
  }
  const crypto::Verdict signed_ok =
      protocol::verify_signature(changes, t.config.organizer_key, path);
  if (!signed_ok) throw FormatError(signed_ok.reason);
  const crypto::Bytes request =
      signed_request(args, t, AdminCommand::load_voter_list, std::move(bytes));
  const CollectorClient::Answer answer = client(t).post_admin(request);
  const AnswerReader r(t.url, "load-voter-list", answer.body);
  r.expect("loaded", "voter-list");
  std::printf(
      "the collector applied voter list change set %llu (%zu changes); its voter list "
      "version is %llu\n",
      static_cast<unsigned long long>(changes.sequence), changes.changes.size(),
      static_cast<unsigned long long>(r.number("version")));
  return 0;
}

int cmd_collector_load_paper_votes(const Args& args) {
  const Target t = target(args);
  const std::string path = args.required("paper-votes");
  crypto::Bytes bytes = protocol::read_file(path);
  const protocol::PaperVotes paper = protocol::parse_paper_votes(bytes, path);
  protocol::check_paper_votes(paper, t.config, path);
  const crypto::Bytes request =
      signed_request(args, t, AdminCommand::load_paper_votes, std::move(bytes));
  const CollectorClient::Answer answer = client(t).post_admin(request);
  const AnswerReader r(t.url, "load-paper-votes", answer.body);
  r.expect("loaded", "paper-votes");
  std::printf("the collector loaded the paper-vote list (%llu voters)\n",
              static_cast<unsigned long long>(r.number("count")));
  return 0;
}

namespace {

int open_or_close(const Args& args, AdminCommand command, const std::string& state) {
  const Target t = target(args);
  const crypto::Bytes request = signed_request(args, t, command);
  const CollectorClient::Answer answer = client(t).post_admin(request);
  const std::string name(protocol::command_name(command));
  const AnswerReader r(t.url, name, answer.body);
  r.expect("state", state);
  const std::string time = r.string("time");
  protocol::parse_utc(time, "the collector's answer to " + name, "time");
  std::printf("election %s is %s (since %s)\n", t.config.election_id.c_str(), state.c_str(),
              time.c_str());
  return 0;
}

}  // namespace

int cmd_collector_open(const Args& args) { return open_or_close(args, AdminCommand::open, "open"); }

int cmd_collector_close(const Args& args) {
  return open_or_close(args, AdminCommand::close, "closed");
}

int cmd_collector_export(const Args& args) {
  const Target t = target(args);
  const std::filesystem::path out = args.required("out");
  protocol::refuse_existing(out, protocol::WriteMode::new_public());
  const crypto::Bytes request = signed_request(args, t, AdminCommand::export_ballots);
  // The body goes to a file of its own, is read back and checked there, and
  // only then takes the name --out: a cut-short or forged export never does.
  const std::filesystem::path unchecked =
      out.string() + ".unchecked-" + crypto::to_hex(crypto::random_bytes(8));
  RemoveOnExit cleanup(unchecked);
  std::string content_type;
  {
    protocol::AtomicOutput file(unchecked, protocol::WriteMode::new_public());
    content_type =
        client(t).post_admin_streaming(request, [&](std::string_view piece) { file.write(piece); });
    if (content_type != "application/x-ndjson") {
      throw FormatError("the collector's export (" + t.url.text + ") has content type \"" +
                        content_type + "\", expected application/x-ndjson");
    }
    file.commit();
  }
  std::uint64_t count = 0;
  std::string log_head;
  try {
    protocol::BallotBoxReader reader(unchecked, t.config, protocol::config_hash(t.config_bytes));
    while (reader.next()) ++count;
    log_head = protocol::base64url_encode(reader.trailer().log_head);
  } catch (const FormatError& e) {
    throw FormatError("the collector's export (" + t.url.text +
                      ") is refused, nothing written: " + e.what());
  }
  move_into_place(unchecked, out);
  cleanup.release();
  std::printf(
      "wrote the ballot box of election %s to %s: %llu ballots, log head %s (checked "
      "against the collector key)\n",
      t.config.election_id.c_str(), out.c_str(), static_cast<unsigned long long>(count),
      log_head.c_str());
  return 0;
}

int cmd_collector_votes_order(const Args& args) {
  const Target t = target(args);
  const std::uint64_t after =
      args.number("after", 0, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
  const std::string out = args.required("out");
  protocol::refuse_existing(out, args.public_output());
  const crypto::Bytes request =
      signed_request(args, t, AdminCommand::votes_order, std::nullopt, after);
  const CollectorClient::Answer answer = client(t).post_admin(request);
  const crypto::Bytes bytes(answer.body.begin(), answer.body.end());
  const std::string what = "the collector's votes-order page (" + t.url.text + ")";
  const protocol::VotesOrder page = protocol::decode_votes_order(bytes, what);
  const crypto::Verdict v =
      protocol::verify_votes_order(page, t.config.election_id, t.config.collector->signing_key);
  if (!v) throw FormatError(what + ": " + v.reason);
  if (page.after != after) {
    throw FormatError(what + ": after " + std::to_string(page.after) + ", asked for " +
                      std::to_string(after));
  }
  protocol::write_file_atomic(out, bytes, args.public_output());
  std::printf("wrote %zu e-votes after sequence %llu to %s; the next --after is %llu%s\n",
              page.entries.size(), static_cast<unsigned long long>(after), out.c_str(),
              static_cast<unsigned long long>(page.last),
              page.entries.size() == protocol::kVotesOrderMaxEntries ? " (there may be more)" : "");
  return 0;
}

}  // namespace evote::admin
