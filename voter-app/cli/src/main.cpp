// evote-voter-cli: the voter app's core, scripted (tests, the demo, load).
// Connects to the collector of the app settings, logs in with the ID card
// (PIN1), casts the chosen votes signed by the card (PIN2), checks the
// receipt, and prints each step on one line, the vote id, the receipt and
// the verification code. Usage: evote-voter-cli --help.
//
// Exit status: 0 voted; 1 refused by the collector (its code printed);
// 2 wrong usage (also a choice the ballot does not have); 3 a card problem
// (CardProblem printed); 4 anything else (settings, network, TLS, a
// collector the app does not trust, a receipt that does not check).
#include <CLI/CLI.hpp>
#include <QCoreApplication>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evote/card/id_card.hpp"
#include "evote/cli/args.hpp"
#include "evote/cli/program.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/voter/qr_code.hpp"
#include "evote/voter/voter_error.hpp"
#include "evote/voter/voting_session.hpp"
#include "pin_input.hpp"

namespace {

using evote::cli::UsageError;
namespace voter = evote::voter;
namespace card = evote::card;

constexpr const char* kProgram = "evote-voter-cli";

struct Options {
  std::string settings;
  std::optional<std::string> collector;
  std::optional<std::string> module;
  std::optional<std::string> card;
  std::string pin1_file;
  std::string pin2_file;
  std::vector<std::string> choices;
  std::vector<std::string> choice_names;
  bool record = false;
  std::optional<std::string> code_out;
  std::optional<std::string> qr_out;
  unsigned timeout_seconds = 30;
};

void line(const std::string& text) {
  std::printf("%s\n", text.c_str());
  std::fflush(stdout);
}

std::pair<std::string, std::string> split_assignment(const std::string& text,
                                                     const std::string& option) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
    throw UsageError(option + " must be CONTEST=VALUE, got \"" + text + "\"");
  return {text.substr(0, equals), text.substr(equals + 1)};
}

// --choice contest=code, then --choice-name contest=name, each appended in
// the order given (the rank order of a ranked contest).
evote::protocol::Selections selections_of(const Options& options,
                                          const voter::VoterBallot& ballot) {
  evote::protocol::Selections selections;
  for (const std::string& choice : options.choices) {
    const auto [contest, code] = split_assignment(choice, "--choice");
    selections[contest].push_back(evote::cli::parse_number(code, "--choice " + contest, 2, 999999));
  }
  for (const std::string& choice : options.choice_names) {
    const auto [contest, name] = split_assignment(choice, "--choice-name");
    selections[contest].push_back(voter::choice_code_by_name(ballot, contest, name));
  }
  return selections;
}

card::IdCard open_card(const card::IdCardModule& module, const std::optional<std::string>& wanted) {
  const std::vector<card::CardInfo> cards = module.cards();
  const card::CardInfo* chosen = nullptr;
  for (const card::CardInfo& info : cards) {
    if (wanted ? info.holder.personal_code == *wanted : cards.size() == 1) chosen = &info;
  }
  if (chosen == nullptr && wanted)
    throw UsageError("--card " + *wanted + ": no card of that personal code (" +
                     std::to_string(cards.size()) + " found)");
  if (chosen == nullptr)
    throw UsageError(std::to_string(cards.size()) + " ID cards found; choose one with --card");
  return module.open(*chosen);
}

std::string summary(const voter::CastResult& cast) {
  const evote::protocol::Receipt& r = cast.receipt;
  return "receipt: sequence " + std::to_string(r.sequence) + ", time " +
         evote::protocol::format_utc(r.time) + ", ballot hash " +
         evote::protocol::base64url_encode(r.ballot_hash) +
         ", signed by the collector; log head at sequence " +
         std::to_string(cast.head_after.sequence) + " consistent";
}

void print_record(const voter::VoterRecord& record) {
  const voter::RecordEligibility& e = record.eligibility;
  line("record: " + std::string(e.eligible ? "eligible" : "not eligible") +
       " (voter list version " + std::to_string(e.voter_list_version) +
       (e.district ? ", district " + *e.district : "") + "), " +
       std::to_string(record.ballots.size()) + " ballots, " +
       std::to_string(record.accesses.size()) + " accesses");
  for (const voter::RecordBallot& b : record.ballots)
    line("record ballot: sequence " + std::to_string(b.sequence) + ", vote id " +
         evote::protocol::base64url_encode(b.vote_id) + ", " + evote::protocol::format_utc(b.time) +
         (b.counts_now ? ", counts now" : ""));
  for (const voter::RecordAccess& a : record.accesses)
    line("record access: " + evote::protocol::format_utc(a.time) + ", " +
         (a.kind == voter::AccessKind::verification
              ? "verification of sequence " + std::to_string(a.sequence)
              : "export " + std::to_string(a.export_id) + " by " + a.requested_by));
}

int vote(const Options& options) {
  // Outputs are secrets (the randomness): never replace a file, and refuse
  // before anything is done rather than after the vote.
  for (const auto& out : {options.code_out, options.qr_out})
    if (out) evote::protocol::refuse_existing(*out, evote::protocol::WriteMode::new_secret());
  voter::AppSettings settings = voter::load_app_settings(options.settings);
  if (options.collector) {
    voter::check_collector_url(*options.collector);
    settings.collector_url = *options.collector;
  }
  if (options.module) settings.pkcs11_module = *options.module;
  evote::voter_cli::Pins pins = evote::voter_cli::read_pins(options.pin1_file, options.pin2_file);

  voter::VotingSession session(settings, std::chrono::seconds(options.timeout_seconds));
  session.connect();
  line("connected: election " + session.config().election_id + " at " + settings.collector_url +
       " (config signed by the organizer, TLS certificate pinned)");

  const card::IdCardModule module(settings.pkcs11_module);
  card::IdCard id_card = open_card(module, options.card);
  line("card: " + id_card.holder().name + " (" + id_card.holder().personal_code + ")");

  session.authenticate(id_card, pins.pin1);
  line("authenticated: " + session.voter().name + ", district " + session.voter().district);

  const voter::VoterBallot ballot = session.voter_ballot();
  line("ballot: " + std::to_string(ballot.contests.size()) + " contests in district " +
       ballot.district_id);
  const evote::protocol::Selections selections = selections_of(options, ballot);

  const voter::CastResult cast = session.cast(id_card, selections, pins.pin2);
  line("cast: vote id " + cast.vote_id_text);
  line(summary(cast));

  std::string code = session.verification_code_text();
  line("verification code: " + code);
  if (options.code_out)
    evote::protocol::write_file_atomic(*options.code_out, evote::crypto::as_bytes(code + "\n"),
                                       evote::protocol::WriteMode::new_secret());
  if (options.qr_out) {
    std::string qr = voter::QrCode::encode(code).to_text();
    evote::protocol::write_file_atomic(*options.qr_out, evote::crypto::as_bytes(qr),
                                       evote::protocol::WriteMode::new_secret());
    voter::wipe_text(qr);
    line("qr code: written to " + *options.qr_out);
  }
  voter::wipe_text(code);
  session.forget_randomness();

  if (options.record) print_record(session.record());
  return 0;
}

int usage_error(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %s\n(see %s --help)\n", kProgram, message.c_str(), kProgram);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication application(argc, argv);
  Options options;
  CLI::App app("evote-voter-cli: vote with an ID card from the command line (the voter app's core)",
               kProgram);
  app.set_version_flag("--version", std::string(kProgram) + " (evote) " + evote::cli::version());
  app.add_option("--settings", options.settings, "the app settings file (collector, organizer key)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--collector", options.collector, "https://HOST:PORT instead of the settings'");
  app.add_option("--module", options.module, "the PKCS#11 module instead of the settings'");
  app.add_option("--card", options.card, "the card's personal code, when several are present");
  app.add_option("--pin1-file", options.pin1_file, "PIN1 (first line of FILE, or - for stdin)")
      ->required();
  app.add_option("--pin2-file", options.pin2_file, "PIN2 (first line of FILE, or - for stdin)")
      ->required();
  app.add_option("--choice", options.choices, "CONTEST=CODE (repeat; ranked: in rank order)");
  app.add_option("--choice-name", options.choice_names, "CONTEST=NAME (a choice's exact name)");
  app.add_flag("--record", options.record, "print the voter's record after voting");
  app.add_option("--verification-code-out", options.code_out,
                 "write the verification code to FILE (a secret; never replaced)");
  app.add_option("--qr-out", options.qr_out, "write the QR code as text to FILE (a secret)");
  app.add_option("--timeout", options.timeout_seconds, "seconds per request (default 30)")
      ->check(CLI::Range(1u, 3600u));
  app.footer(
      "Example: evote-voter-cli --settings app.json --module /usr/lib/softhsm/libsofthsm2.so "
      "--pin1-file pin1 --pin2-file pin2 --choice president=102\n"
      "Exit status: 0 voted, 1 refused by the collector, 2 wrong usage, 3 card problem, 4 other "
      "failure.");
  if (argc < 2) {
    std::fputs(app.help().c_str(), stderr);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::printf("%s (evote) %s\n", kProgram, evote::cli::version());
    return 0;
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }
  try {
    return vote(options);
  } catch (const UsageError& e) {
    return usage_error(e.what());
  } catch (const card::CardError& e) {
    std::fflush(stdout);
    std::string tries;
    if (e.tries_left()) tries = " (" + std::to_string(*e.tries_left()) + " tries left)";
    std::fprintf(stderr, "%s: card problem %s: %s%s\n", kProgram,
                 std::string(card::to_string(e.problem())).c_str(), e.what(), tries.c_str());
    return 3;
  } catch (const voter::VoterError& e) {
    std::fflush(stdout);
    if (e.kind() == voter::ErrorKind::collector_refused) {
      std::fprintf(stderr, "%s: refused by the collector: %s: %s\n", kProgram,
                   e.collector_code().c_str(), e.what());
      return 1;
    }
    if (e.kind() == voter::ErrorKind::invalid_choice) return usage_error(e.what());
    std::fprintf(stderr, "%s: %s: %s\n", kProgram, std::string(voter::to_string(e.kind())).c_str(),
                 e.what());
    return 4;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", kProgram, e.what());
    return 4;
  }
}
