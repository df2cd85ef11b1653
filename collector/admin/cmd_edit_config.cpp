// Commands that add to or remove from a draft config: districts, contests,
// choices, voter CA certificates. Each change goes through edit_config
// (config_edit.hpp): checked as the reader would before it is written.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "certificates.hpp"
#include "commands.hpp"
#include "config_edit.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "names_args.hpp"

namespace evote::admin {

namespace {

protocol::ContestType parse_contest_type(const std::string& text) {
  if (text == "single") return protocol::ContestType::single_choice;
  if (text == "approval") return protocol::ContestType::approval;
  if (text == "ranked") return protocol::ContestType::ranked;
  throw UsageError("--type: \"" + text + "\" is not single, approval or ranked");
}

protocol::Contest& find_contest(protocol::ElectionConfig& c, const std::string& id,
                                const std::string& path) {
  for (auto& contest : c.contests)
    if (contest.id == id) return contest;
  throw protocol::FormatError(path + ": no contest \"" + id + "\"");
}

// 64 hex digits, either case, colons between bytes allowed (as openssl prints them).
std::string normalized_fingerprint(const std::string& text) {
  std::string out;
  bool hex = true;
  for (char ch : text) {
    if (ch == ':') continue;
    hex = hex && std::isxdigit(static_cast<unsigned char>(ch));
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
  if (!hex || out.size() != 64)
    throw UsageError("--fingerprint: \"" + text +
                     "\" is not a SHA-256 fingerprint (64 hex digits)");
  return out;
}

}  // namespace

int cmd_add_district(const Args& args) {
  edit_config(args, [&](protocol::ElectionConfig& c) {
    c.districts.push_back({args.required("id"), names_from_args(args)});
  });
  return 0;
}

int cmd_add_contest(const Args& args) {
  edit_config(args, [&](protocol::ElectionConfig& c) {
    protocol::Contest contest;
    contest.id = args.required("id");
    contest.type = parse_contest_type(args.required("type"));
    contest.max_selections = static_cast<std::uint32_t>(
        args.optional_number("max-selections", 1, protocol::kMaxSelections).value_or(1));
    contest.names = names_from_args(args);
    c.contests.push_back(std::move(contest));
  });
  return 0;
}

int cmd_add_ca(const Args& args) {
  const std::string cert_path = args.required("cert");
  crypto::Bytes der;
  try {
    der = crypto::certificate_to_der(protocol::read_file(cert_path));
  } catch (const crypto::DecodeError& e) {
    throw protocol::FormatError(cert_path + ": " + e.what());
  }
  edit_config(args, [&](protocol::ElectionConfig& c) {
    if (std::find(c.voter_ca_certificates.begin(), c.voter_ca_certificates.end(), der) !=
        c.voter_ca_certificates.end()) {
      throw protocol::FormatError(cert_path + ": this CA certificate is already in " +
                                  args.required("config"));
    }
    c.voter_ca_certificates.push_back(der);
  });
  std::printf("added voter CA certificate %s\n", certificate_fingerprint(der).c_str());
  return 0;
}

int cmd_remove_district(const Args& args) {
  const std::string path = args.required("config");
  const std::string id = args.required("id");
  edit_config(args, [&](protocol::ElectionConfig& c) {
    auto it = std::find_if(c.districts.begin(), c.districts.end(),
                           [&](const auto& d) { return d.id == id; });
    if (it == c.districts.end()) throw protocol::FormatError(path + ": no district \"" + id + "\"");
    std::string users;
    for (const auto& contest : c.contests) {
      for (const auto& choice : contest.choices) {
        if (choice.district != id) continue;
        users += (users.empty() ? "" : ", ") + contest.id + " " + std::to_string(choice.code);
      }
    }
    if (!users.empty()) {
      throw protocol::FormatError(path + ": district " + id + " still has choices (contest code: " +
                                  users + "); remove them first with remove-choice");
    }
    c.districts.erase(it);
  });
  std::printf("removed district %s (voter lists that name it no longer match this config)\n",
              id.c_str());
  return 0;
}

int cmd_remove_contest(const Args& args) {
  const std::string path = args.required("config");
  const std::string id = args.required("id");
  std::size_t choices = 0;
  edit_config(args, [&](protocol::ElectionConfig& c) {
    const protocol::Contest& contest = find_contest(c, id, path);
    choices = contest.choices.size();
    c.contests.erase(c.contests.begin() + (&contest - c.contests.data()));
  });
  std::printf("removed contest %s and its %zu choices\n", id.c_str(), choices);
  return 0;
}

int cmd_remove_choice(const Args& args) {
  const std::string path = args.required("config");
  const std::string contest_id = args.required("contest");
  const std::uint64_t code = args.number("code", 0, UINT64_MAX);
  edit_config(args, [&](protocol::ElectionConfig& c) {
    protocol::Contest& contest = find_contest(c, contest_id, path);
    auto it = std::find_if(contest.choices.begin(), contest.choices.end(),
                           [&](const auto& ch) { return ch.code == code; });
    if (it == contest.choices.end()) {
      throw protocol::FormatError(path + ": contest " + contest_id + " has no choice " +
                                  std::to_string(code));
    }
    contest.choices.erase(it);
  });
  std::printf("removed choice %llu from contest %s\n", static_cast<unsigned long long>(code),
              contest_id.c_str());
  return 0;
}

int cmd_remove_ca(const Args& args) {
  const std::string path = args.required("config");
  const auto fingerprint = args.optional("fingerprint");
  const auto index = args.optional_number("index", 1, UINT32_MAX);
  if (fingerprint.has_value() == index.has_value()) {
    throw UsageError(
        "remove-ca: give either --fingerprint or --index (as `evote-admin show` prints them)");
  }
  const std::string wanted = fingerprint ? normalized_fingerprint(*fingerprint) : "";
  std::string removed;
  edit_config(args, [&](protocol::ElectionConfig& c) {
    auto& cas = c.voter_ca_certificates;
    std::size_t at = cas.size();
    if (index) {
      if (*index > cas.size()) {
        throw protocol::FormatError(path + ": no voter CA certificate " + std::to_string(*index) +
                                    " (there are " + std::to_string(cas.size()) + ")");
      }
      at = *index - 1;
    } else {
      for (std::size_t i = 0; i < cas.size(); ++i)
        if (certificate_fingerprint(cas[i]) == wanted) at = i;
      if (at == cas.size())
        throw protocol::FormatError(path + ": no voter CA certificate with fingerprint " + wanted);
    }
    removed = certificate_fingerprint(cas[at]);
    cas.erase(cas.begin() + static_cast<std::ptrdiff_t>(at));
  });
  std::printf("removed voter CA certificate %s\n", removed.c_str());
  return 0;
}

// Accepted certificate policies of voters' certificates (formats.md §3,
// voter_certificate_policies): with any listed, a voter's certificate must
// carry one of them.
int cmd_add_policy(const Args& args) {
  const std::string oid = args.required("oid");
  edit_config(args, [&](protocol::ElectionConfig& c) {
    auto& policies = c.voter_certificate_policies;
    if (std::find(policies.begin(), policies.end(), oid) != policies.end())
      throw protocol::FormatError(args.required("config") + ": policy " + oid +
                                  " is already accepted");
    policies.push_back(oid);
  });
  std::printf("voters' certificates must now carry one of the accepted policies, e.g. %s\n",
              oid.c_str());
  return 0;
}

int cmd_remove_policy(const Args& args) {
  const std::string oid = args.required("oid");
  edit_config(args, [&](protocol::ElectionConfig& c) {
    auto& policies = c.voter_certificate_policies;
    const auto it = std::find(policies.begin(), policies.end(), oid);
    if (it == policies.end())
      throw protocol::FormatError(args.required("config") + ": policy " + oid + " is not listed");
    policies.erase(it);
  });
  std::printf("removed accepted policy %s\n", oid.c_str());
  return 0;
}

}  // namespace evote::admin
