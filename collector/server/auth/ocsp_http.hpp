// One HTTP/1.1 POST over plain TCP (Boost.Beast), for OCSP: responses are
// signed, so the transport needs no TLS. Internal to the auth library.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::collector::auth::detail {

struct HttpAnswer {
  std::string error;  // "" on success; else what failed ("cannot connect: Connection refused")
  unsigned status = 0;
  std::string content_type;
  crypto::Bytes body;
};

// POSTs `body` to `url` ("http://host[:port][/path]"); the whole exchange
// must end within `timeout`, and the answer body may be at most `max_body`
// bytes. Any HTTP status is returned as an answer.
HttpAnswer http_post(std::string_view url, std::string_view content_type, crypto::BytesView body,
                     std::chrono::milliseconds timeout, std::size_t max_body);

}  // namespace evote::collector::auth::detail
