#include <mutex>

#include "evote/crypto/parallel.hpp"
#include "evote/verificatum/groups.hpp"

namespace evote::verificatum {
namespace {

std::size_t integer_bytes(const mpz_class& value) {
  return mpz_sizeinbase(value.get_mpz_t(), 2) / 8 + 1;
}

mpz_class decode_integer(const ByteTree& tree, std::string_view what) {
  const Bytes& data = tree.leaf_bytes(what);
  if (data.empty() || (data[0] & 0x80) != 0) {
    throw FormatError(std::string(what) + ": not a positive two's complement integer");
  }
  return integer_from_bytes(data);
}

}  // namespace

ModPGroup::ModPGroup(mpz_class p, mpz_class q, mpz_class g)
    : p_(std::move(p)), q_(std::move(q)), g_(std::move(g)) {
  if (mpz_probab_prime_p(p_.get_mpz_t(), 30) == 0) throw FormatError("ModPGroup: p is not prime");
  if (mpz_probab_prime_p(q_.get_mpz_t(), 30) == 0) throw FormatError("ModPGroup: q is not prime");
  if ((p_ - 1) % q_ != 0) throw FormatError("ModPGroup: q does not divide p - 1");
  co_order_ = (p_ - 1) / q_;
  safe_prime_ = co_order_ == 2;
  if (g_ <= 1 || g_ >= p_) throw FormatError("ModPGroup: generator not in 2..p-1");
  mpz_class check;
  mpz_powm(check.get_mpz_t(), g_.get_mpz_t(), q_.get_mpz_t(), p_.get_mpz_t());
  if (check != 1) throw FormatError("ModPGroup: generator is not of order q");
  p_bytes_ = integer_bytes(p_);
  q_bytes_ = integer_bytes(q_);
}

std::string ModPGroup::description() const {
  return "ModPGroup(" + std::to_string(mpz_sizeinbase(p_.get_mpz_t(), 2)) + "-bit p" +
         (safe_prime_ ? ", safe prime)" : ")");
}

ModPGroup::Elem ModPGroup::mul(const Elem& a, const Elem& b) const {
  mpz_class out = a * b;
  mpz_mod(out.get_mpz_t(), out.get_mpz_t(), p_.get_mpz_t());
  return out;
}

ModPGroup::Elem ModPGroup::inverse(const Elem& a) const {
  mpz_class out;
  if (mpz_invert(out.get_mpz_t(), a.get_mpz_t(), p_.get_mpz_t()) == 0) {
    throw std::logic_error("ModPGroup: no inverse");
  }
  return out;
}

ModPGroup::Elem ModPGroup::exp(const Elem& base, const mpz_class& exponent) const {
  mpz_class e, out;
  mpz_mod(e.get_mpz_t(), exponent.get_mpz_t(), q_.get_mpz_t());
  mpz_powm(out.get_mpz_t(), base.get_mpz_t(), e.get_mpz_t(), p_.get_mpz_t());
  return out;
}

ModPGroup::Elem ModPGroup::multi_exp(std::span<const Elem> bases,
                                     std::span<const mpz_class> exps) const {
  if (bases.size() != exps.size()) throw std::logic_error("multi_exp: sizes differ");
  std::mutex lock;
  Elem total = 1;
  crypto::parallel_ranges(bases.size(), 16, [&](std::size_t begin, std::size_t end) {
    Elem part = 1;
    for (std::size_t i = begin; i < end; ++i) part = mul(part, exp(bases[i], exps[i]));
    const std::lock_guard guard(lock);
    total = mul(total, part);
  });
  return total;
}

ModPGroup::Elem ModPGroup::decode(const ByteTree& tree, std::string_view what) const {
  const Bytes& data = tree.leaf_bytes(what);
  if (data.size() != p_bytes_) {
    throw FormatError(std::string(what) + ": element of " + std::to_string(data.size()) +
                      " bytes, " + std::to_string(p_bytes_) + " expected");
  }
  mpz_class value = integer_from_bytes(data);
  if (value <= 0 || value >= p_) throw FormatError(std::string(what) + ": element not in 1..p-1");
  bool member;
  if (safe_prime_) {
    member = mpz_legendre(value.get_mpz_t(), p_.get_mpz_t()) == 1;
  } else {
    mpz_class check;
    mpz_powm(check.get_mpz_t(), value.get_mpz_t(), q_.get_mpz_t(), p_.get_mpz_t());
    member = check == 1;
  }
  if (!member) throw FormatError(std::string(what) + ": element not in the order-q subgroup");
  return value;
}

ByteTree ModPGroup::encode(const Elem& a) const {
  return ByteTree::leaf(integer_to_bytes(a, p_bytes_));
}

std::vector<ModPGroup::Elem> ModPGroup::random_elements(Prg& prg, std::size_t count,
                                                        std::size_t statdist,
                                                        std::vector<ByteTree>* encoded) const {
  const std::size_t bits = mpz_sizeinbase(p_.get_mpz_t(), 2) + statdist;
  std::vector<Elem> out(count);
  for (std::size_t i = 0; i < count; ++i) out[i] = prg.next_integer(bits) % p_;
  crypto::parallel_ranges(count, 8, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      mpz_powm(out[i].get_mpz_t(), out[i].get_mpz_t(), co_order_.get_mpz_t(), p_.get_mpz_t());
    }
  });
  if (encoded != nullptr) {
    encoded->clear();
    for (const Elem& h : out) encoded->push_back(encode(h));
  }
  return out;
}

ByteTree group_byte_tree(const std::string& pgroup) {
  const std::size_t sep = pgroup.find("::");
  const std::string hex = sep == std::string::npos ? pgroup : pgroup.substr(sep + 2);
  Bytes bytes;
  try {
    bytes = crypto::from_hex(hex);
  } catch (const std::exception&) {
    throw FormatError("<pgroup>: the part after \"::\" is not hex");
  }
  return ByteTree::parse(bytes, "<pgroup>");
}

AnyGroup parse_group(const std::string& pgroup) {
  const ByteTree tree = group_byte_tree(pgroup);
  const auto& parts = tree.node_of(2, "<pgroup>");
  const Bytes& name_bytes = parts[0].leaf_bytes("<pgroup> class name");
  const std::string name(name_bytes.begin(), name_bytes.end());
  if (name == "com.verificatum.arithm.ECqPGroup") {
    const Bytes& curve = parts[1].leaf_bytes("<pgroup> curve name");
    return std::make_unique<EcGroup>(std::string(curve.begin(), curve.end()));
  }
  if (name == "com.verificatum.arithm.ModPGroup") {
    const auto& fields = parts[1].node_of(4, "<pgroup> ModPGroup");
    return std::make_unique<ModPGroup>(decode_integer(fields[0], "<pgroup> modulus"),
                                       decode_integer(fields[1], "<pgroup> order"),
                                       decode_integer(fields[2], "<pgroup> generator"));
  }
  throw FormatError("<pgroup>: group class \"" + name +
                    "\" is not supported (ECqPGroup or ModPGroup)");
}

}  // namespace evote::verificatum
