// evote_test_reader.so: a PKCS#11 module in front of SoftHSM2 that adds
// what an Estonian ID card in a reader does and SoftHSM2 2.6 does not
// (specs/voter-app.md, "Test cards"), so that the voter app's handling of
// those answers is tested with real tokens and real keys:
//
//  - a PIN try counter per token: 3 tries; a wrong PIN decrements it
//    (CKR_PIN_INCORRECT), the right one resets it; at 0 every C_Login answers
//    CKR_PIN_LOCKED. C_GetTokenInfo shows it as the card does:
//    CKF_USER_PIN_COUNT_LOW below 3, CKF_USER_PIN_FINAL_TRY at 1,
//    CKF_USER_PIN_LOCKED at 0. Counters live in files in
//    $EVOTE_TEST_READER_STATE (one per token serial number), so they outlive
//    a module unloaded and loaded again, as a card's do;
//  - PIN lengths: PIN1 4..12 digits, PIN2 5..12 (the token label ends in
//    "(PIN1)" or "(PIN2)"); others answer CKR_PIN_LEN_RANGE without a try
//    spent, as the card's applet does;
//  - $EVOTE_TEST_READER=none: no reader (C_GetSlotList lists no slot);
//    =empty: a reader without a card (slots, none with a token present).
//
// Everything else is SoftHSM2's own answer ($EVOTE_TEST_READER_MODULE, by
// default /usr/lib/softhsm/libsofthsm2.so). A test tool only: never shipped.
#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>

namespace {

constexpr int kTries = 3;

CK_FUNCTION_LIST* g_real = nullptr;
CK_FUNCTION_LIST g_wrapped;
std::mutex g_mutex;
std::map<CK_SESSION_HANDLE, CK_SLOT_ID> g_session_slots;

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string trimmed(const CK_UTF8CHAR* field, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(field), size);
  text.erase(text.find_last_not_of(' ') + 1);
  return text;
}

// The counter file of the token in `slot`; empty when the state folder is
// not set (then the counter is not kept: SoftHSM2's behaviour).
std::filesystem::path counter_file(CK_SLOT_ID slot, std::string* label = nullptr) {
  CK_TOKEN_INFO info{};
  if (g_real->C_GetTokenInfo(slot, &info) != CKR_OK) return {};
  if (label != nullptr) *label = trimmed(info.label, sizeof info.label);
  const std::string folder = environment("EVOTE_TEST_READER_STATE");
  if (folder.empty()) return {};
  return std::filesystem::path(folder) /
         ("tries-" + trimmed(info.serialNumber, sizeof info.serialNumber));
}

int tries_left(const std::filesystem::path& file) {
  if (file.empty()) return kTries;
  std::ifstream in(file);
  int tries = kTries;
  if (in && (in >> tries)) return std::clamp(tries, 0, kTries);
  return kTries;
}

void set_tries(const std::filesystem::path& file, int tries) {
  if (file.empty()) return;
  std::ofstream(file, std::ios::trunc) << tries << "\n";
}

CK_RV wrapped_get_slot_list(CK_BBOOL token_present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
  const std::string reader = environment("EVOTE_TEST_READER");
  if (reader == "none" || (reader == "empty" && token_present)) {
    if (count == nullptr) return CKR_ARGUMENTS_BAD;
    *count = 0;
    return CKR_OK;
  }
  return g_real->C_GetSlotList(token_present, list, count);
}

CK_RV wrapped_get_token_info(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  const CK_RV rv = g_real->C_GetTokenInfo(slot, info);
  if (rv != CKR_OK) return rv;
  std::lock_guard lock(g_mutex);
  const int tries = tries_left(counter_file(slot));
  info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
  if (tries < kTries) info->flags |= CKF_USER_PIN_COUNT_LOW;
  if (tries == 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
  if (tries == 0) info->flags |= CKF_USER_PIN_LOCKED;
  return CKR_OK;
}

CK_RV wrapped_open_session(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR application,
                           CK_NOTIFY notify, CK_SESSION_HANDLE_PTR session) {
  const CK_RV rv = g_real->C_OpenSession(slot, flags, application, notify, session);
  if (rv == CKR_OK) {
    std::lock_guard lock(g_mutex);
    g_session_slots[*session] = slot;
  }
  return rv;
}

CK_RV wrapped_close_session(CK_SESSION_HANDLE session) {
  {
    std::lock_guard lock(g_mutex);
    g_session_slots.erase(session);
  }
  return g_real->C_CloseSession(session);
}

CK_RV wrapped_login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin,
                    CK_ULONG pin_length) {
  if (user == CKU_SO) return g_real->C_Login(session, user, pin, pin_length);
  std::lock_guard lock(g_mutex);
  const auto slot = g_session_slots.find(session);
  if (slot == g_session_slots.end()) return g_real->C_Login(session, user, pin, pin_length);
  std::string label;
  const std::filesystem::path file = counter_file(slot->second, &label);
  const int tries = tries_left(file);
  if (tries == 0) return CKR_PIN_LOCKED;
  const CK_ULONG shortest = label.ends_with("(PIN2)") ? 5 : 4;
  if (pin_length < shortest || pin_length > 12) return CKR_PIN_LEN_RANGE;
  const CK_RV rv = g_real->C_Login(session, user, pin, pin_length);
  if (rv == CKR_PIN_INCORRECT) set_tries(file, tries - 1);
  if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) set_tries(file, kTries);
  return rv;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(
    CK_FUNCTION_LIST_PTR_PTR list) {
  if (list == nullptr) return CKR_ARGUMENTS_BAD;
  std::lock_guard lock(g_mutex);
  if (g_real == nullptr) {
    std::string path = environment("EVOTE_TEST_READER_MODULE");
    if (path.empty()) path = "/usr/lib/softhsm/libsofthsm2.so";
    void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (module == nullptr) return CKR_GENERAL_ERROR;
    auto* get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(module, "C_GetFunctionList"));
    if (get_list == nullptr || get_list(&g_real) != CKR_OK || g_real == nullptr)
      return CKR_GENERAL_ERROR;
    g_wrapped = *g_real;
    g_wrapped.C_GetSlotList = wrapped_get_slot_list;
    g_wrapped.C_GetTokenInfo = wrapped_get_token_info;
    g_wrapped.C_OpenSession = wrapped_open_session;
    g_wrapped.C_CloseSession = wrapped_close_session;
    g_wrapped.C_Login = wrapped_login;
  }
  *list = &g_wrapped;
  return CKR_OK;
}
