#pragma once
// Shared by the PKCS#11 bridge tests: the bridge loaded through the real plugin host, signature
// checks with OpenSSL, and the environment switches of the fault-injecting test module.

#include <filesystem>
#include <optional>
#include <string>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/signer.hpp"
#include "certrenew/core/token/driver.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "softhsm_fixture.hpp"
#include "token_test_support.hpp"  // ScopedEnv

namespace certrenew::testing {

// bin/plugins/libcertrenew-pkcs11.so through token::PluginHost (throws when the host refuses it).
token::Driver load_pkcs11_bridge();

// A bridge context with `config_json` (throws TokenError when the bridge refuses it).
token::TokenContext open_bridge(const std::string& config_json);

// {"modules":[module],"tokens":[uri]} as JSON text.
std::string bridge_config(const std::filesystem::path& module, const std::string& uri);

// True when `signature` (X.509/CMS form: RSA octets or DER ECDSA) verifies over `message` with
// SHA-256 under the DER SubjectPublicKeyInfo `spki`.
bool verifies(const Bytes& spki, ByteView message, const Bytes& signature);

// The object listing of the token as pkcs11-tool prints it (after login): for attribute checks
// done by a tool that is not ours.
std::string pkcs11_tool_objects(const SoftHsmToken& token);

// libcertrenew-test-pkcs11-faulty.so (tests/support/pkcs11_faulty) of this build tree.
std::filesystem::path faulty_module_file();

// Writes the fault module's control words (see faulty_module.cpp), replacing the old ones.
void set_faults(const std::filesystem::path& control_file, const std::string& words);

}  // namespace certrenew::testing
