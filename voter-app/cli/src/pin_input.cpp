#include "pin_input.hpp"

#include <sodium.h>

#include <fstream>
#include <iostream>
#include <stdexcept>

namespace evote::voter_cli {
namespace {

crypto::SecretBytes line_as_pin(std::string& line, const std::string& source) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) {
    throw std::runtime_error(source + ": the PIN line is empty");
  }
  crypto::SecretBytes pin(crypto::as_bytes(line));
  sodium_memzero(line.data(), line.size());
  return pin;
}

crypto::SecretBytes read_line(std::istream& in, const std::string& source) {
  std::string line;
  if (!std::getline(in, line)) {
    sodium_memzero(line.data(), line.size());
    throw std::runtime_error(source + ": no PIN line to read");
  }
  return line_as_pin(line, source);
}

crypto::SecretBytes read_from(const std::string& source, const std::string& what) {
  if (source == "-") return read_line(std::cin, what + " (standard input)");
  std::ifstream in(source);
  if (!in) throw std::runtime_error(source + ": cannot read the " + what);
  return read_line(in, source);
}

}  // namespace

Pins read_pins(const std::string& pin1_source, const std::string& pin2_source) {
  Pins pins;
  pins.pin1 = read_from(pin1_source, "PIN1");
  pins.pin2 = read_from(pin2_source, "PIN2");
  return pins;
}

}  // namespace evote::voter_cli
