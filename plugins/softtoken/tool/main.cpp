// certrenew-softtoken-tool: creates software tokens, imports PKCS#12 files into them and shows
// what they hold. Secrets come from files, environment variables or a no-echo prompt.

#include "codec.hpp"
#include "file_io.hpp"
#include "secret_input.hpp"

#include <certrenew/token_driver.h>
#include <certrenew/softtoken/store.hpp>

#include <openssl/provider.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <string>

namespace st = certrenew::softtoken;

namespace {

constexpr std::size_t kMaxP12File = 1024 * 1024;

void add_pin_options(CLI::App& command, st::tool::SecretSource& pin) {
  auto* file = command.add_option("--pin-file", pin.file, "read the token PIN from this file");
  auto* env = command.add_option("--pin-env", pin.env_name,
                                 "read the token PIN from this environment variable");
  file->excludes(env);
}

void print_summary(const st::TokenSummary& token) {
  std::cout << "serial:       " << token.serial << "\n"
            << "label:        " << token.label << "\n"
            << "manufacturer: " << token.manufacturer << "\n"
            << "model:        " << token.model << "\n"
            << "PIN retries:  " << token.retries_left << " of " << token.retries_max
            << (token.retries_left == 0 ? " (locked)" : "") << "\n"
            << "objects:      " << token.objects.size() << "\n";
  for (const st::ObjectSummary& object : token.objects) {
    std::cout << "  " << (object.kind == CRT_OBJ_PRIVATE_KEY ? "key " : "cert") << "  "
              << st::hex_encode(object.id) << "  " << st::key_type_name(object.key_type) << " "
              << object.key_bits << "  \"" << object.label << "\"\n";
  }
}

// Real-world .p12 files often use RC2 or 3DES; RC2 lives in OpenSSL's legacy provider. The tool
// is its own process, so loading it here affects nobody else. Best effort: absent is fine.
class LegacyCiphers {
 public:
  LegacyCiphers()
      : default_(OSSL_PROVIDER_load(nullptr, "default")),  // explicit loading disables the
        legacy_(OSSL_PROVIDER_load(nullptr, "legacy")) {}  // implicit default provider
  LegacyCiphers(const LegacyCiphers&) = delete;
  LegacyCiphers& operator=(const LegacyCiphers&) = delete;
  ~LegacyCiphers() {
    if (legacy_ != nullptr) OSSL_PROVIDER_unload(legacy_);
    if (default_ != nullptr) OSSL_PROVIDER_unload(default_);
  }

 private:
  OSSL_PROVIDER* default_;
  OSSL_PROVIDER* legacy_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Creates CertRenew software tokens and imports PKCS#12 files into them."};
  app.require_subcommand(1);

  std::string dir;
  st::TokenOptions options;
  std::string kdf_cost = "default";
  st::tool::SecretSource pin;
  auto* init = app.add_subcommand("init", "create a new token in an empty directory");
  init->add_option("--dir", dir, "the token directory (new or empty)")->required();
  init->add_option("--label", options.label, "the token's label")->required();
  init->add_option("--serial", options.serial, "the serial / token id (default: random)");
  init->add_option("--retries", options.max_retries, "wrong PINs before the PIN locks")
      ->check(CLI::Range(1, 100));
  init->add_option("--kdf-cost", kdf_cost, "scrypt cost: default, or fast (tests only)")
      ->check(CLI::IsMember({"fast", "default"}));
  add_pin_options(*init, pin);

  std::string p12_file;
  std::string label;
  st::tool::SecretSource p12_pass;
  auto* import = app.add_subcommand("import-p12", "add a PKCS#12's key and certificate");
  import->add_option("--dir", dir, "the token directory")->required();
  import->add_option("--p12", p12_file, "the .p12/.pfx file (DER)")->required();
  import->add_option("--label", label, "label of the key and certificate");
  auto* pass_file =
      import->add_option("--p12-pass-file", p12_pass.file, "read the PKCS#12 password from a file");
  auto* pass_env = import->add_option("--p12-pass-env", p12_pass.env_name,
                                      "read the PKCS#12 password from this environment variable");
  pass_file->excludes(pass_env);
  add_pin_options(*import, pin);

  auto* info = app.add_subcommand("info", "show a token's identity, PIN state and objects");
  info->add_option("--dir", dir, "the token directory")->required();

  CLI11_PARSE(app, argc, argv);

  try {
    if (init->parsed()) {
      options.cost = kdf_cost == "fast" ? st::KdfCost::fast : st::KdfCost::standard;
      const st::Secret new_pin = st::tool::read_secret(pin, "New token PIN", /*confirm=*/true);
      const std::string serial = st::create_token(dir, options, new_pin.view());
      std::cout << "created token " << serial << " in " << dir << "\n";
    } else if (import->parsed()) {
      const LegacyCiphers legacy_ciphers;
      const std::vector<std::uint8_t> p12 = st::read_file(p12_file, kMaxP12File);
      const st::Secret password = st::tool::read_secret(p12_pass, "PKCS#12 password", false);
      const st::Secret token_pin = st::tool::read_secret(pin, "Token PIN", false);
      const std::vector<std::uint8_t> id = st::import_pkcs12(
          dir, p12, {reinterpret_cast<const char*>(password.data()), password.size()},
          token_pin.view(), label);
      std::cout << "imported key and certificate with id " << st::hex_encode(id) << "\n";
    } else if (info->parsed()) {
      print_summary(st::describe_token(dir));
    }
  } catch (const std::exception& e) {
    std::cerr << "certrenew-softtoken-tool: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
