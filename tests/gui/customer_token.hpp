#pragma once
// A customer's software token for the GUI tests' special cases: a certificate issued by the test
// server's own CA (as its enrollment would), with the validity and PIN retry limit a scenario
// needs (expired; two tries left). The key is generated on the token through the real driver.

#include <chrono>
#include <filesystem>
#include <string>

namespace certrenew::testing {

struct CustomerTokenOptions {
  std::string label = "CertRenew 测试令牌";
  std::string common_name = "胡某";
  std::chrono::days valid_from{-345};  // relative to now
  std::chrono::days valid_until{20};
  int max_retries = 10;
};

// Creates the token in `root`/<folder> with PIN `pin`; `ca_dir` is the server instance's folder
// (its ca/ca.crt and ca/ca.key issue the certificate). Returns the token's serial.
std::string make_customer_token(const std::filesystem::path& root, const std::string& folder,
                                const std::filesystem::path& ca_dir, const std::string& pin,
                                const CustomerTokenOptions& options);

}  // namespace certrenew::testing
