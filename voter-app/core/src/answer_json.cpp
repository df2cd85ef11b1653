#include "answer_json.hpp"

#include "evote/protocol/error.hpp"
#include "evote/voter/voter_error.hpp"

namespace evote::voter {

protocol::Json parse_answer(crypto::BytesView body, const std::string& what) {
  protocol::Json document = protocol::Json::parse(body.begin(), body.end(), nullptr, false);
  if (document.is_discarded() || !document.is_object())
    throw VoterError(ErrorKind::bad_answer, what + ": the answer is not a JSON object");
  return document;
}

void read_answer(const std::function<void()>& read) {
  try {
    read();
  } catch (const protocol::FormatError& e) {
    throw VoterError(ErrorKind::bad_answer, e.what());
  } catch (const nlohmann::json::exception& e) {
    throw VoterError(ErrorKind::bad_answer, e.what());
  }
}

protocol::Names read_names(const protocol::Json& value, const std::string& what,
                           const std::string& path) {
  if (!value.is_object()) protocol::fail_at(what, path, "must be an object of names");
  protocol::Names names;
  for (const auto& [language, name] : value.items())
    names[language] = protocol::expect_string(name, what, path + "." + language);
  return names;
}

}  // namespace evote::voter
