// The PKCS#11 layer under id_card.cpp: the loaded module, sessions on one
// slot, object search and attribute reads, and how a return code becomes a
// CardError. Every message starts with the module's path and, where there
// is one, the slot's token label; no function here ever formats a PIN.
//
// Not thread-safe (the IdCardModule contract: one thread at a time).
#pragma once

#include <p11-kit/pkcs11.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/card/id_card.hpp"

namespace evote::card::detail {

// "CKR_PIN_INCORRECT", or "CKR 0x000000a0" for a code without a name here.
std::string return_code_name(CK_RV rv);

// The problem a failed call means (id_card.hpp, CardProblem): PIN codes,
// removal codes, and token_error for every other code.
CardProblem problem_of(CK_RV rv);

// A fixed-size, blank-padded PKCS#11 text field, trailing blanks and NULs cut.
std::string trimmed(const CK_UTF8CHAR* text, std::size_t size);

// dlopen + C_GetFunctionList + C_Initialize(CKF_OS_LOCKING_OK); the
// destructor calls C_Finalize (only when this object initialized the module)
// and dlclose. Throws CardError module_not_loaded.
class Pkcs11Module {
 public:
  explicit Pkcs11Module(std::filesystem::path path);
  ~Pkcs11Module();
  Pkcs11Module(const Pkcs11Module&) = delete;
  Pkcs11Module& operator=(const Pkcs11Module&) = delete;

  const std::filesystem::path& path() const { return path_; }
  CK_FUNCTION_LIST& f() const { return *functions_; }

  // Throws CardError(problem_of(rv), "PKCS#11 module <path>: <where>: <what> (<code>)")
  // unless rv is CKR_OK. `where` names the slot or token, empty for none.
  void check(CK_RV rv, std::string_view where, std::string_view what) const;
  [[noreturn]] void fail(CardProblem problem, std::string_view where, std::string_view what) const;

  // C_GetSlotList(token_present).
  std::vector<CK_SLOT_ID> slots(bool token_present) const;
  // "slot 3 (reader name)" as used in messages.
  std::string describe_slot(CK_SLOT_ID slot) const;
  // C_GetTokenInfo; CardError card_removed when the token has gone.
  CK_TOKEN_INFO token_info(CK_SLOT_ID slot, std::string_view where) const;

 private:
  std::filesystem::path path_;
  void* handle_ = nullptr;
  CK_FUNCTION_LIST* functions_ = nullptr;
  bool initialized_here_ = false;
};

// A session on one slot (C_OpenSession, read-only unless asked: the app
// only reads and signs, evote-test-card writes); the destructor logs out
// when this session logged in and closes it.
class Session {
 public:
  enum class Mode { read_only, read_write };
  Session(const Pkcs11Module& module, CK_SLOT_ID slot, std::string where,
          Mode mode = Mode::read_only);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  CK_SESSION_HANDLE handle() const { return handle_; }
  const std::string& where() const { return where_; }

  // C_Login(user_type) with a copy of the PIN wiped right after the call.
  // CKU_USER: CKR_USER_ALREADY_LOGGED_IN is fine. Failures are CardErrors:
  // wrong_pin (tries_left from the token's flags after the failure),
  // pin_blocked, pin_format, card_removed, token_error.
  void login(CK_USER_TYPE user_type, const crypto::SecretBytes& pin);

  // Handles of every object matching `match`.
  std::vector<CK_OBJECT_HANDLE> find(std::vector<CK_ATTRIBUTE> match) const;
  // One attribute's value; nullopt when the object has no such attribute
  // (CKR_ATTRIBUTE_TYPE_INVALID) or it is sensitive.
  std::optional<crypto::Bytes> attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
  // A CK_BBOOL attribute; false when absent.
  bool flag(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
  // A CK_ULONG attribute (CKA_KEY_TYPE, ...); nullopt when absent.
  std::optional<CK_ULONG> number(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;

  void check(CK_RV rv, std::string_view what) const { module_.check(rv, where_, what); }
  // C_Logout now (the destructor then has nothing to undo).
  void logout();

 private:
  const Pkcs11Module& module_;
  CK_SLOT_ID slot_;
  std::string where_;
  CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
  bool logged_in_here_ = false;
};

}  // namespace evote::card::detail
