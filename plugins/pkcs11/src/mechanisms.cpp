#include "mechanisms.hpp"

#include <algorithm>

#include "bridge_error.hpp"
#include "return_codes.hpp"

namespace certrenew::pkcs11 {

namespace {

// The RSA key sizes CertRenew asks for; narrowed to what the token's generator offers.
constexpr std::uint32_t kRsaMinBits = 2048;
constexpr std::uint32_t kRsaMaxBits = 3072;

// The token's mechanisms with their flags.
class MechanismTable {
 public:
  MechanismTable(const Module& module, CK_SLOT_ID slot) : api_(module.api()), slot_(slot) {
    CK_ULONG count = 0;
    check_rv(api_.C_GetMechanismList(slot, nullptr, &count), "C_GetMechanismList",
             "reading the token's mechanisms");
    types_.resize(count);
    if (count > 0)
      check_rv(api_.C_GetMechanismList(slot, types_.data(), &count), "C_GetMechanismList",
               "reading the token's mechanisms");
    types_.resize(count);
  }

  // The mechanism's info when the token lists it with all of `flags`.
  std::optional<CK_MECHANISM_INFO> with(CK_MECHANISM_TYPE type, CK_FLAGS flags) const {
    if (std::find(types_.begin(), types_.end(), type) == types_.end()) return std::nullopt;
    CK_MECHANISM_INFO info{};
    if (api_.C_GetMechanismInfo(slot_, type, &info) != CKR_OK) return std::nullopt;
    if ((info.flags & flags) != flags) return std::nullopt;
    return info;
  }

 private:
  const CK_FUNCTION_LIST& api_;
  CK_SLOT_ID slot_;
  std::vector<CK_MECHANISM_TYPE> types_;
};

// Signs through `raw` with digest input (the host hashes) when the token has it, else through
// `hashing` with data input; false when the token has neither.
bool choose_signing(const MechanismTable& table, CK_MECHANISM_TYPE raw, CK_MECHANISM_TYPE hashing,
                    SignMechanism& m) {
  if (table.with(raw, CKF_SIGN)) {
    m.mechanism = raw;
    m.input = CRT_INPUT_DIGEST;
  } else if (table.with(hashing, CKF_SIGN)) {
    m.mechanism = hashing;
    m.input = CRT_INPUT_DATA;
  } else {
    return false;
  }
  return true;
}

std::optional<SignMechanism> rsa(const MechanismTable& table) {
  SignMechanism m;
  m.algorithm = CRT_SIG_RSA_PKCS1_SHA256;
  m.format = CRT_SIGFMT_PLAIN;
  m.min_bits = kRsaMinBits;
  m.max_bits = kRsaMaxBits;
  if (!choose_signing(table, CKM_RSA_PKCS, CKM_SHA256_RSA_PKCS, m)) return std::nullopt;
  if (const auto gen = table.with(CKM_RSA_PKCS_KEY_PAIR_GEN, CKF_GENERATE_KEY_PAIR)) {
    // ulMinKeySize/ulMaxKeySize are in bits for RSA; 0 means the module did not say.
    const std::uint32_t low = std::max<std::uint32_t>(kRsaMinBits, gen->ulMinKeySize);
    const std::uint32_t high = gen->ulMaxKeySize == 0
                                   ? kRsaMaxBits
                                   : std::min<std::uint32_t>(kRsaMaxBits, gen->ulMaxKeySize);
    if (low <= high) {
      m.keygen = CKM_RSA_PKCS_KEY_PAIR_GEN;
      m.min_bits = low;
      m.max_bits = high;
    }
  }
  return m;
}

std::optional<SignMechanism> ecdsa(const MechanismTable& table) {
  SignMechanism m;
  m.algorithm = CRT_SIG_ECDSA_P256_SHA256;
  m.format = CRT_SIGFMT_RAW_RS;  // PKCS#11 ECDSA signatures are r || s
  if (!choose_signing(table, CKM_ECDSA, CKM_ECDSA_SHA256, m)) return std::nullopt;
  if (table.with(CKM_EC_KEY_PAIR_GEN, CKF_GENERATE_KEY_PAIR)) m.keygen = CKM_EC_KEY_PAIR_GEN;
  return m;
}

std::optional<SignMechanism> sm2(const MechanismTable& table, const Sm2Config& config) {
  if (!table.with(config.sign_mechanism, CKF_SIGN)) return std::nullopt;
  SignMechanism m;
  m.algorithm = CRT_SIG_SM2_SM3;
  m.mechanism = config.sign_mechanism;
  m.input = CRT_INPUT_DIGEST;  // e = SM3(Z || M), computed by the host with the signer ID
  m.format = CRT_SIGFMT_RAW_RS;
  if (config.keygen_mechanism && table.with(*config.keygen_mechanism, CKF_GENERATE_KEY_PAIR))
    m.keygen = config.keygen_mechanism;
  return m;
}

}  // namespace

std::vector<SignMechanism> token_mechanisms(const Module& module, CK_SLOT_ID slot,
                                            const std::optional<Sm2Config>& sm2_config) {
  const MechanismTable table(module, slot);
  std::vector<SignMechanism> mechanisms;
  if (auto m = rsa(table)) mechanisms.push_back(*m);
  if (auto m = ecdsa(table)) mechanisms.push_back(*m);
  if (sm2_config)
    if (auto m = sm2(table, *sm2_config)) mechanisms.push_back(*m);
  return mechanisms;
}

const SignMechanism& mechanism_for(const std::vector<SignMechanism>& mechanisms,
                                   std::uint32_t algorithm) {
  for (const SignMechanism& m : mechanisms)
    if (m.algorithm == algorithm) return m;
  if (algorithm < CRT_SIG_RSA_PKCS1_SHA256 || algorithm > CRT_SIG_SM2_SM3)
    fail(CRT_ERR_NOT_SUPPORTED, "unknown signature algorithm " + std::to_string(algorithm));
  fail(CRT_ERR_NOT_SUPPORTED,
       algorithm == CRT_SIG_SM2_SM3
           ? "the token offers no SM2 mechanism (PKCS#11 defines none: name the vendor's in the "
             "\"sm2\" configuration)"
           : "the token offers no mechanism for this signature algorithm");
}

crt_mechanism_info to_abi(const SignMechanism& m) {
  crt_mechanism_info info{};
  info.algorithm = m.algorithm;
  info.input = m.input;
  info.signature_format = m.format;
  info.can_generate = m.keygen ? 1 : 0;
  info.min_bits = m.min_bits;
  info.max_bits = m.max_bits;
  return info;
}

}  // namespace certrenew::pkcs11
