#include "softtoken_test_support.hpp"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>

namespace certrenew::softtoken::testing {

namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using PubkeyPtr = std::unique_ptr<X509_PUBKEY, Deleter<X509_PUBKEY_free>>;

PkeyPtr parse_public_key(std::span<const std::uint8_t> spki) {
  const unsigned char* in = spki.data();
  PkeyPtr key(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  REQUIRE(key);
  return key;
}

}  // namespace

std::string make_token(const fs::path& dir, const std::string& serial, int retries,
                       std::string_view pin) {
  TokenOptions options;
  options.label = "test token";
  options.serial = serial;
  options.max_retries = retries;
  options.cost = KdfCost::fast;
  return create_token(dir, options, bytes_of(pin));
}

std::string config_for(const std::vector<fs::path>& token_dirs, const std::string& extra) {
  nlohmann::json config = nlohmann::json::parse(extra);
  config["tokens"] = nlohmann::json::array();
  for (const fs::path& dir : token_dirs) config["tokens"].push_back(dir.string());
  return config.dump();
}

Context::Context(const std::string& config_json) {
  char error[256] = {};
  const crt_status status = driver().open(config_json.c_str(), &ctx_, error, sizeof error);
  INFO("open failed: " << error);
  REQUIRE(status == CRT_OK);
  REQUIRE(ctx_ != nullptr);
}

Context::~Context() {
  driver().close(ctx_);
}

std::string Context::last_error() const {
  std::size_t len = 0;
  REQUIRE(driver().last_error(ctx_, nullptr, &len) == CRT_OK);
  std::string text(len, '\0');
  REQUIRE(driver().last_error(ctx_, text.data(), &len) == CRT_OK);
  text.resize(len - 1);  // len counts the NUL
  return text;
}

std::vector<std::string> Context::tokens() const {
  std::size_t len = 0;
  REQUIRE(driver().list_tokens(ctx_, nullptr, &len) == CRT_OK);
  std::vector<char> list(len);
  REQUIRE(driver().list_tokens(ctx_, list.data(), &len) == CRT_OK);
  REQUIRE(len >= 1);
  REQUIRE(list[len - 1] == '\0');
  std::vector<std::string> ids;
  for (const char* p = list.data(); *p != '\0'; p += std::strlen(p) + 1) ids.emplace_back(p);
  return ids;
}

crt_token_info Context::info(const std::string& serial) const {
  crt_token_info info{};
  const crt_status status = driver().get_token_info(ctx_, serial.c_str(), &info);
  INFO(last_error());
  REQUIRE(status == CRT_OK);
  return info;
}

Session::Session(const Context& ctx, const std::string& serial) : ctx_(ctx) {
  const crt_status status = driver().open_session(ctx.get(), serial.c_str(), &session_);
  INFO(ctx.last_error());
  REQUIRE(status == CRT_OK);
}

Session::~Session() {
  driver().close_session(session_);
}

crt_status Session::login(std::string_view pin, std::int32_t* retries_left) const {
  return driver().login(session_, bytes_of(pin).data(), pin.size(), retries_left);
}

crt_status Session::change_pin(std::string_view old_pin, std::string_view new_pin,
                               std::int32_t* retries_left) const {
  return driver().change_pin(session_, bytes_of(old_pin).data(), old_pin.size(),
                             bytes_of(new_pin).data(), new_pin.size(), retries_left);
}

GeneratedKey Session::generate(std::uint32_t key_type, std::uint32_t bits,
                               const char* label) const {
  GeneratedKey key;
  key.spki.resize(CRT_SPKI_MAX);
  std::size_t len = key.spki.size();
  const crt_status status =
      driver().generate_key(session_, key_type, bits, label, &key.id, key.spki.data(), &len);
  INFO(ctx_.last_error());
  REQUIRE(status == CRT_OK);
  key.spki.resize(len);
  return key;
}

std::vector<crt_object_info> Session::objects() const {
  std::size_t count = 0;
  REQUIRE(driver().list_objects(session_, nullptr, &count) == CRT_OK);
  std::vector<crt_object_info> infos(count);
  REQUIRE(driver().list_objects(session_, infos.data(), &count) == CRT_OK);
  infos.resize(count);
  return infos;
}

std::vector<std::uint8_t> Session::read(std::uint32_t kind, const crt_object_id& id,
                                        crt_status* status) const {
  std::size_t len = 0;
  crt_status result = driver().read_object(session_, kind, &id, nullptr, &len);
  std::vector<std::uint8_t> value;
  if (result == CRT_OK) {
    value.resize(len);
    result = driver().read_object(session_, kind, &id, value.data(), &len);
    value.resize(result == CRT_OK ? len : 0);
  }
  if (status != nullptr)
    *status = result;
  else
    REQUIRE(result == CRT_OK);
  return value;
}

crt_status Session::sign(const crt_object_id& id, std::uint32_t algorithm, std::string_view message,
                         std::vector<std::uint8_t>& signature, std::string_view signer_id) const {
  const auto* sid = signer_id.empty() ? nullptr : bytes_of(signer_id).data();
  std::size_t len = 0;
  crt_status status = driver().sign(session_, &id, algorithm, sid, signer_id.size(),
                                    bytes_of(message).data(), message.size(), nullptr, &len);
  if (status != CRT_OK) return status;
  signature.resize(len);
  status = driver().sign(session_, &id, algorithm, sid, signer_id.size(), bytes_of(message).data(),
                         message.size(), signature.data(), &len);
  signature.resize(status == CRT_OK ? len : 0);
  return status;
}

crt_status Session::write_cert(const crt_object_id& id, std::span<const std::uint8_t> der,
                               const char* label) const {
  return driver().write_certificate(session_, &id, label, der.data(), der.size());
}

OneToken::OneToken(const std::string& serial_wanted, int retries)
    : dir(tmp.path() / "t"),
      serial(make_token(dir, serial_wanted, retries)),
      ctx(config_for({dir})),
      session(ctx, serial) {}

void OneToken::login() const {
  REQUIRE(session.login(kPin) == CRT_OK);
}

crt_object_id make_id(std::span<const std::uint8_t> bytes) {
  crt_object_id id{};
  REQUIRE(bytes.size() <= CRT_ID_MAX);
  std::memcpy(id.bytes, bytes.data(), bytes.size());
  id.len = static_cast<std::uint32_t>(bytes.size());
  return id;
}

std::vector<std::uint8_t> id_bytes(const crt_object_id& id) {
  return {id.bytes, id.bytes + id.len};
}

bool verify_signature(std::span<const std::uint8_t> spki, std::uint32_t algorithm,
                      std::string_view message, std::span<const std::uint8_t> signature,
                      std::string_view sm2_id) {
  PkeyPtr key = parse_public_key(spki);
  PkeyCtxPtr sm2_ctx;
  MdCtxPtr md(EVP_MD_CTX_new());
  REQUIRE(md);
  if (algorithm == CRT_SIG_SM2_SM3) {
    sm2_ctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    REQUIRE(EVP_PKEY_CTX_set1_id(sm2_ctx.get(), sm2_id.data(), sm2_id.size()) == 1);
    EVP_MD_CTX_set_pkey_ctx(md.get(), sm2_ctx.get());
    REQUIRE(EVP_DigestVerifyInit(md.get(), nullptr, EVP_sm3(), nullptr, key.get()) == 1);
  } else {
    REQUIRE(EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1);
  }
  return EVP_DigestVerify(md.get(), signature.data(), signature.size(), bytes_of(message).data(),
                          message.size()) == 1;
}

std::vector<std::uint8_t> public_key_sha1(std::span<const std::uint8_t> spki) {
  const unsigned char* in = spki.data();
  PubkeyPtr pubkey(d2i_X509_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  REQUIRE(pubkey);
  const unsigned char* bits = nullptr;
  int bits_len = 0;
  REQUIRE(X509_PUBKEY_get0_param(nullptr, &bits, &bits_len, nullptr, pubkey.get()) == 1);
  std::vector<std::uint8_t> md(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  REQUIRE(EVP_Digest(bits, static_cast<std::size_t>(bits_len), md.data(), &len, EVP_sha1(),
                     nullptr) == 1);
  md.resize(len);
  return md;
}

namespace {
certrenew::testing::CertSpec spec_for(const std::string& common_name, bool is_ca) {
  certrenew::testing::CertSpec spec;
  spec.subject = {{"CN", common_name}};
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = std::chrono::system_clock::now() + std::chrono::hours(24 * 365);
  spec.is_ca = is_ca;
  return spec;
}
}  // namespace

std::vector<std::uint8_t> certificate_for(std::span<const std::uint8_t> spki,
                                          const std::string& common_name) {
  using namespace certrenew::testing;
  PkeyPtr subject = parse_public_key(spki);
  const EvpKey ca_key = make_key(KeyKind::ec_p256);
  const X509Ptr ca = issue_cert(spec_for("Test CA", true), ca_key.get(), nullptr, ca_key.get());
  const X509Ptr cert =
      issue_cert(spec_for(common_name, false), subject.get(), ca.get(), ca_key.get());
  return cert_der(cert.get());
}

Pkcs12File make_pkcs12(certrenew::testing::KeyKind kind, const char* password,
                       const char* friendly_name) {
  using namespace certrenew::testing;
  const EvpKey key = make_key(kind);
  const X509Ptr cert = issue_cert(spec_for("p12 holder", false), key.get(), nullptr, key.get());
  Pkcs12Ptr p12(
      PKCS12_create(password, friendly_name, key.get(), cert.get(), nullptr, 0, 0, 0, 0, 0));
  REQUIRE(p12);
  unsigned char* der = nullptr;
  const int len = i2d_PKCS12(p12.get(), &der);
  REQUIRE(len > 0);
  Pkcs12File file{{der, der + len}, cert_der(cert.get()), spki_der(key.get())};
  OPENSSL_free(der);
  return file;
}

std::map<std::string, std::vector<std::uint8_t>> snapshot(const fs::path& dir) {
  std::map<std::string, std::vector<std::uint8_t>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == ".lock") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files[fs::relative(entry.path(), dir).generic_string()] =
        std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

}  // namespace certrenew::softtoken::testing
