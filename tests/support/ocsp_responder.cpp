#include "support/ocsp_responder.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/bn.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace evote::testing {

namespace fs = std::filesystem;

namespace {

// "YYMMDDHHMMSSZ", the time format of an openssl index file.
std::string index_time(std::time_t t) {
  std::tm parts{};
  gmtime_r(&t, &parts);
  char text[16];
  std::strftime(text, sizeof text, "%y%m%d%H%M%SZ", &parts);
  return text;
}

// The serial as an openssl index writes it (upper-case hex, as BN_bn2hex).
std::string serial_hex(const TestCertificate& certificate) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate.get()), nullptr);
  char* hex = bn ? BN_bn2hex(bn) : nullptr;
  BN_free(bn);
  if (!hex) throw std::runtime_error("OcspResponder: cannot read a certificate's serial");
  std::string text(hex);
  OPENSSL_free(hex);
  return text;
}

// status \t expiry \t revocation \t serial \t file \t subject
std::string index_line(const TestCertificate& certificate, const std::string& status,
                       const std::string& revocation) {
  std::tm not_after{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(certificate.get()), &not_after) != 1)
    throw std::runtime_error("OcspResponder: cannot read a certificate's notAfter");
  char* subject = X509_NAME_oneline(X509_get_subject_name(certificate.get()), nullptr, 0);
  std::string line = status + "\t" + index_time(timegm(&not_after)) + "\t" + revocation + "\t" +
                     serial_hex(certificate) + "\tunknown\t" + (subject ? subject : "") + "\n";
  OPENSSL_free(subject);
  return line;
}

void write_text(const fs::path& path, const std::string& text) {
  write_whole_file(path, crypto::as_bytes(text));
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A DER OCSP request for `certificate` issued by `issuer`, without a nonce.
std::string ocsp_request(const TestCertificate& certificate, const TestCertificate& issuer) {
  OCSP_REQUEST* request = OCSP_REQUEST_new();
  OCSP_CERTID* id = OCSP_cert_to_id(nullptr, certificate.get(), issuer.get());
  if (!request || !id || !OCSP_request_add0_id(request, id)) {
    OCSP_CERTID_free(id);
    OCSP_REQUEST_free(request);
    throw std::runtime_error("OcspResponder: cannot build an OCSP request");
  }
  unsigned char* der = nullptr;
  const int length = i2d_OCSP_REQUEST(request, &der);
  OCSP_REQUEST_free(request);
  if (length <= 0) throw std::runtime_error("OcspResponder: cannot encode an OCSP request");
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return bytes;
}

// POSTs `body` to 127.0.0.1:port and reads the whole answer (the responder
// closes the connection after it); "" when it could not.
std::string post(int port, const std::string& body) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const std::string request =
        "POST / HTTP/1.0\r\nContent-Type: application/ocsp-request\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    std::size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    pollfd p{fd, POLLIN, 0};
    char buffer[4096];
    while (sent == request.size() && ::poll(&p, 1, 10000) > 0) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return answer;
}

TestCertificate delegated_responder(const TestPki& ca) {
  return issue_certificate(ca.intermediate, TestKey::generate(KeyType::ec_p256),
                           ocsp_responder_options("Test OCSP responder"));
}

}  // namespace

OcspResponder::OcspResponder(const TestPki& ca, OcspResponderOptions options)
    : issuer_(ca.intermediate),
      root_(ca.root),
      signer_(options.signer ? *options.signer : delegated_responder(ca)),
      next_update_minutes_(options.next_update_minutes),
      port_(options.port) {
  write_text(folder_ / "ca.pem", issuer_.pem());
  write_text(folder_ / "signer.pem", signer_.pem());
  write_text(folder_ / "signer.key", signer_.key().private_key_pem());
  fs::permissions(folder_ / "signer.key", fs::perms::owner_read | fs::perms::owner_write);
  // Several valid certificates may share a subject (a voter's renewed card).
  write_text(folder_ / "index.txt.attr", "unique_subject = no\n");
  write_index();
  start();
}

OcspResponder::~OcspResponder() { stop(); }

std::string OcspResponder::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

void OcspResponder::add_good(const TestCertificate& certificate) {
  add_good(std::span<const TestCertificate>(&certificate, 1));
}

void OcspResponder::add_good(std::span<const TestCertificate> certificates) {
  for (const TestCertificate& c : certificates) index_[serial_hex(c)] = index_line(c, "V", "");
  write_index();
  reload();
}

void OcspResponder::revoke(const TestCertificate& certificate, std::time_t when,
                           const std::string& reason) {
  index_[serial_hex(certificate)] =
      index_line(certificate, "R", index_time(when) + (reason.empty() ? "" : "," + reason));
  write_index();
  reload();
}

void OcspResponder::forget(const TestCertificate& certificate) {
  index_.erase(serial_hex(certificate));
  write_index();
  reload();
}

void OcspResponder::write_index() {
  std::string text;
  for (const auto& [serial, line] : index_) text += line;
  const fs::path next = folder_ / "index.txt.next";
  write_text(next, text);
  // A new mtime every time (see the header): the responder compares whole
  // seconds, and a renamed file may even get the old inode number back.
  ++generation_;
  const timespec times[2] = {{1000000000 + generation_, 0}, {1000000000 + generation_, 0}};
  if (::utimensat(AT_FDCWD, next.c_str(), times, 0) != 0)
    throw std::runtime_error("OcspResponder: cannot set the index file's time");
  fs::rename(next, folder_ / "index.txt");
}

void OcspResponder::reload() {
  if (!running()) return;  // start() reads the index anyway
  const std::string answer = post(port_, ocsp_request(issuer_, root_));
  if (answer.rfind("HTTP/1.0 200", 0) != 0 && answer.rfind("HTTP/1.1 200", 0) != 0)
    throw std::runtime_error("OcspResponder: the responder did not answer at " + url() + ": " +
                             log());
}

void OcspResponder::start() {
  if (running()) return;
  const fs::path log_file = folder_ / "responder.log";
  const std::vector<std::string> args = {"openssl",    "ocsp",
                                         "-index",     (folder_ / "index.txt").string(),
                                         "-port",      std::to_string(port_),
                                         "-rsigner",   (folder_ / "signer.pem").string(),
                                         "-rkey",      (folder_ / "signer.key").string(),
                                         "-CA",        (folder_ / "ca.pem").string(),
                                         "-nmin",      std::to_string(next_update_minutes_),
                                         "-ignore_err"};
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  const int rc = posix_spawnp(&pid_, "openssl", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("OcspResponder: cannot start openssl ocsp");
  }
  // It prints "ACCEPT [::]:<port> PID=<pid>" once it listens.
  const std::regex accept_line(R"(ACCEPT \S*:(\d+))");
  for (int i = 0; i < 500; ++i) {
    const std::string text = read_text(log_file);
    std::smatch match;
    if (std::regex_search(text, match, accept_line)) {
      port_ = std::stoi(match[1]);
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("OcspResponder: openssl ocsp exited: " + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("OcspResponder: openssl ocsp did not report its port within 10 s: " +
                           read_text(log_file));
}

void OcspResponder::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string OcspResponder::log() const { return read_text(folder_ / "responder.log"); }

crypto::Bytes resign_ocsp_response(crypto::BytesView response, const TestKey& key) {
  const unsigned char* p = response.data();
  OCSP_RESPONSE* decoded = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(response.size()));
  OCSP_BASICRESP* basic = decoded ? OCSP_response_get1_basic(decoded) : nullptr;
  OCSP_RESPONSE_free(decoded);
  if (!basic) throw std::runtime_error("resign_ocsp_response: not a basic OCSP response");
  // The signature and its algorithm are rewritten in place.
  const int signed_ok = ASN1_item_sign(
      ASN1_ITEM_rptr(OCSP_RESPDATA), const_cast<X509_ALGOR*>(OCSP_resp_get0_tbs_sigalg(basic)),
      nullptr, const_cast<ASN1_OCTET_STRING*>(OCSP_resp_get0_signature(basic)),
      OCSP_resp_get0_respdata(basic), key.get(), EVP_sha256());
  OCSP_RESPONSE* resigned =
      signed_ok > 0 ? OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic) : nullptr;
  OCSP_BASICRESP_free(basic);
  unsigned char* der = nullptr;
  const int length = resigned ? i2d_OCSP_RESPONSE(resigned, &der) : -1;
  OCSP_RESPONSE_free(resigned);
  if (length <= 0) throw std::runtime_error("resign_ocsp_response: cannot sign or encode");
  crypto::Bytes bytes(der, der + length);
  OPENSSL_free(der);
  return bytes;
}

}  // namespace evote::testing
