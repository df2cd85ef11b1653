// evote-admin commands. Each returns the process exit status (0 success,
// 1 a failed check); errors are thrown (see main.cpp).
#pragma once

#include "args.hpp"

namespace evote::admin {

int cmd_init(const Args& args);
int cmd_new_key(const Args& args);
int cmd_add_district(const Args& args);
int cmd_remove_district(const Args& args);
int cmd_add_contest(const Args& args);
int cmd_remove_contest(const Args& args);
int cmd_import_choices(const Args& args);
int cmd_import_ivxv_districts(const Args& args);
int cmd_import_ivxv_choices(const Args& args);
int cmd_remove_choice(const Args& args);
int cmd_add_ca(const Args& args);
int cmd_remove_ca(const Args& args);
int cmd_add_policy(const Args& args);
int cmd_remove_policy(const Args& args);
int cmd_set_collector(const Args& args);
int cmd_add_trustee(const Args& args);
int cmd_remove_trustee(const Args& args);
int cmd_set_election_key(const Args& args);
int cmd_remove_election_key(const Args& args);
int cmd_set_mix_servers(const Args& args);
int cmd_add_mix_server(const Args& args);
int cmd_remove_mix_server(const Args& args);
int cmd_set_tally_key(const Args& args);
int cmd_canonicalize(const Args& args);
int cmd_sign(const Args& args);
int cmd_import_voters(const Args& args);
int cmd_import_ivxv_voters(const Args& args);
int cmd_paper_votes(const Args& args);
int cmd_verify(const Args& args);
int cmd_show(const Args& args);
int cmd_collector_status(const Args& args);
int cmd_collector_load_config(const Args& args);
int cmd_collector_load_voters(const Args& args);
int cmd_collector_load_paper_votes(const Args& args);
int cmd_collector_open(const Args& args);
int cmd_collector_close(const Args& args);
int cmd_collector_export(const Args& args);
int cmd_collector_votes_order(const Args& args);

}  // namespace evote::admin
