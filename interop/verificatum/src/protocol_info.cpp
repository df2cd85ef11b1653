#include "evote/verificatum/protocol_info.hpp"

#include <charconv>

#include "evote/verificatum/byte_tree.hpp"

namespace evote::verificatum {
namespace {

std::string strip_comments(const std::string& xml, const std::string& what) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = xml.find("<!--", pos);
    if (open == std::string::npos) break;
    const std::size_t close = xml.find("-->", open + 4);
    if (close == std::string::npos) throw FormatError(what + ": unterminated XML comment");
    out.append(xml, pos, open - pos);
    pos = close + 3;
  }
  out.append(xml, pos, std::string::npos);
  return out;
}

std::string trim(const std::string& text) {
  const char* space = " \t\r\n";
  const std::size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

class Fields {
 public:
  Fields(std::string body, std::string what) : body_(std::move(body)), what_(std::move(what)) {}

  // The text of <tag>...</tag> directly in <protocol>, or nullopt-like "" with found=false.
  bool find(const std::string& tag, std::string& value) const {
    const std::string open = "<" + tag + ">";
    const std::string close = "</" + tag + ">";
    const std::size_t at = body_.find(open);
    if (at == std::string::npos) return false;
    const std::size_t end = body_.find(close, at + open.size());
    if (end == std::string::npos) throw FormatError(what_ + ": <" + tag + "> is not closed");
    value = trim(body_.substr(at + open.size(), end - at - open.size()));
    return true;
  }

  std::string text(const std::string& tag) const {
    std::string value;
    if (!find(tag, value)) throw FormatError(what_ + ": field <" + tag + "> is missing");
    return value;
  }

  std::size_t number(const std::string& tag, std::size_t low, std::size_t high) const {
    const std::string value = text(tag);
    std::size_t out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
      throw FormatError(what_ + ": field <" + tag + "> is \"" + value + "\", not a number");
    }
    if (out < low || out > high) {
      throw FormatError(what_ + ": field <" + tag + "> is " + value + ", outside " +
                        std::to_string(low) + ".." + std::to_string(high));
    }
    return out;
  }

  std::size_t number_or(const std::string& tag, std::size_t fallback, std::size_t high) const {
    std::string value;
    return find(tag, value) ? number(tag, 1, high) : fallback;
  }

 private:
  std::string body_;
  std::string what_;
};

}  // namespace

ProtocolInfo parse_protocol_info(const std::string& xml, const std::string& what) {
  const std::string text = strip_comments(xml, what);
  const std::size_t start = text.find("<protocol>");
  const std::size_t stop = text.rfind("</protocol>");
  if (start == std::string::npos || stop == std::string::npos || stop < start) {
    throw FormatError(what + ": no <protocol> element (not a Verificatum protocol info file)");
  }
  std::string body = text.substr(start + 10, stop - start - 10);
  // Cut the parties off: their <name>, <descr>... are not the protocol's.
  const std::size_t party = body.find("<party>");
  if (party != std::string::npos) body.resize(party);
  const Fields fields(body, what);

  ProtocolInfo info;
  info.version = fields.text("version");
  info.sid = fields.text("sid");
  if (info.sid.empty()) throw FormatError(what + ": field <sid> is empty");
  info.nopart = fields.number("nopart", 1, 25);
  info.thres = fields.number("thres", 1, info.nopart);
  info.statdist = fields.number("statdist", 1, 256);
  info.pgroup = fields.text("pgroup");
  info.keywidth = fields.number_or("keywidth", 1, 1024);
  info.vbitlenro = fields.number("vbitlenro", 1, 4096);
  info.ebitlenro = fields.number("ebitlenro", 1, 4096);
  info.prg = fields.text("prg");
  info.rohash = fields.text("rohash");
  info.corr = fields.text("corr");
  info.width = fields.number_or("width", 1, 1024);
  return info;
}

ProtocolInfo read_protocol_info(const std::string& path) {
  const Bytes bytes = read_file_bytes(path);
  return parse_protocol_info(std::string(bytes.begin(), bytes.end()), path);
}

}  // namespace evote::verificatum
