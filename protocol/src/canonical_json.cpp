#include "evote/protocol/canonical_json.hpp"

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

// Finds a float anywhere in `value`; returns its path or "".
std::string find_float(const Json& value, const std::string& path) {
  if (value.is_number_float()) return path.empty() ? "(top level)" : path;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      std::string found = find_float(it.value(), path.empty() ? it.key() : path + "." + it.key());
      if (!found.empty()) return found;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string found = find_float(value[i], element_path(path, i));
      if (!found.empty()) return found;
    }
  }
  return "";
}

}  // namespace

std::string canonical_string(const Json& value) {
  const std::string float_path = find_float(value, "");
  if (!float_path.empty()) throw FormatError("canonical JSON: " + float_path + ": numbers must be integers");
  try {
    return value.dump(-1, ' ', false, Json::error_handler_t::strict);
  } catch (const Json::exception& e) {
    throw FormatError(std::string("canonical JSON: ") + e.what());
  }
}

crypto::Bytes canonical_bytes(const Json& value) {
  const std::string s = canonical_string(value);
  return crypto::Bytes(s.begin(), s.end());
}

Json parse_canonical(crypto::BytesView bytes, std::string_view what) {
  const std::string w(what);
  if (bytes.empty()) throw FormatError(w + ": empty file");
  Json value;
  try {
    value = Json::parse(bytes.begin(), bytes.end(), nullptr, true, false);
  } catch (const Json::parse_error& e) {
    throw FormatError(w + ": not valid JSON (byte " + std::to_string(e.byte) + "; truncated or corrupted?)");
  } catch (const Json::exception& e) {
    // e.g. out_of_range 406: a number too large even for a double.
    throw FormatError(w + ": not valid JSON (" + e.what() + ")");
  }
  const std::string float_path = find_float(value, "");
  if (!float_path.empty()) throw FormatError(w + ": " + float_path + ": numbers must be integers");
  const std::string canonical = value.dump(-1, ' ', false, Json::error_handler_t::strict);
  std::size_t i = 0;
  while (i < canonical.size() && i < bytes.size() && static_cast<std::uint8_t>(canonical[i]) == bytes[i]) ++i;
  if (i != canonical.size() || i != bytes.size()) {
    throw FormatError(w + ": not in canonical form at byte " + std::to_string(i) +
                      " (whitespace, key order, a duplicate key or number form)");
  }
  return value;
}

std::string element_path(const std::string& array_path, std::size_t index) {
  return array_path + "[" + std::to_string(index) + "]";
}

void fail_at(const std::string& what, const std::string& path, const std::string& problem) {
  throw FormatError(what + ": " + (path.empty() ? "(top level)" : path) + ": " + problem);
}

namespace {
std::string type_name(const Json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
  return v.type_name();
}
}  // namespace

std::string expect_string(const Json& value, const std::string& what, const std::string& path) {
  if (!value.is_string()) fail_at(what, path, "expected a string, found " + type_name(value));
  return value.get<std::string>();
}

std::uint64_t expect_unsigned(const Json& value, const std::string& what, const std::string& path) {
  if (!value.is_number_integer()) fail_at(what, path, "expected an integer, found " + type_name(value));
  // Parsed documents hold non-negative numbers as unsigned; documents built
  // in memory may hold them as signed.
  if (!value.is_number_unsigned() && value.get<std::int64_t>() < 0) fail_at(what, path, "must not be negative");
  return value.get<std::uint64_t>();
}

crypto::Bytes expect_binary(const Json& value, const std::string& what, const std::string& path) {
  const std::string text = expect_string(value, what, path);
  try {
    return base64url_decode(text);
  } catch (const FormatError& e) {
    fail_at(what, path, e.what());
  }
}

ObjectReader::ObjectReader(const Json& json, std::string what, std::string path)
    : json_(&json), what_(std::move(what)), path_(std::move(path)) {
  if (!json.is_object()) fail_at(what_, path_, "expected an object, found " + type_name(json));
}

std::string ObjectReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void ObjectReader::fail(std::string_view key, const std::string& problem) const {
  fail_at(what_, path_of(key), problem);
}

bool ObjectReader::has(std::string_view key) const { return json_->contains(key); }

const Json& ObjectReader::field(std::string_view key) const {
  auto it = json_->find(key);
  if (it == json_->end()) fail(key, "missing");
  return *it;
}

const Json& ObjectReader::raw(std::string_view key) const { return field(key); }

std::string ObjectReader::string(std::string_view key) const {
  return expect_string(field(key), what_, path_of(key));
}

std::uint64_t ObjectReader::unsigned_integer(std::string_view key) const {
  return expect_unsigned(field(key), what_, path_of(key));
}

crypto::Bytes ObjectReader::binary(std::string_view key) const {
  return expect_binary(field(key), what_, path_of(key));
}

bool ObjectReader::boolean(std::string_view key) const {
  const Json& v = field(key);
  if (!v.is_boolean()) fail(key, "expected true or false, found " + type_name(v));
  return v.get<bool>();
}

ObjectReader ObjectReader::object(std::string_view key) const {
  return ObjectReader(field(key), what_, path_of(key));
}

const Json& ObjectReader::array(std::string_view key) const {
  const Json& v = field(key);
  if (!v.is_array()) fail(key, "expected an array, found " + type_name(v));
  return v;
}

void ObjectReader::allow_only(std::initializer_list<std::string_view> allowed) const {
  for (auto it = json_->begin(); it != json_->end(); ++it) {
    bool known = false;
    for (std::string_view a : allowed) known = known || it.key() == a;
    if (!known) fail(it.key(), "unknown field");
  }
}

void ObjectReader::expect_type_and_version(std::string_view type, std::uint64_t version) const {
  const std::string found_type = string("type");
  if (found_type != type) fail("type", "expected \"" + std::string(type) + "\", found \"" + found_type + "\"");
  const std::uint64_t found_version = unsigned_integer("version");
  if (found_version != version) {
    fail("version", "unknown version " + std::to_string(found_version) + " (this build reads version " +
                        std::to_string(version) + ")");
  }
}

}  // namespace evote::protocol
