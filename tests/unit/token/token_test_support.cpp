#include "token_test_support.hpp"

#include <cstdlib>
#include <memory>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace certrenew::testing {

namespace {

void set_env(const std::string& name, const std::optional<std::string>& value) {
#if defined(_WIN32)
  _putenv_s(name.c_str(), value ? value->c_str() : "");
#else
  if (value)
    setenv(name.c_str(), value->c_str(), 1);
  else
    unsetenv(name.c_str());
#endif
}

}  // namespace

ScopedEnv::ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
  if (const char* old = std::getenv(name_.c_str())) old_ = old;
  set_env(name_, value);
}

ScopedEnv::~ScopedEnv() {
  set_env(name_, old_);
}

std::filesystem::path copy_driver(const std::filesystem::path& file,
                                  const std::filesystem::path& dir, const std::string& name) {
  std::filesystem::create_directories(dir);
  const auto target = dir / name;
  std::filesystem::copy_file(file, target, std::filesystem::copy_options::overwrite_existing);
  return target;
}

bool verify_signature(ByteView spki, SignatureAlgorithm algorithm, ByteView message,
                      ByteView signature, std::string_view sm2_id) {
  const unsigned char* p = spki.data();
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())), EVP_PKEY_free);
  if (!key) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> pctx(nullptr, EVP_PKEY_CTX_free);
  const EVP_MD* hash = EVP_sha256();
  if (algorithm == SignatureAlgorithm::sm2_sm3) {
    hash = EVP_sm3();
    pctx.reset(EVP_PKEY_CTX_new(key.get(), nullptr));
    if (!pctx || EVP_PKEY_CTX_set1_id(pctx.get(), sm2_id.data(), sm2_id.size()) != 1) return false;
    EVP_MD_CTX_set_pkey_ctx(md.get(), pctx.get());
  }
  const bool ok = EVP_DigestVerifyInit(md.get(), nullptr, hash, nullptr, key.get()) == 1 &&
                  EVP_DigestVerify(md.get(), signature.data(), signature.size(), message.data(),
                                   message.size()) == 1;
  EVP_MD_CTX_set_pkey_ctx(md.get(), nullptr);  // pctx is freed by its own owner
  return ok;
}

}  // namespace certrenew::testing
