#pragma once
// A reverse proxy in front of the service, as a CA deploys one: every request goes on to the real
// certrenew-server over verified TLS and its answer comes back. A test's `Rewrite` sees each
// answer before the client does and may change it, as a broken or hostile proxy would (answer
// 502 after the service committed, alter a download in flight). The proxy's own TLS certificate
// is a test CA's (TlsStub): the client is configured to trust it.

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>

#include "cli_world.hpp"
#include "tls_stub.hpp"

namespace certrenew::testing {

class GatewayProxy {
 public:
  // Called with the client's request and the upstream answer copied into `out` (status, body,
  // content type); changes `out` in place. Runs on the proxy's threads.
  using Rewrite = std::function<void(const httplib::Request& in, httplib::Response& out)>;

  explicit GatewayProxy(const CliWorld& world);

  std::string base_url() const { return stub_.base_url(); }
  const std::filesystem::path& trust_file() const { return stub_.trust_file(); }
  void set_rewrite(Rewrite rewrite);  // empty: answers pass unchanged

 private:
  void routes(httplib::SSLServer& server);
  Rewrite rewrite() const;

  int upstream_port_;
  std::string upstream_trust_;
  mutable std::mutex mutex_;
  Rewrite rewrite_;
  TlsStub stub_;  // last: its threads use the members above
};

}  // namespace certrenew::testing
