#include "pkcs11_module.hpp"

#include <dlfcn.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <utility>

namespace evote::card::detail {

namespace {

struct NamedCode {
  CK_RV rv;
  const char* name;
};

#define EVOTE_CKR(name) \
  NamedCode { name, #name }
constexpr std::array kReturnCodes = {
    EVOTE_CKR(CKR_OK),
    EVOTE_CKR(CKR_CANCEL),
    EVOTE_CKR(CKR_HOST_MEMORY),
    EVOTE_CKR(CKR_SLOT_ID_INVALID),
    EVOTE_CKR(CKR_GENERAL_ERROR),
    EVOTE_CKR(CKR_FUNCTION_FAILED),
    EVOTE_CKR(CKR_ARGUMENTS_BAD),
    EVOTE_CKR(CKR_ATTRIBUTE_SENSITIVE),
    EVOTE_CKR(CKR_ATTRIBUTE_TYPE_INVALID),
    EVOTE_CKR(CKR_DATA_LEN_RANGE),
    EVOTE_CKR(CKR_DEVICE_ERROR),
    EVOTE_CKR(CKR_DEVICE_MEMORY),
    EVOTE_CKR(CKR_DEVICE_REMOVED),
    EVOTE_CKR(CKR_FUNCTION_CANCELED),
    EVOTE_CKR(CKR_FUNCTION_NOT_SUPPORTED),
    EVOTE_CKR(CKR_KEY_HANDLE_INVALID),
    EVOTE_CKR(CKR_KEY_TYPE_INCONSISTENT),
    EVOTE_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED),
    EVOTE_CKR(CKR_MECHANISM_INVALID),
    EVOTE_CKR(CKR_MECHANISM_PARAM_INVALID),
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
    EVOTE_CKR(CKR_TOKEN_NOT_PRESENT),
    EVOTE_CKR(CKR_TOKEN_NOT_RECOGNIZED),
    EVOTE_CKR(CKR_USER_ALREADY_LOGGED_IN),
    EVOTE_CKR(CKR_USER_NOT_LOGGED_IN),
    EVOTE_CKR(CKR_USER_PIN_NOT_INITIALIZED),
    EVOTE_CKR(CKR_USER_TYPE_INVALID),
    EVOTE_CKR(CKR_USER_ANOTHER_ALREADY_LOGGED_IN),
    EVOTE_CKR(CKR_BUFFER_TOO_SMALL),
    EVOTE_CKR(CKR_CRYPTOKI_NOT_INITIALIZED),
    EVOTE_CKR(CKR_CRYPTOKI_ALREADY_INITIALIZED),
};
#undef EVOTE_CKR

}  // namespace

std::string return_code_name(CK_RV rv) {
  for (const NamedCode& code : kReturnCodes)
    if (code.rv == rv) return code.name;
  char hex[32];
  std::snprintf(hex, sizeof hex, "CKR 0x%08lx", static_cast<unsigned long>(rv));
  return hex;
}

CardProblem problem_of(CK_RV rv) {
  switch (rv) {
    case CKR_PIN_INCORRECT:
      return CardProblem::wrong_pin;
    case CKR_PIN_LOCKED:
      return CardProblem::pin_blocked;
    case CKR_PIN_LEN_RANGE:
    case CKR_PIN_INVALID:
      return CardProblem::pin_format;
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
    case CKR_DEVICE_ERROR:
      return CardProblem::card_removed;
    default:
      return CardProblem::token_error;
  }
}

std::string trimmed(const CK_UTF8CHAR* text, std::size_t size) {
  std::string value(reinterpret_cast<const char*>(text), size);
  const auto end = value.find_last_not_of(std::string_view(" \0", 2));
  return end == std::string::npos ? std::string() : value.substr(0, end + 1);
}

// ------------------------------------------------------------ Pkcs11Module

Pkcs11Module::Pkcs11Module(std::filesystem::path path) : path_(std::move(path)) {
  handle_ = ::dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* why = ::dlerror();
    fail(CardProblem::module_not_loaded, "",
         std::string("cannot be loaded: ") + (why != nullptr ? why : "dlopen failed"));
  }
  try {
    auto* get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle_, "C_GetFunctionList"));
    if (get_list == nullptr)
      fail(CardProblem::module_not_loaded, "", "not a PKCS#11 module (no C_GetFunctionList)");
    const CK_RV listed = get_list(&functions_);
    if (listed != CKR_OK || functions_ == nullptr)
      fail(CardProblem::module_not_loaded, "",
           "C_GetFunctionList failed (" + return_code_name(listed) + ")");

    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    const CK_RV rv = functions_->C_Initialize(&args);
    // Another library of this process uses the module too: share its
    // initialization and leave the module initialized when done.
    if (rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      if (rv != CKR_OK)
        fail(CardProblem::module_not_loaded, "",
             "C_Initialize failed (" + return_code_name(rv) + ")");
      initialized_here_ = true;
    }
  } catch (...) {
    ::dlclose(handle_);
    throw;
  }
}

Pkcs11Module::~Pkcs11Module() {
  if (initialized_here_) functions_->C_Finalize(nullptr);
  ::dlclose(handle_);
}

void Pkcs11Module::fail(CardProblem problem, std::string_view where, std::string_view what) const {
  std::string message = "PKCS#11 module " + path_.string();
  if (!where.empty()) message += ", " + std::string(where);
  message += ": " + std::string(what);
  throw CardError(problem, message);
}

void Pkcs11Module::check(CK_RV rv, std::string_view where, std::string_view what) const {
  if (rv != CKR_OK)
    fail(problem_of(rv), where, std::string(what) + " (" + return_code_name(rv) + ")");
}

std::vector<CK_SLOT_ID> Pkcs11Module::slots(bool token_present) const {
  const CK_BBOOL present = token_present ? CK_TRUE : CK_FALSE;
  // The list may grow between the two calls (a reader plugged in): retry.
  for (int attempt = 0;; ++attempt) {
    CK_ULONG count = 0;
    check(functions_->C_GetSlotList(present, nullptr, &count), "", "C_GetSlotList failed");
    std::vector<CK_SLOT_ID> slots(count);
    if (count == 0) return slots;
    const CK_RV rv = functions_->C_GetSlotList(present, slots.data(), &count);
    if (rv == CKR_BUFFER_TOO_SMALL && attempt < 3) continue;
    check(rv, "", "C_GetSlotList failed");
    slots.resize(count);
    return slots;
  }
}

std::string Pkcs11Module::describe_slot(CK_SLOT_ID slot) const {
  CK_SLOT_INFO info{};
  std::string text = "slot " + std::to_string(slot);
  if (functions_->C_GetSlotInfo(slot, &info) == CKR_OK)
    text += " (" + trimmed(info.slotDescription, sizeof info.slotDescription) + ")";
  return text;
}

CK_TOKEN_INFO Pkcs11Module::token_info(CK_SLOT_ID slot, std::string_view where) const {
  CK_TOKEN_INFO info{};
  const CK_RV rv = functions_->C_GetTokenInfo(slot, &info);
  // A slot that went away (a reader unplugged) is a card gone as well.
  if (rv == CKR_SLOT_ID_INVALID)
    fail(CardProblem::card_removed, where,
         "C_GetTokenInfo: the slot is gone (CKR_SLOT_ID_INVALID)");
  check(rv, where, "C_GetTokenInfo failed");
  return info;
}

// ----------------------------------------------------------------- Session

Session::Session(const Pkcs11Module& module, CK_SLOT_ID slot, std::string where, Mode mode)
    : module_(module), slot_(slot), where_(std::move(where)) {
  CK_FLAGS flags = CKF_SERIAL_SESSION;
  if (mode == Mode::read_write) flags |= CKF_RW_SESSION;
  const CK_RV rv = module_.f().C_OpenSession(slot, flags, nullptr, nullptr, &handle_);
  if (rv == CKR_SLOT_ID_INVALID)
    module_.fail(CardProblem::card_removed, where_,
                 "C_OpenSession: the slot is gone (CKR_SLOT_ID_INVALID)");
  check(rv, "C_OpenSession failed");
}

Session::~Session() {
  if (logged_in_here_) module_.f().C_Logout(handle_);
  module_.f().C_CloseSession(handle_);
}

void Session::logout() {
  if (!logged_in_here_) return;
  logged_in_here_ = false;
  check(module_.f().C_Logout(handle_), "C_Logout failed");
}

void Session::login(CK_USER_TYPE user_type, const crypto::SecretBytes& pin) {
  if (pin.size() == 0) module_.fail(CardProblem::pin_format, where_, "C_Login: the PIN is empty");
  // C_Login wants a mutable buffer: a copy, wiped right after.
  std::vector<CK_UTF8CHAR> copy(pin.data(), pin.data() + pin.size());
  const CK_RV rv = module_.f().C_Login(handle_, user_type, copy.data(), copy.size());
  sodium_memzero(copy.data(), copy.size());

  const char* what = user_type == CKU_CONTEXT_SPECIFIC ? "C_Login (context specific)" : "C_Login";
  if (rv == CKR_OK) {
    if (user_type != CKU_CONTEXT_SPECIFIC) logged_in_here_ = true;
    return;
  }
  if (rv == CKR_USER_ALREADY_LOGGED_IN && user_type != CKU_CONTEXT_SPECIFIC) return;
  if (rv == CKR_PIN_INCORRECT) {
    // The token's flags after the failure tell whether the PIN is now
    // blocked or has one try left.
    CK_TOKEN_INFO info{};
    const bool known = module_.f().C_GetTokenInfo(slot_, &info) == CKR_OK;
    if (known && (info.flags & CKF_USER_PIN_LOCKED) != 0)
      module_.fail(CardProblem::pin_blocked, where_,
                   std::string(what) +
                       ": wrong PIN, and the PIN is now blocked (CKR_PIN_INCORRECT, "
                       "CKF_USER_PIN_LOCKED)");
    std::optional<int> tries_left;
    if (known && (info.flags & CKF_USER_PIN_FINAL_TRY) != 0) tries_left = 1;
    throw CardError(CardProblem::wrong_pin,
                    "PKCS#11 module " + module_.path().string() + ", " + where_ + ": " + what +
                        ": wrong PIN (CKR_PIN_INCORRECT" + (tries_left ? ", one try left)" : ")"),
                    tries_left);
  }
  if (rv == CKR_PIN_LOCKED)
    module_.fail(CardProblem::pin_blocked, where_,
                 std::string(what) + ": the PIN is blocked (CKR_PIN_LOCKED)");
  if (rv == CKR_PIN_LEN_RANGE || rv == CKR_PIN_INVALID)
    module_.fail(CardProblem::pin_format, where_,
                 std::string(what) + ": the token refuses the PIN's length or characters (" +
                     return_code_name(rv) + ")");
  check(rv, std::string(what) + " failed");
}

std::vector<CK_OBJECT_HANDLE> Session::find(std::vector<CK_ATTRIBUTE> match) const {
  CK_FUNCTION_LIST& f = module_.f();
  check(f.C_FindObjectsInit(handle_, match.data(), match.size()), "C_FindObjectsInit failed");
  std::vector<CK_OBJECT_HANDLE> found;
  CK_RV rv = CKR_OK;
  for (;;) {
    std::array<CK_OBJECT_HANDLE, 16> batch{};
    CK_ULONG count = 0;
    rv = f.C_FindObjects(handle_, batch.data(), batch.size(), &count);
    if (rv != CKR_OK || count == 0) break;
    found.insert(found.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(count));
  }
  const CK_RV final_rv = f.C_FindObjectsFinal(handle_);
  check(rv, "C_FindObjects failed");
  check(final_rv, "C_FindObjectsFinal failed");
  return found;
}

std::optional<crypto::Bytes> Session::attribute(CK_OBJECT_HANDLE object,
                                                CK_ATTRIBUTE_TYPE type) const {
  CK_ATTRIBUTE query{type, nullptr, 0};
  CK_RV rv = module_.f().C_GetAttributeValue(handle_, object, &query, 1);
  if (rv == CKR_ATTRIBUTE_TYPE_INVALID || rv == CKR_ATTRIBUTE_SENSITIVE) return std::nullopt;
  check(rv, "C_GetAttributeValue failed");
  if (query.ulValueLen == CK_UNAVAILABLE_INFORMATION) return std::nullopt;
  crypto::Bytes value(query.ulValueLen);
  query.pValue = value.data();
  rv = module_.f().C_GetAttributeValue(handle_, object, &query, 1);
  check(rv, "C_GetAttributeValue failed");
  value.resize(query.ulValueLen);
  return value;
}

bool Session::flag(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
  const std::optional<crypto::Bytes> value = attribute(object, type);
  return value && value->size() == sizeof(CK_BBOOL) && (*value)[0] == CK_TRUE;
}

std::optional<CK_ULONG> Session::number(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
  const std::optional<crypto::Bytes> value = attribute(object, type);
  if (!value || value->size() != sizeof(CK_ULONG)) return std::nullopt;
  CK_ULONG number = 0;
  std::memcpy(&number, value->data(), sizeof number);
  return number;
}

}  // namespace evote::card::detail
