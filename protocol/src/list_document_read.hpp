// Reading a streamed list document (internal): voter list change sets and
// paper-vote lists. The list's elements go through the streaming reader that
// `make_reader(what, doc)` builds, the top-level members through
// `read_top(reader, what, doc)`, and the input must be exactly the
// document's canonical form (write_canonical(doc, sink)).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "atomic_file.hpp"
#include "canonical_writer.hpp"
#include "streaming_reader.hpp"

namespace evote::protocol {

template <typename Doc, typename MakeReader, typename ReadTop>
Doc parse_list_document(crypto::BytesView bytes, std::string_view what_view,
                        MakeReader make_reader, ReadTop read_top) {
  const std::string what(what_view);
  Doc doc;
  StreamingObjectReader reader = make_reader(what, doc);
  reader.parse(bytes);
  read_top(reader, what, doc);
  const std::string_view input(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  expect_canonical([&](const ByteSink& sink) { write_canonical(doc, sink); }, input, what);
  return doc;
}

// The same from a file, streamed: memory stays bounded by one element.
template <typename Doc, typename MakeReader, typename ReadTop>
Doc load_list_document(const std::filesystem::path& path, MakeReader make_reader,
                       ReadTop read_top) {
  const std::string what = path.string();
  const FilePtr file = open_for_reading(path);
  Doc doc;
  StreamingObjectReader reader = make_reader(what, doc);
  const crypto::Digest input_sha512 = reader.parse_file(file.get());
  read_top(reader, what, doc);
  expect_canonical([&](const ByteSink& sink) { write_canonical(doc, sink); }, input_sha512, what);
  return doc;
}

}  // namespace evote::protocol
