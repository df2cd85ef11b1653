// import-voters (TSV -> signed, chained voter list change set) and
// paper-votes (list of codes -> signed paper-vote list).
#include <cstdio>

#include "commands.hpp"
#include "documents.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/voter_list.hpp"
#include "evote/protocol/voter_registry.hpp"
#include "key_access.hpp"

namespace evote::admin {

int cmd_import_voters(const Args& args) {
  const protocol::ElectionConfig config = load_signed_config(args.required("config"));
  const std::string out = args.required("out");
  protocol::VoterListChanges doc;
  doc.election_id = config.election_id;
  if (auto previous_path = args.optional("previous"))
    chain_after_previous(doc, *previous_path, config);
  doc.changes = protocol::import_voter_tsv_file(args.required("tsv"), config);
  protocol::validate(doc, args.required("tsv"));
  const crypto::Ed25519SigningKey key = open_organizer_key(args, config);
  protocol::sign(doc, key);
  protocol::save_voter_list_changes(doc, out, args.public_output());
  std::printf("wrote voter list change set %llu (%zu changes) to %s\n",
              static_cast<unsigned long long>(doc.sequence), doc.changes.size(), out.c_str());
  return 0;
}

int cmd_paper_votes(const Args& args) {
  const protocol::ElectionConfig config = load_signed_config(args.required("config"));
  const std::string out = args.required("out");
  protocol::PaperVotes doc;
  doc.election_id = config.election_id;
  doc.voters = protocol::import_paper_votes_file(args.required("list"));
  const crypto::Ed25519SigningKey key = open_organizer_key(args, config);
  protocol::sign(doc, key);
  protocol::save_paper_votes(doc, out, args.public_output());
  std::printf("wrote paper-vote list (%zu voters) to %s\n", doc.voters.size(), out.c_str());
  return 0;
}

}  // namespace evote::admin
