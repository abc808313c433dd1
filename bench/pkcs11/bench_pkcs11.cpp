// What signing and key generation cost through the PKCS#11 bridge, against the peers a reader
// would reach for, all on one SoftHSM2 token in the same run:
//  - raw PKCS#11: C_SignInit + C_Sign on a key handle already found, in this process (the floor:
//    what the module itself costs); bridge/raw is the bridge's and the plugin host's overhead
//    (finding the key by CKA_ID, reading its type, hashing, DER-encoding r||s);
//  - pkcs11-tool: OpenSC's tool, one process per operation, as a script would run it. It pays
//    process start-up, module load and C_Initialize, login and the key search every time, so
//    tool/bridge says how much a long-lived bridge session saves per operation; "tool start-up"
//    (pkcs11-tool -I: start, load, initialise, nothing else) shows how much of that is fixed cost.
// Medians of repeats; no timing is asserted anywhere.
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attributes.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/driver.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/signature_encoding.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "measure.hpp"
#include "module.hpp"
#include "return_codes.hpp"
#include "softhsm_fixture.hpp"
#include "token_scan.hpp"

namespace {

using namespace certrenew;
using namespace certrenew::bench;
using namespace certrenew::testing;

// In-process signatures per repeat; pkcs11-tool: one run per repeat.
constexpr Repeats kDefaultRepeats{7, 50};

const std::string kMessage = "CertRenew renewal application to be signed on the token";

double ms(double seconds) {
  return seconds * 1e3;
}

// One in-process PKCS#11 session with the user logged in, straight on the module: the floor.
class RawSession {
 public:
  RawSession(const std::filesystem::path& module_path, const std::string& serial,
             const std::string& pin)
      : module_(pkcs11::Module::acquire(module_path)) {
    const auto found = pkcs11::find_token({module_}, {}, serial.c_str());
    const CK_FUNCTION_LIST& api = module_->api();
    pkcs11::check_rv(api.C_OpenSession(found.slot, CKF_SERIAL_SESSION, nullptr, nullptr, &handle_),
                     "C_OpenSession", "opening the raw session");
    std::string copy = pin;
    const CK_RV rv =
        api.C_Login(handle_, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(copy.data()), copy.size());
    if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) throw std::runtime_error("raw login");
  }
  ~RawSession() { module_->api().C_CloseSession(handle_); }

  pkcs11::SessionRef ref() const { return {&module_->api(), handle_}; }

  CK_OBJECT_HANDLE private_key(const Bytes& id) const {
    const auto keys = pkcs11::find_by_id(ref(), CKO_PRIVATE_KEY, id);
    if (keys.empty()) throw std::runtime_error("raw: no key");
    return keys.front();
  }

  // C_SignInit + C_Sign, as the bridge does for this mechanism, on a known handle.
  void sign(CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE mechanism, Bytes input) const {
    CK_MECHANISM m{mechanism, nullptr, 0};
    Bytes signature(512);
    CK_ULONG len = signature.size();
    if (module_->api().C_SignInit(handle_, &m, key) != CKR_OK ||
        module_->api().C_Sign(handle_, input.data(), input.size(), signature.data(), &len) !=
            CKR_OK)
      throw std::runtime_error("raw sign failed");
  }

 private:
  std::shared_ptr<pkcs11::Module> module_;
  CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
};

// The DER DigestInfo for SHA-256 that CKM_RSA_PKCS signs, built by OpenSSL's X509_SIG.
Bytes sha256_digest_info(const Bytes& digest) {
  const std::unique_ptr<X509_SIG, decltype(&X509_SIG_free)> info(X509_SIG_new(), X509_SIG_free);
  X509_ALGOR* algorithm = nullptr;
  ASN1_OCTET_STRING* octets = nullptr;
  if (!info) throw std::runtime_error("out of memory");
  X509_SIG_getm(info.get(), &algorithm, &octets);
  if (X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
      ASN1_OCTET_STRING_set(octets, digest.data(), static_cast<int>(digest.size())) != 1)
    throw std::runtime_error("cannot build the DigestInfo");
  const int len = i2d_X509_SIG(info.get(), nullptr);
  if (len <= 0) throw std::runtime_error("cannot encode the DigestInfo");
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* der = out.data();
  i2d_X509_SIG(info.get(), &der);
  return out;
}

void write_file(const std::filesystem::path& path, ByteView bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

double tool_seconds(const SoftHsmToken& token, const std::vector<std::string>& args, bool login) {
  const auto start = Clock::now();
  const ToolResult result = token.pkcs11_tool(args, login);
  const std::chrono::duration<double> elapsed = Clock::now() - start;
  if (result.exit_code != 0) throw std::runtime_error("pkcs11-tool failed:\n" + result.output);
  return elapsed.count();
}

void print_row(const char* what, double bridge, double raw, double tool, double startup) {
  if (raw > 0)
    std::printf("%-16s %12.3f %12.3f %10.2fx %14.1f %11.0fx %14.1f\n", what, ms(bridge), ms(raw),
                bridge / raw, ms(tool), tool / bridge, ms(startup));
  else
    std::printf("%-16s %12.3f %12s %11s %14.1f %11.1fx %14.1f\n", what, ms(bridge), "-", "-",
                ms(tool), tool / bridge, ms(startup));
}

int run(const Repeats& settings) {
  SoftHsmToken token;
  const auto ec = token.enroll(SoftHsmKey::ec_p256, "01", "bench ec");
  const auto rsa = token.enroll(SoftHsmKey::rsa2048, "02", "bench rsa");

  // The floor first: it initialises the module, so the bridge's context shares it.
  const RawSession raw(softhsm_module(), token.serial(), token.pin());
  token::PluginHost host;
  auto loaded = host.load_file(pkcs11_driver_file());
  if (std::holds_alternative<token::Rejection>(loaded))
    throw std::runtime_error(std::get<token::Rejection>(loaded).describe());
  const token::TokenContext context = std::get<token::Driver>(loaded).open(token.driver_config());
  token::Session session = context.open_session(token.serial());
  session.login(SecureBuffer(token.pin()));

  const Bytes digest = token::sha256_digest(as_bytes(kMessage));
  const std::filesystem::path digest_file = token.dir() / "digest.bin";
  const std::filesystem::path message_file = token.dir() / "message.bin";
  const std::filesystem::path signature_file = token.dir() / "signature.bin";
  write_file(digest_file, digest);
  write_file(message_file, as_bytes(kMessage));

  const CK_OBJECT_HANDLE raw_ec = raw.private_key(ec.id);
  const CK_OBJECT_HANDLE raw_rsa = raw.private_key(rsa.id);
  const Bytes digest_info = sha256_digest_info(digest);

  std::vector<double> startup, bridge_ec, raw_ec_t, tool_ec, bridge_rsa, raw_rsa_t, tool_rsa;
  std::vector<double> gen_bridge_ec, gen_tool_ec, gen_bridge_rsa, gen_tool_rsa;
  std::uint8_t tool_key = 0x10;  // ids 10, 11, ... for pkcs11-tool's keys (at most 2 per repeat)
  auto next_id = [&] { return to_hex(Bytes{0x7f, tool_key++}); };
  for (int repeat = 0; repeat < settings.repeats; ++repeat) {
    startup.push_back(tool_seconds(token, {"--show-info"}, false));

    bridge_ec.push_back(seconds_per_operation(settings.iterations, [&] {
      session.sign(ec.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage));
    }));
    raw_ec_t.push_back(
        seconds_per_operation(settings.iterations, [&] { raw.sign(raw_ec, CKM_ECDSA, digest); }));
    tool_ec.push_back(tool_seconds(token,
                                   {"--sign", "--mechanism", "ECDSA", "--id", "01", "--input-file",
                                    digest_file.string(), "--output-file", signature_file.string()},
                                   true));

    bridge_rsa.push_back(seconds_per_operation(settings.iterations, [&] {
      session.sign(rsa.id, SignatureAlgorithm::rsa_pkcs1_sha256, as_bytes(kMessage));
    }));
    raw_rsa_t.push_back(seconds_per_operation(
        settings.iterations, [&] { raw.sign(raw_rsa, CKM_RSA_PKCS, digest_info); }));
    tool_rsa.push_back(
        tool_seconds(token,
                     {"--sign", "--mechanism", "SHA256-RSA-PKCS", "--id", "02", "--input-file",
                      message_file.string(), "--output-file", signature_file.string()},
                     true));

    // Key generation: one per repeat each way; the bridge's keys are deleted again.
    gen_bridge_ec.push_back(seconds_per_operation(1, [&] {
      const auto key = session.generate_key(token::KeyType::ec_p256, 0, "bench gen");
      session.delete_object(token::ObjectKind::private_key, key.id);
    }));
    gen_tool_ec.push_back(tool_seconds(token,
                                       {"--keypairgen", "--key-type", "EC:prime256v1", "--id",
                                        next_id(), "--label", "bench tool gen"},
                                       true));
    gen_bridge_rsa.push_back(seconds_per_operation(1, [&] {
      const auto key = session.generate_key(token::KeyType::rsa, 2048, "bench gen");
      session.delete_object(token::ObjectKind::private_key, key.id);
    }));
    gen_tool_rsa.push_back(tool_seconds(
        token,
        {"--keypairgen", "--key-type", "rsa:2048", "--id", next_id(), "--label", "bench tool gen"},
        true));
  }

  const double start_up = median(startup);
  std::printf(
      "PKCS#11 bridge vs raw PKCS#11 and pkcs11-tool on one SoftHSM2 token, median of %d "
      "repeats (%d in-process signatures each)\n",
      settings.repeats, settings.iterations);
  std::printf(
      "bridge = Session::sign / generate_key through the plugin host (hashing and DER in the "
      "host);\nraw = C_SignInit+C_Sign on a key handle found beforehand, same mechanism "
      "(CKM_ECDSA / CKM_RSA_PKCS);\npkcs11-tool = one process per operation (start, load "
      "module, C_Initialize, login with the PIN typed on a pty, find key, sign);\n"
      "tool start-up = pkcs11-tool --show-info (start, load, initialise, no login); "
      "keygen rows include the bridge deleting its key again\n\n");
  std::printf("%-16s %12s %12s %11s %14s %12s %14s\n", "operation", "bridge (ms)", "raw (ms)",
              "bridge/raw", "pkcs11-tool(ms)", "tool/bridge", "tool start-up");
  print_row("sign P-256", median(bridge_ec), median(raw_ec_t), median(tool_ec), start_up);
  print_row("sign RSA-2048", median(bridge_rsa), median(raw_rsa_t), median(tool_rsa), start_up);
  print_row("keygen P-256", median(gen_bridge_ec), 0, median(gen_tool_ec), start_up);
  print_row("keygen RSA-2048", median(gen_bridge_rsa), 0, median(gen_tool_rsa), start_up);
  std::printf(
      "\nbridge/raw near 1 means the bridge adds little to the module's own work; tool/bridge "
      "is what one long-lived\nsession saves per operation over running the tool; RSA key "
      "generation varies a lot from key to key (prime search).\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Repeats settings = kDefaultRepeats;
  if (!parse_repeats(argc, argv, "certrenew-bench-pkcs11", settings)) return 2;
  try {
    return run(settings);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "certrenew-bench-pkcs11: %s\n", error.what());
    return 1;
  }
}
