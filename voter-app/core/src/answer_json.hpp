// Reading the collector's JSON answers: parse errors and missing or wrong
// fields become VoterError(bad_answer) naming the request and field.
#pragma once

#include <functional>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::voter {

// Parses any JSON (the collector's answers need not be canonical).
protocol::Json parse_answer(crypto::BytesView body, const std::string& what);

// Runs `read`; a protocol::FormatError it throws becomes VoterError(bad_answer).
void read_answer(const std::function<void()>& read);

// {"et": ..., "en": ...}: an object of strings.
protocol::Names read_names(const protocol::Json& value, const std::string& what,
                           const std::string& path);

}  // namespace evote::voter
