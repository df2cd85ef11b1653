#include "sha2.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace evote::voter {
namespace {

crypto::Bytes digest(const EVP_MD* md, crypto::BytesView data) {
  crypto::Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, md, nullptr) != 1 ||
      length != out.size())
    throw std::runtime_error("OpenSSL: EVP_Digest failed");
  return out;
}

}  // namespace

crypto::Bytes sha256(crypto::BytesView data) { return digest(EVP_sha256(), data); }
crypto::Bytes sha384(crypto::BytesView data) { return digest(EVP_sha384(), data); }

}  // namespace evote::voter
