#include "ivxv_json.hpp"

#include <set>
#include <vector>

#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "json_syntax.hpp"

namespace evote::admin {

namespace {

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text.substr(0, 64)) + (text.size() > 64 ? "...\"" : "\"");
}

// Where the parser is: one frame per open object or array, so that a
// duplicate key can be named by its full path.
struct Frame {
  std::string path;
  bool array = false;
  std::size_t index = 0;       // arrays: the element being read
  std::string key;             // objects: the member being read
  std::set<std::string> keys;  // objects: the keys seen
};

class DuplicateFinder {
 public:
  bool operator()(int, IvxvJson::parse_event_t event, IvxvJson& parsed) {
    using Event = IvxvJson::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start: {
        Frame frame;
        frame.path = child_path();
        frame.array = event == Event::array_start;
        frames_.push_back(std::move(frame));
        break;
      }
      case Event::key: {
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second && duplicate_.empty()) {
          duplicate_ = member_path(top.path, top.key);
          duplicate_key_ = top.key;
        }
        break;
      }
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        element_done();
        break;
      case Event::value:
        element_done();
        break;
    }
    return true;
  }
  // The full path of the first key seen twice in one object ("" if none).
  const std::string& duplicate() const { return duplicate_; }
  const std::string& duplicate_key() const { return duplicate_key_; }

 private:
  std::string child_path() const {
    if (frames_.empty()) return "";
    const Frame& top = frames_.back();
    return top.array ? element_path(top.path, top.index) : member_path(top.path, top.key);
  }
  void element_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::vector<Frame> frames_;
  std::string duplicate_;
  std::string duplicate_key_;
};

}  // namespace

IvxvJson read_ivxv_json(const std::string& path) {
  const crypto::Bytes bytes = protocol::read_file(path);
  DuplicateFinder finder;
  IvxvJson document;
  try {
    document = IvxvJson::parse(
        bytes.begin(), bytes.end(),
        [&finder](int depth, IvxvJson::parse_event_t event, IvxvJson& parsed) {
          return finder(depth, event, parsed);
        },
        true, false);
  } catch (const IvxvJson::parse_error& e) {
    refuse_json_syntax(path, bytes, e);
  } catch (const IvxvJson::exception& e) {
    throw protocol::FormatError(path + ": not valid JSON (" + e.what() + ")");
  }
  if (!finder.duplicate().empty()) {
    throw protocol::FormatError(path + ": " + finder.duplicate() + ": the key " +
                                in_quotes(finder.duplicate_key()) + " appears twice in one object");
  }
  if (!document.is_object()) throw protocol::FormatError(path + ": not a JSON object");
  return document;
}

std::string member_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "[\"" + std::string(key) + "\"]";
}

std::string element_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

void refuse_field(const std::string& file, const std::string& path, const std::string& problem) {
  throw protocol::FormatError(file + ": " + (path.empty() ? "" : path + ": ") + problem);
}

void check_members(const IvxvJson& object, const std::string& file, const std::string& path,
                   std::initializer_list<std::string_view> allowed,
                   std::initializer_list<std::string_view> required) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || key == a;
    if (!known) refuse_field(file, member_path(path, key), "unknown field");
  }
  for (std::string_view r : required)
    if (!object.contains(std::string(r)))
      refuse_field(file, member_path(path, r), "missing (required)");
}

const IvxvJson& expect_object(const IvxvJson& value, const std::string& file,
                              const std::string& path, std::size_t minimum) {
  if (!value.is_object()) refuse_field(file, path, "must be a JSON object");
  if (value.size() < minimum)
    refuse_field(file, path,
                 minimum == 1 ? "is empty (at least one member)"
                              : "has fewer than " + std::to_string(minimum) + " members");
  return value;
}

const IvxvJson& expect_array(const IvxvJson& value, const std::string& file,
                             const std::string& path) {
  if (!value.is_array()) refuse_field(file, path, "must be a JSON array");
  return value;
}

std::string expect_text(const IvxvJson& value, const std::string& file, const std::string& path) {
  if (!value.is_string()) refuse_field(file, path, "must be a string");
  return value.get<std::string>();
}

std::string election_id_problem(std::string_view id, const std::string& config_election) {
  if (id.empty() || id.size() > 28)
    return "election id " + in_quotes(id) + " must be 1 to 28 characters";
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return "election id " + in_quotes(id) + " contains a non-ASCII character";
    if (u <= 0x20 || u == 0x7f)
      return "election id " + in_quotes(id) + " contains whitespace or a control character";
  }
  if (id != config_election)
    return "election id " + in_quotes(id) +
           " is not this election's (the config's election_id is " + in_quotes(config_election) +
           ")";
  return "";
}

void check_ivxv_election(const IvxvJson& value, const std::string& file, const std::string& path,
                         const std::string& config_election) {
  const std::string problem = election_id_problem(expect_text(value, file, path), config_election);
  if (!problem.empty()) refuse_field(file, path, problem);
}

bool is_digits(std::string_view text, std::size_t min_digits, std::size_t max_digits) {
  if (text.size() < min_digits || text.size() > max_digits) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

bool is_dotted_number(std::string_view text, std::size_t max_left, std::size_t max_right) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) return false;
  return is_digits(text.substr(0, dot), 1, max_left) &&
         is_digits(text.substr(dot + 1), 1, max_right);
}

}  // namespace evote::admin
