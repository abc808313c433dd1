#pragma once

// The CertRenew driver kit: algorithms.hpp says which key type each signature algorithm of the
// ABI needs, names both for messages, and refuses a key that cannot make the signature asked for.

#include <certrenew/token_driver.h>
#include <certrenew/driver_kit/error.hpp>

#include <cstdint>
#include <string>

namespace certrenew::driver_kit {

struct AlgorithmFacts {
  std::uint32_t algorithm;  // CRT_SIG_*
  std::uint32_t key_type;   // CRT_KEY_* it signs with
  const char* algorithm_name;
  const char* key_name;  // "an RSA key", for sentences
};

inline constexpr AlgorithmFacts kAlgorithms[] = {
    {CRT_SIG_RSA_PKCS1_SHA256, CRT_KEY_RSA, "RSA PKCS#1 v1.5 with SHA-256", "an RSA key"},
    {CRT_SIG_ECDSA_P256_SHA256, CRT_KEY_EC_P256, "ECDSA P-256 with SHA-256", "an EC P-256 key"},
    {CRT_SIG_SM2_SM3, CRT_KEY_SM2, "SM2 with SM3", "an SM2 key"},
};

// The facts of a CRT_SIG_* value, or NULL for a value the ABI does not define.
inline const AlgorithmFacts* algorithm_facts(std::uint32_t algorithm) {
  for (const AlgorithmFacts& facts : kAlgorithms)
    if (facts.algorithm == algorithm) return &facts;
  return nullptr;
}

// The CRT_KEY_* an algorithm signs with; 0 for an unknown algorithm.
inline std::uint32_t key_type_for(std::uint32_t algorithm) {
  const AlgorithmFacts* facts = algorithm_facts(algorithm);
  return facts == nullptr ? 0 : facts->key_type;
}

// The CRT_SIG_* a key type signs with; DriverError(CRT_ERR_NOT_SUPPORTED) for an unknown type.
inline std::uint32_t algorithm_for_key(std::uint32_t key_type) {
  for (const AlgorithmFacts& facts : kAlgorithms)
    if (facts.key_type == key_type) return facts.algorithm;
  fail(CRT_ERR_NOT_SUPPORTED, "unknown key type " + std::to_string(key_type));
}

inline const char* key_type_text(std::uint32_t key_type) {
  for (const AlgorithmFacts& facts : kAlgorithms)
    if (facts.key_type == key_type) return facts.key_name;
  return "a key of an unsupported type";
}

// Refuses an unknown algorithm (CRT_ERR_NOT_SUPPORTED) and a key of another type than the
// algorithm needs (CRT_ERR_ARGUMENTS).
inline void check_key_fits(std::uint32_t algorithm, std::uint32_t key_type) {
  const AlgorithmFacts* facts = algorithm_facts(algorithm);
  if (facts == nullptr)
    fail(CRT_ERR_NOT_SUPPORTED, "unknown signature algorithm " + std::to_string(algorithm));
  if (facts->key_type != key_type)
    fail(CRT_ERR_ARGUMENTS, std::string(facts->algorithm_name) + " needs " + facts->key_name +
                                "; this is " + key_type_text(key_type));
}

}  // namespace certrenew::driver_kit
