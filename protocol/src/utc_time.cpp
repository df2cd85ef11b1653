#include "evote/protocol/utc_time.hpp"

#include <ctime>

#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian), after H. Hinnant's algorithm.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::int64_t parse_utc(std::string_view s, const std::string& what, const std::string& path) {
  int y, mo, d, h, mi, se;
  const bool shape = s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
                     s[16] == ':' && s[19] == 'Z' && digits(s, 0, 4, y) && digits(s, 5, 2, mo) &&
                     digits(s, 8, 2, d) && digits(s, 11, 2, h) && digits(s, 14, 2, mi) && digits(s, 17, 2, se);
  if (!shape) fail_at(what, path, "expected a UTC time like 2027-02-22T07:00:00Z, found \"" + std::string(s) + "\"");
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59) {
    fail_at(what, path, "impossible date or time \"" + std::string(s) + "\"");
  }
  return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

std::string format_utc(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace evote::protocol
