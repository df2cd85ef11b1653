// Where a voter session's time goes in the collector, step by step and in
// process (no HTTP): the TLS 1.3 handshake (server and client sides), the
// Web eID token check, the signed ballot's decoding, certificate and
// signature checks, check_ballot's proofs in each group, the receipt's
// signature, one OCSP round trip to `openssl ocsp`, and each database
// statement of a session against a throwaway PostgreSQL (wall time and
// PostgreSQL's CPU). collector_load measures the whole under load; this
// says which part costs what.
//
//   build/tests/bench/ballot_checks_bench [iterations, default 200]
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "auth/base64.hpp"
#include "auth/ocsp.hpp"
#include "auth/web_eid_token.hpp"
#include "collector_load/cpu_use.hpp"
#include "collector_load/voters.hpp"
#include "evote/crypto/init.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/auth_store.hpp"
#include "storage/ballot_log.hpp"
#include "storage/migrations.hpp"
#include "storage/voter_list.hpp"
#include "support/ocsp_responder.hpp"
#include "support/postgres_cluster.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::testing;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Runs `step` `iterations` times; prints the median and the mean in µs.
void row(const std::string& what, const std::string& who, int iterations,
         const std::function<void()>& step) {
  std::vector<double> us;
  for (int i = 0; i < iterations; ++i) {
    const auto start = Clock::now();
    step();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  double sum = 0;
  for (double u : us) sum += u;
  std::printf("| %s | %s | %.0f | %.0f | %d |\n", what.c_str(), who.c_str(), median(us),
              sum / static_cast<double>(iterations), iterations);
}

void require(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error(what);
}

CertOptions server_options() {
  CertOptions o;
  o.common_name = "127.0.0.1";
  o.extended_key_usage = {"serverAuth"};
  return o;
}

// One full TLS 1.3 handshake between two SSL objects over a BIO pair, as the
// collector's server (P-384 certificate) and a client that pins it; the time
// each side spends in SSL_do_handshake is added to server_us / client_us.
void tls_handshake(SSL_CTX* server_ctx, SSL_CTX* client_ctx, double& server_us, double& client_us) {
  SSL* server = SSL_new(server_ctx);
  SSL* client = SSL_new(client_ctx);
  BIO* server_bio = nullptr;
  BIO* client_bio = nullptr;
  BIO_new_bio_pair(&server_bio, 0, &client_bio, 0);
  SSL_set_bio(server, server_bio, server_bio);
  SSL_set_bio(client, client_bio, client_bio);
  SSL_set_accept_state(server);
  SSL_set_connect_state(client);
  bool server_done = false, client_done = false;
  for (int round = 0; round < 20 && !(server_done && client_done); ++round) {
    auto start = Clock::now();
    if (!client_done) client_done = SSL_do_handshake(client) == 1;
    client_us += std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    start = Clock::now();
    if (!server_done) server_done = SSL_do_handshake(server) == 1;
    server_us += std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  }
  require(server_done && client_done, "TLS handshake did not complete");
  SSL_free(server);
  SSL_free(client);
}

void tls_rows(int iterations) {
  const TestPki pki = TestPki::create("Collector TLS");
  const TestCertificate tls = pki.issue_leaf(KeyType::ec_p384, server_options());
  SSL_CTX* server = SSL_CTX_new(TLS_server_method());
  SSL_CTX_set_min_proto_version(server, TLS1_3_VERSION);
  SSL_CTX_use_certificate(server, tls.get());
  SSL_CTX_use_PrivateKey(server, tls.key().get());
  SSL_CTX* client = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(client, TLS1_3_VERSION);
  SSL_CTX_set_session_cache_mode(client, SSL_SESS_CACHE_OFF);
  X509_STORE_add_cert(SSL_CTX_get_cert_store(client), tls.get());
  X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(client), X509_V_FLAG_PARTIAL_CHAIN);
  SSL_CTX_set_verify(client, SSL_VERIFY_PEER, nullptr);
  std::vector<double> server_us, client_us;
  for (int i = 0; i < iterations; ++i) {
    double s = 0, c = 0;
    tls_handshake(server, client, s, c);
    server_us.push_back(s);
    client_us.push_back(c);
  }
  std::printf(
      "| TLS 1.3 handshake, P-384 certificate, X25519 (in memory) | collector | %.0f | - | %d |\n",
      median(server_us), iterations);
  std::printf("| TLS 1.3 handshake, pinned certificate | client | %.0f | - | %d |\n",
              median(client_us), iterations);
  SSL_CTX_free(server);
  SSL_CTX_free(client);
}

// The checks of POST /v1/auth/token and POST /v1/ballots that do not touch
// the database, for one voter of `group`'s test election.
void crypto_rows(const std::string& group, int iterations) {
  const TestElection& e = test_election(group);
  protocol::ElectionConfig config = e.config;
  config.voter_ca_certificates = {e.voter_pki.root.der(), e.voter_pki.intermediate.der()};
  const crypto::TrustedCas cas(config.voter_ca_certificates);
  const std::string code = bench::personal_code(0);
  const TestCertificate signing = e.issue_voter_certificate(code);
  const int slow = group == "ristretto255" ? iterations : std::max(5, iterations / 20);

  if (group == "ristretto255") {
    const TestCertificate auth = e.voter_pki.issue_leaf(
        KeyType::ec_p384, leaf_options("PNOEE-" + code, "TEST,VOTER," + code));
    const std::string origin = "https://127.0.0.1";
    collector::auth::AuthTokenPolicy policy;
    policy.origin = origin;
    policy.at_time = std::time(nullptr);
    policy.trusted_cas = &cas;
    policy.intermediates = config.voter_ca_certificates;
    std::vector<std::string> tokens;
    for (int i = 0; i < iterations; ++i) {
      const std::string nonce = collector::auth::make_challenge_nonce();
      crypto::Bytes data;
      for (const std::string* text : {&origin, &nonce}) {
        unsigned char hash[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_Digest(text->data(), text->size(), hash, &length, EVP_sha384(), nullptr);
        data.insert(data.end(), hash, hash + length);
      }
      tokens.push_back(nonce + "\n" + "{\"algorithm\":\"ES384\",\"unverifiedCertificate\":\"" +
                       collector::auth::encode_base64(auth.der()) +
                       "\",\"appVersion\":\"https://web-eid.eu/web-eid-app/releases/2.5.0+0\","
                       "\"signature\":\"" +
                       collector::auth::encode_base64(auth.sign_like_card(data)) +
                       "\",\"format\":\"web-eid:1.0\"}");
    }
    int next = 0;
    row("Web eID token: validate_auth_token (P-384 chain + signature)", "collector", iterations,
        [&] {
          const std::string& t = tokens[static_cast<std::size_t>(next++)];
          policy.nonce = t.substr(0, t.find('\n'));
          require(static_cast<bool>(
                      collector::auth::validate_auth_token(t.substr(t.find('\n') + 1), policy)),
                  "token refused");
        });
    crypto::Bytes data(96, 7);
    row("Web eID token: the card's P-384 signature", "client", iterations,
        [&] { auth.sign_like_card(data); });
  }

  for (const char* district : {"d1", "d2"}) {
    const protocol::Ballot ballot = protocol::make_ballot(config, code, district, {}).ballot;
    const crypto::Bytes body = protocol::encode_signed_ballot(e.sign_like_card(signing, ballot));
    const protocol::SignedBallot signed_ballot = protocol::decode_signed_ballot(body);
    std::size_t slots = 0;
    for (const auto& c : ballot.contests) slots += c.ciphertexts.size();
    const std::string what = group + ", " + district + " (" + std::to_string(slots) +
                             " ciphertexts, " + std::to_string(body.size()) + " bytes)";
    row("decode_signed_ballot, " + what, "collector", iterations,
        [&] { protocol::decode_signed_ballot(body); });
    row("check_ballot (elements, proofs), " + what, "collector", slow, [&] {
      require(static_cast<bool>(protocol::check_ballot(config, ballot, code, district)),
              "check_ballot refused");
    });
    if (group != "ristretto255") continue;
    row("verify_voter_certificate (P-384 chain)", "collector", iterations, [&] {
      require(
          static_cast<bool>(crypto::verify_voter_certificate(
                                cas, signed_ballot.certificate, signed_ballot.intermediates,
                                std::time(nullptr), crypto::CertificatePurpose::document_signing)
                                .verdict),
          "certificate refused");
    });
    row("check_signed_ballot (P-384 chain again + signature)", "collector", iterations, [&] {
      require(static_cast<bool>(
                  protocol::check_signed_ballot(config, signed_ballot, std::time(nullptr), cas)),
              "signature refused");
    });
    protocol::Receipt receipt;
    receipt.election_id = config.election_id;
    receipt.vote_id = crypto::random_bytes(16);
    receipt.time = std::time(nullptr);
    receipt.sequence = 1;
    receipt.ballot_hash = protocol::ballot_hash(body);
    receipt.log_head = crypto::random_bytes(32);
    row("ballot_hash + sign_receipt (Ed25519) + encode", "collector", iterations, [&] {
      receipt.ballot_hash = protocol::ballot_hash(body);
      protocol::sign_receipt(receipt, e.collector_key);
      protocol::encode_receipt(receipt);
    });
    const crypto::Bytes receipt_bytes = protocol::encode_receipt(receipt);
    row("decode_receipt + verify_receipt", "client", iterations, [&] {
      require(static_cast<bool>(
                  protocol::verify_receipt(config, protocol::decode_receipt(receipt_bytes))),
              "receipt refused");
    });
  }
}

void ocsp_rows(int iterations) {
  const TestElection& e = test_election();
  const TestCertificate signing = e.issue_voter_certificate(bench::personal_code(1));
  OcspResponder responder(e.voter_pki);
  responder.add_good(signing);
  const collector::auth::OcspTrust trust(
      std::vector<crypto::Bytes>{e.voter_pki.root.der(), e.voter_pki.intermediate.der()});
  collector::auth::OcspOptions options;
  options.responder_url = responder.url();
  crypto::Bytes response;
  row("OCSP round trip to openssl ocsp (request, answer, checks)", "collector + responder",
      iterations, [&] {
        const auto r = collector::auth::check_certificate_status(signing.der(), trust,
                                                                 std::time(nullptr), options);
        require(r.good(), "OCSP: " + r.message);
        response = r.response;
      });
  row("OCSP response checks alone (no nonce)", "collector", iterations, [&] {
    require(collector::auth::check_stored_ocsp_response(response, signing.der(), trust,
                                                        std::time(nullptr))
                .good(),
            "stored OCSP response refused");
  });
}

// Each statement of a voter session, one at a time (no concurrency, so the
// figures are latencies: a commit waits for its WAL flush), and
// PostgreSQL's CPU per statement.
void database_rows(int iterations) {
  PostgresCluster db;
  collector::pg::Connection c(db.connection_string());
  collector::migrate(c);
  const pid_t postmaster =
      bench::parent_pid(static_cast<pid_t>(c.exec("SELECT pg_backend_pid()").integer(0, 0)));
  const TestElection& e = test_election();
  protocol::VoterListChanges list;
  list.election_id = e.config.election_id;
  list.sequence = 1;
  list.previous = protocol::kNoPreviousChangeSet;
  std::string tsv;
  for (int i = 0; i < 10000; ++i) {
    const std::string code = bench::personal_code(static_cast<std::size_t>(i));
    tsv += "add\t" + code + "\tVoter\t" + (i % 2 ? "d2" : "d1") + "\n";
  }
  std::istringstream in(tsv);
  list.changes = protocol::import_voter_tsv(in, "voters.tsv", e.config);
  protocol::sign(list, e.organizer_key);
  collector::apply_voter_list(c, e.config, list, std::time(nullptr));
  collector::prepare_log_connection(c);

  const std::int64_t now = std::time(nullptr);
  std::vector<std::string> nonces, sessions;
  for (int i = 0; i < iterations; ++i) nonces.push_back(collector::auth::make_challenge_nonce());
  const auto db_row = [&](const std::string& what, const std::function<void(int)>& step) {
    int i = 0;
    const double before = bench::process_tree_cpu_seconds(postmaster);
    std::vector<double> us;
    for (; i < iterations; ++i) {
      const auto start = Clock::now();
      step(i);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    const double cpu = bench::process_tree_cpu_seconds(postmaster) - before;
    std::printf("| %s | PostgreSQL | %.0f | %.0f (PostgreSQL CPU) | %d |\n", what.c_str(),
                median(us), 1e6 * cpu / iterations, iterations);
  };
  const std::string voter = bench::personal_code(4);
  db_row("store_nonce (INSERT, commit)", [&](int i) {
    collector::store_nonce(c, nonces[static_cast<std::size_t>(i)], now + 300, now);
  });
  db_row("take_nonce (DELETE, commit)",
         [&](int i) { collector::take_nonce(c, nonces[static_cast<std::size_t>(i)], now); });
  db_row("find_voter", [&](int) { require(collector::find_voter(c, voter).has_value(), "voter"); });
  db_row("create_session (INSERT, commit)",
         [&](int) { sessions.push_back(collector::create_session(c, voter, now + 1800, now)); });
  db_row("find_session", [&](int i) {
    require(collector::find_session(c, sessions[static_cast<std::size_t>(i)]).has_value(),
            "session");
  });
  const crypto::Bytes signed_ballot = crypto::random_bytes(1500);
  const collector::VoterInForce checked = collector::find_voter_in_force(c, voter);
  require(checked.voter.has_value(), "voter in force");
  db_row("append_ballots, one ballot per durable commit", [&](int) {
    collector::NewBallot b;
    b.vote_id = crypto::random_bytes(16);
    b.time = now;
    b.voter_id = voter;
    b.signed_ballot = signed_ballot;
    b.voter_list_version = checked.version;
    b.district = checked.voter->district;
    collector::append_ballots(c, {b});
  });
}

}  // namespace

int main(int argc, char** argv) {
  crypto::init();
  const int iterations = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
  std::printf("ballot_checks_bench: one voter session's steps, in process, one at a time\n");
  std::printf("reproduce: build/tests/bench/ballot_checks_bench %d\n\n", iterations);
  std::printf("| step | who | median µs | mean µs | runs |\n|---|---|---|---|---|\n");
  try {
    tls_rows(iterations);
    for (const char* group : {"ristretto255", "modp3072-rfc3526", "modp4096-eg"})
      crypto_rows(group, iterations);
    ocsp_rows(iterations);
    database_rows(iterations);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ballot_checks_bench: %s\n", e.what());
    return 1;
  }
  std::printf(
      "\nThe database figures are latencies of statements run one after another: a commit waits "
      "for its WAL flush; under load the collector's group commit and PostgreSQL's shared WAL "
      "flushes spread that wait (ballot_log_bench).\n");
  return 0;
}
