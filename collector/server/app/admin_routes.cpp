// The admin listener (specs/collector-api.md §3, specs/collector-admin.md):
// one endpoint, POST /v1/admin, whose body is an admin request signed by the
// organizer key of the config served. Checked in this order, the first
// failure answering: the request decodes (400 bad_request); it is for this
// election, signed by its organizer key, its time within 300 s of the
// collector's clock (401 auth_failed); its nonce is new (401 auth_failed,
// "replayed"); then the command runs, refused with 409 refused when the
// state or the document does not allow it.
//
// Every authenticated request is kept in admin_requests (who asked what,
// signed), before the command runs: the audit trail holds refused commands
// too, and a request cannot be replayed even if its command failed.
#include <chrono>

#include "app/collector_app.hpp"
#include "app/json_log.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/ballot_access.hpp"
#include "storage/ballot_log.hpp"
#include "storage/voter_list.hpp"

namespace evote::collector {

namespace {

HttpResponse json_answer(const protocol::Json& answer) { return {200, answer.dump()}; }

HttpResponse refused(const std::string& message) { return error_response(409, "refused", message); }

}  // namespace

HttpResponse CollectorApp::handle_admin(const HttpRequest& request) {
  std::string route_name;
  HttpResponse response = measured(
      "admin", [&](std::string& name) { return admin_request(request, name); },
      "the database cannot be reached; nothing was changed", route_name);
  log_event(response.status < 400 ? "info" : "warning", "admin_request",
            {{"command", route_name},
             {"status", std::to_string(response.status)},
             {"code", error_code_of(response)}});
  return response;
}

HttpResponse CollectorApp::admin_request(const HttpRequest& request, std::string& route_name) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  if (path != "/v1/admin" || request.method != "POST")
    return error_response(
        404, "not_found",
        "no such endpoint: " + request.method + " " + path + " (the admin API is POST /v1/admin)");
  protocol::AdminRequest admin;
  try {
    admin = protocol::decode_admin_request(crypto::as_bytes(request.body));
  } catch (const std::exception& e) {
    // A request without a signature is an authentication failure, not a
    // malformed one (collector-admin.md §3.1).
    const protocol::Json parsed = protocol::Json::parse(request.body, nullptr, false);
    if (parsed.is_object() && !parsed.contains("signature"))
      return error_response(401, "auth_failed", "the request is not signed");
    return error_response(400, "bad_request", e.what());
  }
  route_name = "admin:" + std::string(protocol::command_name(admin.command));
  const auto election = served(true);
  const crypto::Verdict verdict = protocol::verify_admin_request(
      admin, election->config.election_id, election->config.organizer_key, now());
  if (!verdict) return error_response(401, "auth_failed", verdict.reason);
  {
    auto connection = pool_.acquire();
    if (!record_admin_request(*connection, admin.nonce, protocol::command_name(admin.command),
                              crypto::as_bytes(request.body), now()))
      return error_response(401, "auth_failed",
                            "nonce: already used (a replayed request); sign a new request");
  }
  try {
    switch (admin.command) {
      case protocol::AdminCommand::load_config:
        return admin_load_config(admin, *election);
      case protocol::AdminCommand::load_voter_list:
        return admin_load_voter_list(admin, *election);
      case protocol::AdminCommand::load_paper_votes:
        return admin_load_paper_votes(admin, *election);
      case protocol::AdminCommand::open:
        return admin_open(*election);
      case protocol::AdminCommand::close:
        return admin_close();
      case protocol::AdminCommand::status:
        return admin_status(*election);
      case protocol::AdminCommand::export_ballots:
        return admin_export(*election);
      case protocol::AdminCommand::votes_order:
        return admin_votes_order(admin, *election);
    }
  } catch (const Refused& e) {
    return refused(e.what());
  } catch (const protocol::FormatError& e) {
    return refused(e.what());
  }
  return error_response(400, "bad_request", "command: not handled");
}

HttpResponse CollectorApp::admin_load_config(const protocol::AdminRequest& request,
                                             const ServedConfig& current) {
  const crypto::Bytes& bytes = *request.document;
  const protocol::ElectionConfig config =
      protocol::parse_signed_election_config(bytes, "document (election config)");
  if (config.election_id != current.config.election_id)
    return refused("document: a config of election " + config.election_id + "; this collector " +
                   "serves " + current.config.election_id);
  if (!(config.organizer_key == current.config.organizer_key))
    return refused("document: names another organizer key (the organizer key is pinned by the " +
                   std::string("first config)"));
  try {
    check_names_this_collector(config, "document (election config)");
  } catch (const std::runtime_error& e) {
    return refused(e.what());
  }
  try {  // what every process will build from it must build here first
    const ServedConfig check(bytes, config);
  } catch (const std::exception& e) {
    return refused(std::string("document (election config): ") + e.what());
  }
  const crypto::Bytes hash = protocol::config_hash(bytes);
  {
    auto connection = pool_.acquire();
    replace_config(*connection, config.election_id, bytes, hash, now());
  }
  served(true);
  return json_answer({{"loaded", "config"}, {"config_hash", protocol::base64url_encode(hash)}});
}

HttpResponse CollectorApp::admin_load_voter_list(const protocol::AdminRequest& request,
                                                 const ServedConfig& election) {
  if (voting_state_.load() == static_cast<int>(VotingState::closed))
    return refused("voting has closed: the voter list can no longer change");
  const protocol::VoterListChanges changes =
      protocol::parse_voter_list_changes(*request.document, "document (voter list change set)");
  auto connection = pool_.acquire();
  const VoterListState state = apply_voter_list(*connection, election.config, changes, now());
  return json_answer({{"loaded", "voter-list"}, {"version", state.version}});
}

HttpResponse CollectorApp::admin_load_paper_votes(const protocol::AdminRequest& request,
                                                  const ServedConfig& election) {
  const protocol::PaperVotes list =
      protocol::parse_paper_votes(*request.document, "document (paper-vote list)");
  protocol::check_paper_votes(list, election.config, "document (paper-vote list)");
  auto connection = pool_.acquire();
  store_paper_votes(*connection, *request.document, list.voters.size(), now());
  return json_answer({{"loaded", "paper-votes"}, {"count", list.voters.size()}});
}

HttpResponse CollectorApp::admin_open(const ServedConfig& election) {
  const std::vector<std::string> missing = election.config.missing_for_voting();
  if (!missing.empty()) {
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : "; ") + m;
    return refused("the config is not ready for voting: " + list);
  }
  const std::int64_t at = now();
  if (at >= election.config.voting_end)
    return refused("the voting period ended at " +
                   protocol::format_utc(election.config.voting_end));
  StoredElection state;
  {
    auto connection = pool_.acquire();
    if (voter_list_state(*connection).version == 0)
      return refused("no voter list is loaded (load-voter-list first)");
    state = open_voting(*connection, at);
  }
  served(true);
  return json_answer({{"state", "open"}, {"time", protocol::format_utc(*state.opened)}});
}

HttpResponse CollectorApp::admin_close() {
  StoredElection state;
  {
    auto connection = pool_.acquire();
    state = close_voting(*connection, now());
  }
  served(true);
  return json_answer({{"state", "closed"}, {"time", protocol::format_utc(*state.closed)}});
}

HttpResponse CollectorApp::admin_status(const ServedConfig& election) {
  auto connection = pool_.acquire();
  const LogHead head = current_log_head(*connection);
  const std::optional<StoredElection> stored = stored_election(*connection);
  return json_answer({{"state", to_string(stored ? stored->state : VotingState::loaded)},
                      {"config_hash", protocol::base64url_encode(election.config_hash)},
                      {"voter_list_version", voter_list_state(*connection).version},
                      {"ballots", head.sequence},
                      {"log_head", protocol::base64url_encode(head.head)}});
}

// The export, streamed: the header, then the entries a thousand at a time
// from one snapshot of the log (BallotCursor), then the signed trailer with
// the voter list history read in the same snapshot;
// the export is recorded (each voter's record shows it) once the trailer
// has been made. A failure midway cuts the stream (HttpResponse::stream).
HttpResponse CollectorApp::admin_export(const ServedConfig& election) {
  struct Export {
    ConnectionPool::Lease connection;
    std::unique_ptr<BallotCursor> cursor;
    protocol::BallotBoxEncoder encoder;
    bool header_sent = false;
    bool done = false;
  };
  auto state = std::make_shared<Export>(
      Export{pool_.acquire(), nullptr,
             protocol::BallotBoxEncoder({election.config.election_id, election.config_hash})});
  state->cursor = std::make_unique<BallotCursor>(*state->connection);
  HttpResponse response;
  response.content_type = "application/x-ndjson";
  response.stream = [this, state]() -> std::optional<std::string> {
    try {
      if (state->done) return std::nullopt;
      if (!state->header_sent) {
        state->header_sent = true;
        return state->encoder.header_line();
      }
      const std::vector<StoredBallot> batch = state->cursor->next();
      if (!batch.empty()) {
        std::string text;
        for (const StoredBallot& b : batch) text += state->encoder.entry_line(b.entry);
        return text;
      }
      // Before finish(): in the cursor's snapshot, so every entry's version is in it.
      const std::vector<protocol::VoterListVersion> voter_lists =
          voter_list_history(*state->connection);
      state->cursor->finish();
      std::string trailer = state->encoder.trailer_line(signing_key_, voter_lists);
      record_export(*state->connection, now(), state->encoder.count());
      state->done = true;
      log_event("info", "export", {{"ballots", std::to_string(state->encoder.count())}});
      return trailer;
    } catch (const std::exception& e) {
      log_event("error", "export_failed", {{"message", e.what()}});
      throw;
    }
  };
  return response;
}

HttpResponse CollectorApp::admin_votes_order(const protocol::AdminRequest& request,
                                             const ServedConfig& election) {
  protocol::VotesOrder page;
  page.election_id = election.config.election_id;
  page.after = request.after.value_or(0);
  {
    auto connection = pool_.acquire();
    const pg::Result r = connection->exec_prepared(
        "votes_order",
        "SELECT sequence, voter_id, received FROM ballots WHERE sequence > $1 ORDER BY sequence "
        "LIMIT $2",
        {pg::Param(page.after),
         pg::Param(static_cast<std::uint64_t>(protocol::kVotesOrderMaxEntries))});
    for (int i = 0; i < r.rows(); ++i)
      page.entries.push_back(
          {static_cast<std::uint64_t>(r.integer(i, 0)), r.text(i, 1), r.integer(i, 2)});
  }
  page.time = now();
  protocol::sign_votes_order(page, signing_key_);
  const crypto::Bytes body = protocol::encode_votes_order(page);
  return {200, std::string(body.begin(), body.end())};
}

}  // namespace evote::collector
