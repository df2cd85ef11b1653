// Ciphertext array files: exact layout, chunked reading, and every kind of
// damage named with the file, row and column.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"
#include "support/spec_vectors.hpp"
#include "support/temp_folder.hpp"

using namespace evote;
using namespace evote::protocol;
using evote::testing::TempFolder;

namespace {

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

CiphertextFileHeader sample_header(std::string group, std::uint32_t width, std::uint64_t count) {
  return {"TEST_2027", "ranking", "d1", std::move(group), width, count};
}

std::vector<CiphertextRow> sample_rows(const crypto::Group& group, std::uint32_t width,
                                       std::size_t count) {
  const crypto::KeyPair key = crypto::generate_keypair(group);
  std::vector<CiphertextRow> rows(count);
  for (std::size_t i = 0; i < count; ++i) {
    for (std::uint32_t j = 0; j < width; ++j)
      rows[i].push_back(crypto::encrypt(key.public_key, 2 + i + j).ciphertext);
  }
  return rows;
}

void write_rows(const std::filesystem::path& path, const CiphertextFileHeader& header,
                const std::vector<CiphertextRow>& rows) {
  CiphertextFileWriter writer(path, header);
  for (const auto& row : rows) writer.append(row);
  writer.finish();
}

std::vector<CiphertextRow> read_all(const std::filesystem::path& path, std::size_t chunk = 4) {
  CiphertextFileReader reader(path);
  std::vector<CiphertextRow> out;
  for (auto rows = reader.read_rows(chunk); !rows.empty(); rows = reader.read_rows(chunk)) {
    for (auto& row : rows) out.push_back(std::move(row));
  }
  return out;
}

std::string error_of(const std::filesystem::path& path) {
  try {
    read_all(path);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "(no error)";
}

// The file's bytes with the header replaced by `header` (length updated).
crypto::Bytes with_header(const crypto::Bytes& file, const std::string& header) {
  const std::uint32_t old_length = crypto::read_be32(crypto::BytesView(file).subspan(8, 4));
  crypto::Bytes out(file.begin(), file.begin() + 8);
  crypto::append_be32(out, static_cast<std::uint32_t>(header.size()));
  crypto::append(out, crypto::as_bytes(header));
  out.insert(out.end(), file.begin() + 12 + old_length, file.end());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ciphertext_file)

BOOST_AUTO_TEST_CASE(round_trip_in_every_group) {
  for (std::string_view name : crypto::group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const crypto::Group& group = crypto::group_by_name(name);
      TempFolder folder;
      const auto path = folder / "x.bin";
      const auto rows = sample_rows(group, 3, 10);
      const auto header = sample_header(std::string(name), 3, 10);
      write_rows(path, header, rows);
      CiphertextFileReader reader(path);
      BOOST_TEST((reader.header() == header));
      BOOST_TEST(&reader.group() == &group);
      BOOST_TEST(reader.read_rows(4).size() == 4u);
      BOOST_TEST(reader.read_rows(4).size() == 4u);
      const auto last = reader.read_rows(4);
      BOOST_TEST(last.size() == 2u);
      BOOST_TEST((last[1] == rows[9]));
      BOOST_TEST(reader.read_rows(4).empty());
      BOOST_TEST(reader.rows_read() == 10u);
      BOOST_TEST((read_all(path, 3) == rows));
    }
  }
}

BOOST_AUTO_TEST_CASE(layout_is_byte_exact) {
  const crypto::Group& group = crypto::ristretto255();
  TempFolder folder;
  const auto path = folder / "x.bin";
  const auto rows = sample_rows(group, 2, 3);
  write_rows(path, {"TEST_2027", "mayor", "", "ristretto255", 2, 3}, rows);
  const crypto::Bytes file = evote::testing::read_whole_file(path);
  const std::string header =
      "{\"contest_id\":\"mayor\",\"count\":3,\"district\":\"\",\"election_id\":\"TEST_2027\","
      "\"group\":\"ristretto255\",\"type\":\"ciphertext-array\",\"version\":1,\"width\":2}";
  crypto::Bytes expected(kCiphertextFileMagic.begin(), kCiphertextFileMagic.end());
  crypto::append_be32(expected, static_cast<std::uint32_t>(header.size()));
  crypto::append(expected, crypto::as_bytes(header));
  for (const auto& row : rows) {
    for (const auto& c : row) crypto::append(expected, crypto::encode(c));
  }
  BOOST_TEST(file == expected);
  BOOST_TEST(file.size() == 12 + header.size() + 3 * 2 * 64);
}

// The example of specs/formats-ballots.md: y = g^5, code 2, r = 7.
BOOST_AUTO_TEST_CASE(example_of_the_spec) {
  const crypto::Group& g = crypto::ristretto255();
  const crypto::Element y = g.exp_generator(g.scalars().from_u64(5));
  const crypto::Ciphertext c = crypto::encrypt_with(y, 2, g.scalars().from_u64(7));
  TempFolder folder;
  write_rows(folder / "x.bin", {"RK_2027", "mayor", "", "ristretto255", 1, 1}, {{c}});
  const crypto::Bytes file = evote::testing::read_whole_file(folder / "x.bin");
  const std::string header =
      "{\"contest_id\":\"mayor\",\"count\":1,\"district\":\"\",\"election_id\":\"RK_2027\","
      "\"group\":\"ristretto255\",\"type\":\"ciphertext-array\",\"version\":1,\"width\":1}";
  BOOST_TEST(crypto::to_hex(crypto::BytesView(file).first(12)) == "45564354585430310000008d");
  BOOST_TEST(std::string(file.begin() + 12, file.begin() + 153) == header);
  BOOST_TEST(crypto::to_hex(crypto::BytesView(file).subspan(153)) ==
             "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d"
             "e490d31f3ac3633033bff8495d510ecd8197db499962d68483a134ade350923b");
  BOOST_TEST((c.a == g.exp_generator(g.scalars().from_u64(7))));
  BOOST_TEST((c.b == g.exp_generator(g.scalars().from_u64(37))));
}

BOOST_AUTO_TEST_CASE(empty_array) {
  TempFolder folder;
  const auto path = folder / "empty.bin";
  write_rows(path, sample_header("ristretto255", 1, 0), {});
  BOOST_TEST(read_all(path).empty());
}

BOOST_AUTO_TEST_CASE(truncated_and_extended_files_are_refused) {
  TempFolder folder;
  const auto path = folder / "x.bin";
  write_rows(path, sample_header("ristretto255", 3, 5), sample_rows(crypto::ristretto255(), 3, 5));
  const crypto::Bytes whole = evote::testing::read_whole_file(path);
  const std::size_t header_end = whole.size() - 5 * 3 * 64;
  for (std::size_t cut :
       {std::size_t{0}, std::size_t{5}, std::size_t{8}, std::size_t{11}, std::size_t{12},
        header_end - 1, header_end, header_end + 100, whole.size() - 1}) {
    BOOST_TEST_CONTEXT("cut at " << cut) {
      evote::testing::write_whole_file(path, crypto::BytesView(whole).first(cut));
      BOOST_TEST(error_of(path).find("truncated") != std::string::npos, error_of(path));
    }
  }
  evote::testing::write_whole_file(path, crypto::BytesView(whole).first(header_end + 3 * 64 + 7));
  BOOST_TEST(error_of(path) == "ciphertext file " + path.string() +
                                   ": truncated: " + std::to_string(header_end + 199) +
                                   " bytes, expected " + std::to_string(whole.size()) +
                                   " for 5 rows (the file ends in row 2)");
  // Rows count from 1 in messages; a cut between rows names the last whole row.
  evote::testing::write_whole_file(path, crypto::BytesView(whole).first(header_end + 3 * 64));
  BOOST_TEST(error_of(path).find("for 5 rows (the file ends after row 1)") != std::string::npos,
             error_of(path));
  evote::testing::write_whole_file(path, crypto::BytesView(whole).first(header_end));
  BOOST_TEST(error_of(path).find("for 5 rows (the file ends before row 1)") != std::string::npos,
             error_of(path));
  crypto::Bytes longer = whole;
  longer.push_back(0);
  evote::testing::write_whole_file(path, longer);
  BOOST_TEST(error_of(path).find(": 1 extra bytes after the last row (the header says 5 rows)") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(header_damage_is_named) {
  TempFolder folder;
  const auto path = folder / "x.bin";
  write_rows(path, sample_header("ristretto255", 2, 2), sample_rows(crypto::ristretto255(), 2, 2));
  const crypto::Bytes whole = evote::testing::read_whole_file(path);
  crypto::Bytes bad_magic = whole;
  bad_magic[7] = '2';
  evote::testing::write_whole_file(path, bad_magic);
  BOOST_TEST(error_of(path).find("not a ciphertext array file (wrong magic)") != std::string::npos);
  auto header_error = [&](auto edit) {
    Json header = to_json(sample_header("ristretto255", 2, 2));
    edit(header);
    evote::testing::write_whole_file(path, with_header(whole, canonical_string(header)));
    return error_of(path);
  };
  BOOST_TEST(header_error([](Json& h) { h["count"] = 3; }).find("truncated") != std::string::npos);
  BOOST_TEST(header_error([](Json& h) { h["count"] = 1; }).find("extra bytes") !=
             std::string::npos);
  BOOST_TEST(header_error([](Json& h) {
               h["version"] = 2;
             }).find(": header: version: unknown version 2") != std::string::npos);
  BOOST_TEST(header_error([](Json& h) { h["group"] = "p256"; }).find(": header: group: ") !=
             std::string::npos);
  BOOST_TEST(header_error([](Json& h) {
               h["width"] = 0;
             }).find(": header: width: 0 is not between 1 and 1024") != std::string::npos);
  BOOST_TEST(header_error([](Json& h) { h.erase("count"); }).find(": header: count: missing") !=
             std::string::npos);
  BOOST_TEST(header_error([](Json& h) { h["district"] = "d 1"; }).find(": header: district: ") !=
             std::string::npos);
  BOOST_TEST(header_error([](Json& h) {
               h["count"] = std::uint64_t{1} << 60;
             }).find("cannot fit") != std::string::npos);
  evote::testing::write_whole_file(path, with_header(whole, "{ }"));
  BOOST_TEST(error_of(path).find(": header: not in canonical form") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(non_members_are_named_by_row_and_column) {
  TempFolder folder;
  const auto path = folder / "x.bin";
  write_rows(path, sample_header("ristretto255", 3, 20),
             sample_rows(crypto::ristretto255(), 3, 20));
  crypto::Bytes file = evote::testing::read_whole_file(path);
  const std::size_t rows_start = file.size() - 20 * 3 * 64;
  // Index 17, 2 from 0 is row 18, column 3 in the message (counted from 1).
  const std::size_t b_of_17_2 = rows_start + (17 * 3 + 2) * 64 + 32;
  std::fill(file.begin() + b_of_17_2, file.begin() + b_of_17_2 + 32, 0xff);
  evote::testing::write_whole_file(path, file);
  BOOST_TEST(error_of(path).find("ciphertext file " + path.string() +
                                 ": row 18 column 3: ciphertext b: ") == 0u,
             error_of(path));

  // modp3072: p - 1 is not a quadratic residue.
  const crypto::Group& modp = crypto::modp3072_rfc3526();
  std::filesystem::remove(path);  // the writer never replaces a file
  write_rows(path, sample_header("modp3072-rfc3526", 1, 3), sample_rows(modp, 1, 3));
  file = evote::testing::read_whole_file(path);
  const auto vectors = evote::testing::load_spec_vectors("specs/crypto.md");
  std::string p_minus_1 =
      evote::testing::find_vector(vectors, "modp3072-rfc3526/parameters").at("p");
  p_minus_1.back() = 'e';
  const crypto::Bytes non_member = crypto::from_hex(p_minus_1);
  std::copy(non_member.begin(), non_member.end(), file.end() - 384);
  evote::testing::write_whole_file(path, file);
  BOOST_TEST(error_of(path) ==
             "ciphertext file " + path.string() +
                 ": row 3 column 1: ciphertext b: modp3072-rfc3526 element: not in the "
                 "order-q subgroup");
}

BOOST_AUTO_TEST_CASE(writer_refuses_wrong_rows_and_counts) {
  const crypto::Group& group = crypto::ristretto255();
  TempFolder folder;
  const auto path = folder / "x.bin";
  const auto rows = sample_rows(group, 2, 3);
  {
    CiphertextFileWriter writer(path, sample_header("ristretto255", 2, 2));
    BOOST_CHECK_EXCEPTION(writer.append(CiphertextRow{rows[0][0]}), std::invalid_argument,
                          has("row 1: 1 ciphertexts, width is 2"));
    const auto modp_rows = sample_rows(crypto::modp4096_eg(), 2, 1);
    BOOST_CHECK_EXCEPTION(writer.append(modp_rows[0]), std::invalid_argument, has("another group"));
    writer.append(rows[0]);
    BOOST_CHECK_EXCEPTION(writer.finish(), std::invalid_argument,
                          has("1 rows written, the header says 2"));
    writer.append(rows[1]);
    BOOST_CHECK_EXCEPTION(writer.append(rows[2]), std::invalid_argument,
                          has("row 3: more than the header's 2 rows"));
  }
  BOOST_TEST(std::filesystem::is_empty(folder.path()));  // never finished: nothing left
  BOOST_CHECK_THROW(CiphertextFileWriter(path, sample_header("p256", 2, 2)), FormatError);
  BOOST_CHECK_THROW(CiphertextFileWriter(path, sample_header("ristretto255", 0, 2)), FormatError);
  BOOST_TEST(std::filesystem::is_empty(folder.path()));
}

BOOST_AUTO_TEST_CASE(encoded_rows_are_written_as_given) {
  for (std::string_view name : crypto::group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const crypto::Group& group = crypto::group_by_name(name);
      TempFolder folder;
      const auto rows = sample_rows(group, 2, 3);
      const auto header = sample_header(std::string(name), 2, 3);
      write_rows(folder / "appended.bin", header, rows);
      CiphertextFileWriter writer(folder / "encoded.bin", header);
      for (const auto& row : rows) {
        const std::vector<crypto::Bytes> encoded = {crypto::encode(row[0]), crypto::encode(row[1])};
        writer.append_encoded(encoded);
      }
      writer.finish();
      BOOST_TEST(evote::testing::read_whole_file(folder / "encoded.bin") ==
                 evote::testing::read_whole_file(folder / "appended.bin"));
      BOOST_TEST((read_all(folder / "encoded.bin") == rows));
    }
  }
}

BOOST_AUTO_TEST_CASE(encoded_rows_of_the_wrong_shape_are_refused) {
  const crypto::Group& group = crypto::ristretto255();
  TempFolder folder;
  const auto rows = sample_rows(group, 2, 2);
  const crypto::Bytes a = crypto::encode(rows[0][0]), b = crypto::encode(rows[0][1]);
  {
    CiphertextFileWriter writer(folder / "x.bin", sample_header("ristretto255", 2, 1));
    BOOST_CHECK_EXCEPTION(writer.append_encoded(std::vector<crypto::Bytes>{a}),
                          std::invalid_argument, has("row 1: 1 ciphertexts, width is 2"));
    const crypto::Bytes cut(a.begin(), a.end() - 1);
    BOOST_CHECK_EXCEPTION(writer.append_encoded(std::vector<crypto::Bytes>{a, cut}),
                          std::invalid_argument,
                          has("row 1: a ciphertext of 63 bytes, the group's are 64"));
    const crypto::Bytes modp = crypto::encode(sample_rows(crypto::modp4096_eg(), 1, 1)[0][0]);
    BOOST_CHECK_EXCEPTION(writer.append_encoded(std::vector<crypto::Bytes>{a, modp}),
                          std::invalid_argument, has("the group's are 64"));
    writer.append_encoded(std::vector<crypto::Bytes>{a, b});
    BOOST_TEST(writer.rows_written() == 1u);
    BOOST_CHECK_EXCEPTION(writer.append_encoded(std::vector<crypto::Bytes>{a, b}),
                          std::invalid_argument, has("row 2: more than the header's 1 rows"));
  }
  BOOST_TEST(std::filesystem::is_empty(folder.path()));  // never finished: nothing left
}

BOOST_AUTO_TEST_SUITE_END()
