#include "security_support.hpp"

#include <fstream>

namespace certrenew::testing::security {

int shell(const std::string& command, std::string* output) {
  return run_program({"/bin/sh", "-c", command + " </dev/null"}, output);
}

void write_pem_certificate(const std::filesystem::path& file, const Bytes& der) {
  std::ofstream out(file, std::ios::trunc);
  out << "-----BEGIN CERTIFICATE-----\n";
  const std::string b64 = to_base64(der);
  for (std::size_t i = 0; i < b64.size(); i += 64) out << b64.substr(i, 64) << "\n";
  out << "-----END CERTIFICATE-----\n";
}

}  // namespace certrenew::testing::security
