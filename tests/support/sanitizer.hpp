// EVOTE_TEST_UNDER_ASAN is 1 in a build with AddressSanitizer, by GCC
// (__SANITIZE_ADDRESS__) or clang (__has_feature), else 0: tests that loop
// many times take fewer rounds there.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define EVOTE_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EVOTE_TEST_UNDER_ASAN 1
#endif
#endif
#ifndef EVOTE_TEST_UNDER_ASAN
#define EVOTE_TEST_UNDER_ASAN 0
#endif
