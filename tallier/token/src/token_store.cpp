// store_secret / load_secret / has_secret over the RAII wrappers of
// pkcs11_session.hpp. specs/keys.md, "Shares on a PKCS#11 token".
#include "evote/token/token_store.hpp"

#include <mutex>
#include <string>
#include <vector>

#include "pkcs11_session.hpp"

namespace evote::token {

namespace {

using detail::Module;
using detail::Session;

constexpr std::string_view kApplication = "evote";

// A module's initialization is per process: one operation at a time.
std::mutex& module_lock() {
  static std::mutex lock;
  return lock;
}

void check_location(const TokenLocation& where, std::string_view object_label) {
  const std::string token = "token '" + where.token_label + "' (PKCS#11 module " +
                            where.module.string() + ")";
  if (where.token_label.empty() || where.token_label.size() > 32)
    throw TokenError(token + ": no such token: a token label has 1 to 32 bytes");
  if (object_label.empty()) throw TokenError(token + ": the object label is empty");
}

CK_ATTRIBUTE attribute(CK_ATTRIBUTE_TYPE type, const void* value, std::size_t size) {
  // PKCS#11 templates take non-const pointers; the module only reads them.
  return CK_ATTRIBUTE{type, const_cast<void*>(value), static_cast<CK_ULONG>(size)};
}

// The evote data objects with this label (0, 1, or more on a tampered token).
// Only private token objects: a public object (which anybody holding the
// token can create without the PIN) or a session object is never the share,
// so one with the same label neither blocks nor replaces it.
std::vector<CK_OBJECT_HANDLE> find_secret(const Module& module, const Session& session,
                                          std::string_view object_label) {
  static constexpr CK_OBJECT_CLASS data_class = CKO_DATA;
  static constexpr CK_BBOOL yes = CK_TRUE;
  std::vector<CK_ATTRIBUTE> match = {
      attribute(CKA_CLASS, &data_class, sizeof data_class),
      attribute(CKA_TOKEN, &yes, sizeof yes),
      attribute(CKA_PRIVATE, &yes, sizeof yes),
      attribute(CKA_APPLICATION, kApplication.data(), kApplication.size()),
      attribute(CKA_LABEL, object_label.data(), object_label.size()),
  };
  return find_objects(module, session, match);
}

std::string object_name(std::string_view object_label) {
  return "object '" + std::string(object_label) + "'";
}

CK_OBJECT_HANDLE the_secret(const Module& module, const Session& session,
                            std::string_view object_label) {
  const std::vector<CK_OBJECT_HANDLE> found = find_secret(module, session, object_label);
  if (found.empty()) module.fail("no such object: no " + object_name(object_label) + " on it");
  if (found.size() > 1)
    module.fail(std::to_string(found.size()) + " objects are labelled '" +
                std::string(object_label) + "'; refusing to guess");
  return found.front();
}

crypto::SecretBytes read_value(const Module& module, const Session& session,
                               CK_OBJECT_HANDLE object, std::string_view object_label) {
  const std::string what = "reading the value of " + object_name(object_label) + " failed";
  CK_ATTRIBUTE value = attribute(CKA_VALUE, nullptr, 0);
  module.check(module.functions().C_GetAttributeValue(session.handle(), object, &value, 1), what);
  if (value.ulValueLen == CK_UNAVAILABLE_INFORMATION) module.fail(what + " (value unavailable)");
  crypto::SecretBytes secret(static_cast<std::size_t>(value.ulValueLen));
  value.pValue = secret.data();
  module.check(module.functions().C_GetAttributeValue(session.handle(), object, &value, 1), what);
  if (value.ulValueLen != secret.size()) module.fail(what + " (its length changed)");
  return secret;
}

}  // namespace

void store_secret(const TokenLocation& where, std::string_view pin, std::string_view object_label,
                  crypto::BytesView secret) {
  check_location(where, object_label);
  std::lock_guard hold(module_lock());
  const Module module(where);
  const Session session(module, module.find_slot(), Session::Mode::read_write, pin);
  if (!find_secret(module, session, object_label).empty())
    module.fail("duplicate label refused: an " + object_name(object_label) +
                " exists already and is never overwritten");

  static constexpr CK_OBJECT_CLASS data_class = CKO_DATA;
  static constexpr CK_BBOOL yes = CK_TRUE;
  static constexpr CK_BBOOL no = CK_FALSE;
  // The module copies the value; `secret` is the caller's (no copy here).
  CK_ATTRIBUTE create[] = {
      attribute(CKA_CLASS, &data_class, sizeof data_class),
      attribute(CKA_TOKEN, &yes, sizeof yes),
      attribute(CKA_PRIVATE, &yes, sizeof yes),
      attribute(CKA_MODIFIABLE, &no, sizeof no),
      attribute(CKA_APPLICATION, kApplication.data(), kApplication.size()),
      attribute(CKA_LABEL, object_label.data(), object_label.size()),
      attribute(CKA_VALUE, secret.data(), secret.size()),
  };
  CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
  module.check(module.functions().C_CreateObject(session.handle(), create,
                                                 sizeof create / sizeof create[0], &object),
               "creating " + object_name(object_label) + " failed");

  // Read it back: a token that stored something else is found now, not at
  // decryption time.
  const crypto::SecretBytes stored = read_value(module, session, object, object_label);
  if (!crypto::equal_constant_time(stored.view(), secret))
    module.fail("the token returned another value than was stored in " +
                object_name(object_label));
}

crypto::SecretBytes load_secret(const TokenLocation& where, std::string_view pin,
                                std::string_view object_label) {
  check_location(where, object_label);
  std::lock_guard hold(module_lock());
  const Module module(where);
  const Session session(module, module.find_slot(), Session::Mode::read_only, pin);
  return read_value(module, session, the_secret(module, session, object_label), object_label);
}

bool has_secret(const TokenLocation& where, std::string_view pin, std::string_view object_label) {
  check_location(where, object_label);
  std::lock_guard hold(module_lock());
  const Module module(where);
  const Session session(module, module.find_slot(), Session::Mode::read_only, pin);
  return !find_secret(module, session, object_label).empty();
}

}  // namespace evote::token
