#pragma once
// Helpers the pki tests share: a test CA and certificate holders of each key kind, made at test
// time with test_pki, and a way to run the openssl command line for the interop tests.

#include <chrono>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/pki/error.hpp"
#include "test_pki.hpp"

namespace certrenew::testing {

inline constexpr KeyKind kAllKeyKinds[] = {KeyKind::rsa2048, KeyKind::ec_p256, KeyKind::sm2};
std::string kind_name(KeyKind kind);

using Clock = std::chrono::system_clock;
inline constexpr std::chrono::hours kDay{24};

struct Issued {
  EvpKey key;
  X509Ptr certificate;
  Bytes der;
};

// A self-signed CA valid from a year ago for ten years.
Issued make_ca(KeyKind kind, const std::string& common_name = "CertRenew Test CA");

// A certificate holder's subject and extensions as a Chinese CA issues them: C, O and CN in
// UTF-8, digitalSignature + nonRepudiation, clientAuth + emailProtection, valid for a year.
CertSpec holder_spec();

// A certificate for `key` (a fresh key of `kind` when null) issued by `ca` under `spec`.
Issued issue(const Issued& ca, KeyKind kind, const CertSpec& spec, EvpKey key = nullptr);

// The code of the PkiError `action` throws; nullopt when it does not throw one.
std::optional<pki::PkiErrc> pki_error_of(const std::function<void()>& action);

// DER built by hand, for inputs no library would write: a tag-length-value (short or long form
// length, values up to 64 KiB) and parts joined.
Bytes tlv(std::uint8_t tag, const Bytes& value);
Bytes cat(std::initializer_list<Bytes> parts);

// DER of a certificate's subject name.
Bytes subject_der(const X509* certificate);

// True when `der` contains the DER encoding of the dotted OID (as OpenSSL encodes it).
bool contains_oid(ByteView der, const char* dotted);

void write_file(const std::filesystem::path& path, ByteView bytes);
void write_file(const std::filesystem::path& path, const std::string& text);
Bytes read_file(const std::filesystem::path& path);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
// Runs a shell command line (arguments are ours, never user input) and captures its output.
CommandResult run_command(const std::string& command_line, const std::filesystem::path& work_dir);
std::string quoted(const std::filesystem::path& path);

// `openssl req -verify` on a DER request in `work_dir`, with extra options (e.g.
// "-vfyopt distid:1234567812345678"). OpenSSL 3.0 exits 0 even when the signature fails, so judge
// by the output: "verify OK" or "verify failure".
CommandResult openssl_req_verify(const std::filesystem::path& work_dir, ByteView csr_der,
                                 const std::string& extra_options);

struct CmsVerifyResult {
  CommandResult result;  // exit 0 and "Verification successful" when accepted
  Bytes content_out;     // what openssl wrote as the verified content
};
// `openssl cms -verify -binary` on DER SignedData in `work_dir`, trusting only `ca_certificate`.
CmsVerifyResult openssl_cms_verify(const std::filesystem::path& work_dir, ByteView signed_data_der,
                                   const X509* ca_certificate);

}  // namespace certrenew::testing
