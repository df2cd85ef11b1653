#include "evote/voter/collector_client.hpp"

#include <QByteArray>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>
#include <nlohmann/json.hpp>

#include "evote/voter/app_settings.hpp"
#include "evote/voter/voter_error.hpp"
#include "sha2.hpp"

namespace evote::voter {
namespace {

// Larger answers are refused (the biggest is the election config).
constexpr qint64 kMaxAnswerBytes = 64LL * 1024 * 1024;

struct Exchange {
  int status = 0;
  QByteArray body;
  crypto::Bytes presented;
  QNetworkReply::NetworkError error = QNetworkReply::NoError;
  QString error_text;
  bool timed_out = false;
  bool pin_mismatch = false;
  bool too_large = false;
};

crypto::Bytes to_bytes(const QByteArray& data) {
  return crypto::Bytes(reinterpret_cast<const std::uint8_t*>(data.constData()),
                       reinterpret_cast<const std::uint8_t*>(data.constData()) + data.size());
}

std::string fingerprint(crypto::BytesView der) {
  return der.empty() ? std::string("none") : "sha256:" + crypto::to_hex(sha256(der));
}

// One request on a fresh QNetworkAccessManager of the calling thread, so no
// connection opened under another pin (or none) is ever reused.
Exchange perform(const std::string& url, bool post, crypto::BytesView body,
                 std::string_view session, const crypto::Bytes* pin,
                 std::chrono::milliseconds timeout) {
  QNetworkAccessManager manager;
  QNetworkRequest request(QUrl(QString::fromStdString(url)));
  QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
  ssl.setProtocol(QSsl::TlsV1_3OrLater);
  // The certificate is checked against the pin (or collected for the
  // caller's check of the config) in encrypted(), not against system CAs.
  ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
  request.setSslConfiguration(ssl);
  request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::ManualRedirectPolicy);
  request.setRawHeader("Accept", "application/json");
  if (!session.empty())
    request.setRawHeader("Authorization",
                         QByteArray("Bearer ") + QByteArray(session.data(), session.size()));

  QNetworkReply* reply = nullptr;
  if (post) {
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    reply = manager.post(request, QByteArray(reinterpret_cast<const char*>(body.data()),
                                             static_cast<qsizetype>(body.size())));
  } else {
    reply = manager.get(request);
  }

  Exchange exchange;
  QObject::connect(reply, &QNetworkReply::encrypted, reply, [&] {
    exchange.presented = to_bytes(reply->sslConfiguration().peerCertificate().toDer());
    if (pin != nullptr && exchange.presented != *pin) {
      exchange.pin_mismatch = true;
      reply->abort();  // before any request byte is sent
    }
  });
  QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [&](qint64 received, qint64) {
    if (received > kMaxAnswerBytes) {
      exchange.too_large = true;
      reply->abort();
    }
  });
  QEventLoop loop;
  QTimer timer;
  timer.setSingleShot(true);
  QObject::connect(&timer, &QTimer::timeout, reply, [&] {
    exchange.timed_out = true;
    reply->abort();
  });
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  timer.start(timeout);
  if (!reply->isFinished()) loop.exec();
  timer.stop();

  exchange.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  exchange.error = reply->error();
  exchange.error_text = reply->errorString();
  if (!exchange.pin_mismatch && !exchange.timed_out && !exchange.too_large)
    exchange.body = reply->readAll();
  if (exchange.presented.empty() && reply->sslConfiguration().peerCertificate().isNull() == false)
    exchange.presented = to_bytes(reply->sslConfiguration().peerCertificate().toDer());
  delete reply;
  return exchange;
}

[[noreturn]] void refuse_answer(const std::string& what, const Exchange& exchange) {
  const std::string body(exchange.body.constData(), static_cast<std::size_t>(exchange.body.size()));
  const nlohmann::json error = nlohmann::json::parse(body, nullptr, false);
  if (error.is_object() && error.contains("error") && error["error"].is_string()) {
    const std::string code = error["error"].get<std::string>();
    std::string message = error.contains("message") && error["message"].is_string()
                              ? error["message"].get<std::string>()
                              : std::string();
    throw VoterError(ErrorKind::collector_refused,
                     what + ": the collector refused (" + std::to_string(exchange.status) + " " +
                         code + "): " + message,
                     code, exchange.status);
  }
  const std::string code = "http_" + std::to_string(exchange.status);
  throw VoterError(ErrorKind::collector_refused,
                   what + ": the collector answered HTTP " + std::to_string(exchange.status) +
                       " without an error document",
                   code, exchange.status);
}

crypto::Bytes answer_of(const std::string& what, const Exchange& exchange,
                        const crypto::Bytes* pin) {
  if (exchange.pin_mismatch)
    throw VoterError(ErrorKind::certificate_pin,
                     what + ": the server presented another TLS certificate (" +
                         fingerprint(exchange.presented) +
                         ") than the one the election config names (" + fingerprint(*pin) +
                         "); refusing to talk to it");
  if (exchange.timed_out)
    throw VoterError(ErrorKind::timeout, what + ": no answer within the time limit");
  if (exchange.too_large)
    throw VoterError(ErrorKind::bad_answer, what + ": the answer is larger than 64 MiB");
  if (exchange.status == 0) {
    const std::string reason = exchange.error_text.toStdString();
    switch (exchange.error) {
      case QNetworkReply::SslHandshakeFailedError:
        throw VoterError(ErrorKind::tls, what + ": TLS 1.3 handshake failed: " + reason);
      case QNetworkReply::OperationCanceledError:
      case QNetworkReply::TimeoutError:
        throw VoterError(ErrorKind::timeout, what + ": " + reason);
      default:
        throw VoterError(ErrorKind::network, what + ": " + reason);
    }
  }
  if (exchange.status < 200 || exchange.status > 299) refuse_answer(what, exchange);
  return to_bytes(exchange.body);
}

}  // namespace

struct CollectorClient::Impl {
  std::string url;  // without a trailing '/'
  std::chrono::milliseconds timeout;
  std::optional<crypto::Bytes> pinned;

  crypto::Bytes request(bool post, std::string_view path, crypto::BytesView body,
                        std::string_view session) {
    const std::string what = std::string(post ? "POST " : "GET ") + std::string(path);
    if (!pinned)
      throw VoterError(ErrorKind::wrong_state,
                       what + ": no collector certificate pinned yet (connect first)");
    const Exchange exchange =
        perform(url + std::string(path), post, body, session, &*pinned, timeout);
    return answer_of(what, exchange, &*pinned);
  }
};

CollectorClient::CollectorClient(std::string collector_url, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  check_collector_url(collector_url);
  if (collector_url.ends_with('/')) collector_url.pop_back();
  impl_->url = std::move(collector_url);
  impl_->timeout = timeout;
}

CollectorClient::~CollectorClient() = default;
CollectorClient::CollectorClient(CollectorClient&&) noexcept = default;
CollectorClient& CollectorClient::operator=(CollectorClient&&) noexcept = default;

UnpinnedAnswer CollectorClient::fetch_unpinned(std::string_view path) {
  const std::string what = "GET " + std::string(path);
  const Exchange exchange =
      perform(impl_->url + std::string(path), false, {}, {}, nullptr, impl_->timeout);
  UnpinnedAnswer answer;
  answer.body = answer_of(what, exchange, nullptr);
  answer.presented_certificate = exchange.presented;
  if (answer.presented_certificate.empty())
    throw VoterError(ErrorKind::tls, what + ": the server presented no TLS certificate");
  return answer;
}

void CollectorClient::pin(crypto::Bytes certificate_der) {
  impl_->pinned = std::move(certificate_der);
}
bool CollectorClient::pinned() const { return impl_->pinned.has_value(); }

crypto::Bytes CollectorClient::get(std::string_view path, std::string_view session) {
  return impl_->request(false, path, {}, session);
}

crypto::Bytes CollectorClient::post(std::string_view path, crypto::BytesView body,
                                    std::string_view session) {
  return impl_->request(true, path, body, session);
}

const std::string& CollectorClient::collector_url() const { return impl_->url; }

}  // namespace evote::voter
