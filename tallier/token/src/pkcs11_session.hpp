// RAII wrappers over one PKCS#11 module for token_store.cpp: the loaded and
// initialized module, a logged-in session on one token, an object search.
// Every failure throws TokenError whose message names the module, the token
// and the PKCS#11 return code; nothing here ever formats the PIN.
//
// Not thread-safe by itself: token_store.cpp holds one process-wide lock
// around each use (a module's C_Initialize/C_Finalize state is per process).
#pragma once

#include <p11-kit/pkcs11.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "evote/token/token_store.hpp"

namespace evote::token::detail {

// "CKR_PIN_INCORRECT", or "CKR 0x000000a0" for a code without a name here.
std::string return_code_name(CK_RV rv);

// dlopen + C_GetFunctionList + C_Initialize(CKF_OS_LOCKING_OK); the
// destructor calls C_Finalize (only if this object initialized the module:
// when the process had initialized it already it stays so) and dlclose.
class Module {
 public:
  explicit Module(const TokenLocation& where);
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  CK_FUNCTION_LIST& functions() const { return *functions_; }
  // "token 'x' (PKCS#11 module /path)": the prefix of every message.
  const std::string& description() const { return description_; }
  [[noreturn]] void fail(std::string_view what) const;
  // Throws "<description>: <what> (<code name>)" unless rv == CKR_OK.
  void check(CK_RV rv, std::string_view what) const;

  // The one slot whose token carries the label; TokenError when none or
  // several do.
  CK_SLOT_ID find_slot() const;

 private:
  TokenLocation where_;
  std::string description_;
  void* handle_ = nullptr;
  CK_FUNCTION_LIST* functions_ = nullptr;
  bool initialized_here_ = false;
};

// C_OpenSession + C_Login(CKU_USER); the destructor logs out (unless the
// user was logged in already) and closes the session.
class Session {
 public:
  enum class Mode { read_only, read_write };
  Session(const Module& module, CK_SLOT_ID slot, Mode mode, std::string_view pin);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  CK_SESSION_HANDLE handle() const { return handle_; }

 private:
  void login(std::string_view pin);
  const Module& module_;
  CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
  bool logged_in_here_ = false;
};

// Every object of the session matching the attributes (C_FindObjectsInit,
// C_FindObjects, C_FindObjectsFinal, the last one also on error).
std::vector<CK_OBJECT_HANDLE> find_objects(const Module& module, const Session& session,
                                           std::vector<CK_ATTRIBUTE>& match);

}  // namespace evote::token::detail
