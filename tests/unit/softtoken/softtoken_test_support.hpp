#pragma once
// Helpers for the softtoken unit tests: tokens made with the fast KDF, RAII wrappers around the
// driver table (called directly, no library loading), signature verification with OpenSSL, and
// snapshots of a token directory to prove that a failed operation changed nothing.

#include <certrenew/token_driver.h>
#include <certrenew/softtoken/driver.hpp>
#include <certrenew/softtoken/store.hpp>

#include <test_pki.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::softtoken::testing {

using certrenew::testing::TempDir;
namespace fs = std::filesystem;

inline constexpr std::string_view kPin = "123456";
inline constexpr std::string_view kSm2DefaultId = "1234567812345678";

inline const crt_driver_v1& driver() {
  return *driver_table();
}

inline std::span<const std::uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// A token with the fast KDF in `dir`; returns its serial.
std::string make_token(const fs::path& dir, const std::string& serial = "", int retries = 10,
                       std::string_view pin = kPin);

// {"tokens": [dir...]} plus any extra members given as a JSON object text.
std::string config_for(const std::vector<fs::path>& token_dirs, const std::string& extra = "{}");

class Context {
 public:
  explicit Context(const std::string& config_json);  // fails the test if open fails
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  crt_context* get() const { return ctx_; }
  std::string last_error() const;
  std::vector<std::string> tokens() const;
  crt_token_info info(const std::string& serial) const;

 private:
  crt_context* ctx_ = nullptr;
};

struct GeneratedKey {
  crt_object_id id{};
  std::vector<std::uint8_t> spki;
};

class Session {
 public:
  Session(const Context& ctx, const std::string& serial);  // fails the test if open fails
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  crt_session* get() const { return session_; }
  crt_status login(std::string_view pin, std::int32_t* retries_left = nullptr) const;
  crt_status change_pin(std::string_view old_pin, std::string_view new_pin,
                        std::int32_t* retries_left = nullptr) const;
  GeneratedKey generate(std::uint32_t key_type, std::uint32_t bits = 0,
                        const char* label = "") const;  // fails the test on error
  std::vector<crt_object_info> objects() const;
  // The object's value, or empty with `status` set when reading fails.
  std::vector<std::uint8_t> read(std::uint32_t kind, const crt_object_id& id,
                                 crt_status* status = nullptr) const;
  crt_status sign(const crt_object_id& id, std::uint32_t algorithm, std::string_view message,
                  std::vector<std::uint8_t>& signature, std::string_view signer_id = {}) const;
  crt_status write_cert(const crt_object_id& id, std::span<const std::uint8_t> der,
                        const char* label = "cert") const;

 private:
  const Context& ctx_;
  crt_session* session_ = nullptr;
};

// One token (fast KDF) in a temporary folder, with a context and a session on it, not logged in.
struct OneToken {
  explicit OneToken(const std::string& serial_wanted, int retries = 10);
  void login() const;  // with kPin; fails the test otherwise

  TempDir tmp;
  fs::path dir;
  std::string serial;
  Context ctx;
  Session session;
};

crt_object_id make_id(std::span<const std::uint8_t> bytes);
std::vector<std::uint8_t> id_bytes(const crt_object_id& id);

// OpenSSL's verdict on a signature made by the token; SM2 uses `sm2_id`.
bool verify_signature(std::span<const std::uint8_t> spki, std::uint32_t algorithm,
                      std::string_view message, std::span<const std::uint8_t> signature,
                      std::string_view sm2_id = kSm2DefaultId);

// SHA-1 of the subjectPublicKey bits of a DER SubjectPublicKeyInfo.
std::vector<std::uint8_t> public_key_sha1(std::span<const std::uint8_t> spki);

// A certificate for the public key in `spki`, issued by a throw-away test CA.
std::vector<std::uint8_t> certificate_for(std::span<const std::uint8_t> spki,
                                          const std::string& common_name);

// A PKCS#12 (DER) holding a fresh key of `kind` and a self-signed certificate for it.
struct Pkcs12File {
  std::vector<std::uint8_t> der;
  std::vector<std::uint8_t> cert_der;
  std::vector<std::uint8_t> spki;
};
Pkcs12File make_pkcs12(certrenew::testing::KeyKind kind, const char* password,
                       const char* friendly_name);

// Every regular file under `dir` (relative path -> contents), without the lock file.
std::map<std::string, std::vector<std::uint8_t>> snapshot(const fs::path& dir);

}  // namespace certrenew::softtoken::testing
