#include "pkcs11_session.hpp"

#include <dlfcn.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <utility>

namespace evote::token::detail {

namespace {

struct NamedCode {
  CK_RV rv;
  const char* name;
};

#define EVOTE_CKR(name) NamedCode{name, #name}
constexpr std::array kReturnCodes = {
    EVOTE_CKR(CKR_OK),
    EVOTE_CKR(CKR_CANCEL),
    EVOTE_CKR(CKR_HOST_MEMORY),
    EVOTE_CKR(CKR_SLOT_ID_INVALID),
    EVOTE_CKR(CKR_GENERAL_ERROR),
    EVOTE_CKR(CKR_FUNCTION_FAILED),
    EVOTE_CKR(CKR_ARGUMENTS_BAD),
    EVOTE_CKR(CKR_CANT_LOCK),
    EVOTE_CKR(CKR_ATTRIBUTE_READ_ONLY),
    EVOTE_CKR(CKR_ATTRIBUTE_SENSITIVE),
    EVOTE_CKR(CKR_ATTRIBUTE_TYPE_INVALID),
    EVOTE_CKR(CKR_ATTRIBUTE_VALUE_INVALID),
    EVOTE_CKR(CKR_DEVICE_ERROR),
    EVOTE_CKR(CKR_DEVICE_MEMORY),
    EVOTE_CKR(CKR_DEVICE_REMOVED),
    EVOTE_CKR(CKR_FUNCTION_NOT_SUPPORTED),
    EVOTE_CKR(CKR_OBJECT_HANDLE_INVALID),
    EVOTE_CKR(CKR_OPERATION_ACTIVE),
    EVOTE_CKR(CKR_OPERATION_NOT_INITIALIZED),
    EVOTE_CKR(CKR_PIN_INCORRECT),
    EVOTE_CKR(CKR_PIN_INVALID),
    EVOTE_CKR(CKR_PIN_LEN_RANGE),
    EVOTE_CKR(CKR_PIN_EXPIRED),
    EVOTE_CKR(CKR_PIN_LOCKED),
    EVOTE_CKR(CKR_SESSION_CLOSED),
    EVOTE_CKR(CKR_SESSION_COUNT),
    EVOTE_CKR(CKR_SESSION_HANDLE_INVALID),
    EVOTE_CKR(CKR_SESSION_PARALLEL_NOT_SUPPORTED),
    EVOTE_CKR(CKR_SESSION_READ_ONLY),
    EVOTE_CKR(CKR_SESSION_EXISTS),
    EVOTE_CKR(CKR_SESSION_READ_ONLY_EXISTS),
    EVOTE_CKR(CKR_SESSION_READ_WRITE_SO_EXISTS),
    EVOTE_CKR(CKR_TEMPLATE_INCOMPLETE),
    EVOTE_CKR(CKR_TEMPLATE_INCONSISTENT),
    EVOTE_CKR(CKR_TOKEN_NOT_PRESENT),
    EVOTE_CKR(CKR_TOKEN_NOT_RECOGNIZED),
    EVOTE_CKR(CKR_TOKEN_WRITE_PROTECTED),
    EVOTE_CKR(CKR_USER_ALREADY_LOGGED_IN),
    EVOTE_CKR(CKR_USER_NOT_LOGGED_IN),
    EVOTE_CKR(CKR_USER_PIN_NOT_INITIALIZED),
    EVOTE_CKR(CKR_USER_TYPE_INVALID),
    EVOTE_CKR(CKR_USER_ANOTHER_ALREADY_LOGGED_IN),
    EVOTE_CKR(CKR_USER_TOO_MANY_TYPES),
    EVOTE_CKR(CKR_BUFFER_TOO_SMALL),
    EVOTE_CKR(CKR_CRYPTOKI_NOT_INITIALIZED),
    EVOTE_CKR(CKR_CRYPTOKI_ALREADY_INITIALIZED),
    EVOTE_CKR(CKR_MUTEX_BAD),
    EVOTE_CKR(CKR_MUTEX_NOT_LOCKED),
};
#undef EVOTE_CKR

std::string trimmed_token_label(const CK_UTF8CHAR (&label)[32]) {
  std::string text(reinterpret_cast<const char*>(label), sizeof label);
  const auto end = text.find_last_not_of(std::string_view(" \0", 2));
  return end == std::string::npos ? std::string() : text.substr(0, end + 1);
}

}  // namespace

std::string return_code_name(CK_RV rv) {
  for (const NamedCode& code : kReturnCodes)
    if (code.rv == rv) return code.name;
  char hex[32];
  std::snprintf(hex, sizeof hex, "CKR 0x%08lx", static_cast<unsigned long>(rv));
  return hex;
}

// ------------------------------------------------------------------ Module

Module::Module(const TokenLocation& where)
    : where_(where),
      description_("token '" + where.token_label + "' (PKCS#11 module " + where.module.string() +
                   ")") {
  handle_ = ::dlopen(where_.module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* why = ::dlerror();
    fail(std::string("the module cannot be loaded: ") + (why != nullptr ? why : "dlopen failed"));
  }
  try {
    auto* get_list =
        reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle_, "C_GetFunctionList"));
    if (get_list == nullptr) fail("the library is not a PKCS#11 module (no C_GetFunctionList)");
    check(get_list(&functions_), "C_GetFunctionList failed");
    if (functions_ == nullptr) fail("C_GetFunctionList returned no function list");

    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    const CK_RV rv = functions_->C_Initialize(&args);
    // Somebody else in this process (another library) uses the module: share
    // its initialization and leave it initialized when done.
    if (rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      check(rv, "C_Initialize failed");
      initialized_here_ = true;
    }
  } catch (...) {
    ::dlclose(handle_);
    throw;
  }
}

Module::~Module() {
  if (initialized_here_) functions_->C_Finalize(nullptr);
  ::dlclose(handle_);
}

void Module::fail(std::string_view what) const {
  throw TokenError(description_ + ": " + std::string(what));
}

void Module::check(CK_RV rv, std::string_view what) const {
  if (rv != CKR_OK) fail(std::string(what) + " (" + return_code_name(rv) + ")");
}

CK_SLOT_ID Module::find_slot() const {
  // Token labels are at most 32 bytes; a longer one names no token.
  CK_ULONG count = 0;
  check(functions_->C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList failed");
  std::vector<CK_SLOT_ID> slots(count);
  if (count > 0)
    check(functions_->C_GetSlotList(CK_TRUE, slots.data(), &count), "C_GetSlotList failed");
  slots.resize(count);

  std::vector<CK_SLOT_ID> matching;
  for (const CK_SLOT_ID slot : slots) {
    CK_TOKEN_INFO info{};
    const CK_RV rv = functions_->C_GetTokenInfo(slot, &info);
    if (rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_TOKEN_NOT_RECOGNIZED) continue;  // removed since
    check(rv, "C_GetTokenInfo failed");
    if (trimmed_token_label(info.label) == where_.token_label) matching.push_back(slot);
  }
  if (matching.empty())
    fail("no such token: no token with this label among the module's " + std::to_string(count) +
         " token(s)");
  if (matching.size() > 1)
    fail(std::to_string(matching.size()) + " tokens carry this label; refusing to guess");
  return matching.front();
}

// ----------------------------------------------------------------- Session

Session::Session(const Module& module, CK_SLOT_ID slot, Mode mode, std::string_view pin)
    : module_(module) {
  CK_FLAGS flags = CKF_SERIAL_SESSION;
  if (mode == Mode::read_write) flags |= CKF_RW_SESSION;
  module_.check(module_.functions().C_OpenSession(slot, flags, nullptr, nullptr, &handle_),
                "C_OpenSession failed");
  try {
    login(pin);
  } catch (...) {
    module_.functions().C_CloseSession(handle_);
    throw;
  }
}

void Session::login(std::string_view pin) {
  // C_Login wants a mutable buffer: a copy, wiped right after.
  std::vector<CK_UTF8CHAR> copy(pin.begin(), pin.end());
  const CK_RV rv = module_.functions().C_Login(handle_, CKU_USER, copy.data(), copy.size());
  if (!copy.empty()) sodium_memzero(copy.data(), copy.size());
  switch (rv) {
    case CKR_OK:
      logged_in_here_ = true;
      return;
    case CKR_USER_ALREADY_LOGGED_IN:
      return;  // this process is logged in already (login is per application)
    case CKR_PIN_INCORRECT:
      module_.fail("wrong PIN (CKR_PIN_INCORRECT)");
    case CKR_PIN_LOCKED:
      module_.fail("the user PIN is locked (CKR_PIN_LOCKED): the security officer must unblock it");
    case CKR_PIN_EXPIRED:
      module_.fail("the user PIN has expired (CKR_PIN_EXPIRED)");
    case CKR_PIN_LEN_RANGE:
    case CKR_PIN_INVALID:
      module_.fail("wrong PIN: not a valid PIN for this token (" + return_code_name(rv) + ")");
    case CKR_USER_PIN_NOT_INITIALIZED:
      module_.fail("the token has no user PIN yet (CKR_USER_PIN_NOT_INITIALIZED)");
    default:
      module_.check(rv, "C_Login failed");
  }
}

Session::~Session() {
  if (logged_in_here_) module_.functions().C_Logout(handle_);
  module_.functions().C_CloseSession(handle_);
}

std::vector<CK_OBJECT_HANDLE> find_objects(const Module& module, const Session& session,
                                           std::vector<CK_ATTRIBUTE>& match) {
  CK_FUNCTION_LIST& f = module.functions();
  module.check(f.C_FindObjectsInit(session.handle(), match.data(), match.size()),
               "C_FindObjectsInit failed");
  std::vector<CK_OBJECT_HANDLE> found;
  CK_RV rv = CKR_OK;
  for (;;) {
    std::array<CK_OBJECT_HANDLE, 16> batch{};
    CK_ULONG count = 0;
    rv = f.C_FindObjects(session.handle(), batch.data(), batch.size(), &count);
    if (rv != CKR_OK || count == 0) break;
    found.insert(found.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(count));
  }
  const CK_RV final_rv = f.C_FindObjectsFinal(session.handle());
  module.check(rv, "C_FindObjects failed");
  module.check(final_rv, "C_FindObjectsFinal failed");
  return found;
}

}  // namespace evote::token::detail
