#pragma once
// A SoftHSM2 token made for one test (link `certrenew-test-softhsm`): its own token directory and
// softhsm2.conf in a fresh temporary folder, a token initialised there with softhsm2-util, and
// OpenSC's pkcs11-tool to place keys and certificates on it the way a CA's enrollment does. The
// folder is removed when the object goes.
//
//   certrenew::testing::SoftHsmToken token;               // label "CertRenew Test", PIN 123456
//   auto enrolled = token.enroll(SoftHsmKey::ec_p256, "01", "signing key");
//   auto context = driver.open(token.driver_config());     // the PKCS#11 bridge, this token only
//
// SOFTHSM2_CONF: SoftHSM2 reads it once, in C_Initialize. By default the constructor sets it in
// this process (and the destructor restores it), so the bridge loaded in-process finds the token;
// child processes get it through environment(). Keep one SoftHsmToken per process at a time while
// a bridge context is open: a module initialised for one store does not see another.
//
// PINs: the tools are run on a pseudo-terminal and the PINs typed at their prompts, never passed
// on a command line. They are test PINs for a throwaway token. POSIX only (forkpty), like the
// other process-starting test support.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "test_pki.hpp"

namespace certrenew::testing {

// SoftHSM2's PKCS#11 module (/usr/lib/softhsm/libsofthsm2.so, or $CERTRENEW_SOFTHSM_MODULE).
std::filesystem::path softhsm_module();

// bin/plugins/libcertrenew-pkcs11.so of this build tree (the bridge under test).
std::filesystem::path pkcs11_driver_file();

// What a tool run printed (stdout and stderr together, as on a terminal) and its exit code.
struct ToolResult {
  int exit_code = -1;
  std::string output;
};

enum class SoftHsmKey { ec_p256, rsa2048 };

class SoftHsmToken {
 public:
  struct Options {
    std::string label = "CertRenew Test";
    std::string pin = "123456";
    std::string so_pin = "12345678";
    bool set_process_env = true;  // set SOFTHSM2_CONF in this process while the object lives
    // Where to make the store; empty: a fresh temporary folder, removed with the object. A given
    // folder is created if needed and left in place (for scripts that run tools on it later).
    std::filesystem::path dir;
  };

  // Creates the folder and configuration and initialises the token. Throws std::runtime_error
  // with the tool's output when something fails.
  SoftHsmToken();
  explicit SoftHsmToken(Options options);
  ~SoftHsmToken();
  SoftHsmToken(const SoftHsmToken&) = delete;
  SoftHsmToken& operator=(const SoftHsmToken&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& conf_file() const { return conf_file_; }
  const std::string& label() const { return options_.label; }
  const std::string& serial() const { return serial_; }  // the bridge's token id
  const std::string& pin() const { return options_.pin; }
  const std::string& so_pin() const { return options_.so_pin; }

  // "SOFTHSM2_CONF=<conf_file()>", for child processes (the driver check, the CLI).
  std::vector<std::string> environment() const;
  // {"modules":[softhsm_module()],"tokens":["pkcs11:serial=<serial>"]}: the bridge, this token.
  std::string driver_config() const;

  // Initialises one more token in the same store (SoftHSM2 renumbers the slots); its serial.
  std::string add_token(const std::string& label) const;

  // Runs `argv` (argv[0] looked up in PATH) on a pseudo-terminal with SOFTHSM2_CONF set, typing
  // the next of `answers` at each prompt that asks for a PIN.
  ToolResult run(const std::vector<std::string>& argv,
                 const std::vector<std::string>& answers = {}) const;
  // pkcs11-tool --module <softhsm> --token-label <label> <args>; with `login`, also --login and
  // the user PIN typed at its prompt.
  ToolResult pkcs11_tool(const std::vector<std::string>& args, bool login = false) const;

  // A CA's enrollment: pkcs11-tool --keypairgen (EC:prime256v1 or rsa:2048) with CKA_ID `id_hex`
  // and `label`, then a certificate for that public key, issued by a throwaway CA, written with
  // pkcs11-tool --write-object under the same id and label. Throws when a step fails.
  struct Enrolled {
    std::vector<std::uint8_t> id;           // CKA_ID bytes
    std::vector<std::uint8_t> spki;         // DER SubjectPublicKeyInfo of the new key
    std::vector<std::uint8_t> certificate;  // DER of the certificate written
  };
  Enrolled enroll(SoftHsmKey key, const std::string& id_hex, const std::string& label) const;

  // The pieces of enroll() on their own.
  void generate_key_pair(SoftHsmKey key, const std::string& id_hex, const std::string& label) const;
  std::vector<std::uint8_t> public_key(const std::string& id_hex) const;
  void write_certificate(const std::string& id_hex, const std::vector<std::uint8_t>& der,
                         const std::string& label) const;

 private:
  std::string serial_of(const std::string& label) const;

  Options options_;
  std::optional<TempDir> temp_;
  std::filesystem::path dir_;
  std::filesystem::path conf_file_;
  std::string serial_;
  std::optional<std::string> previous_conf_;  // SOFTHSM2_CONF before we set it
  bool env_set_ = false;
};

}  // namespace certrenew::testing
