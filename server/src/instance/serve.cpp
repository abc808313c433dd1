#include "instance/serve.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "http/http_api.hpp"
#include "http/sandbox_gateway.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

namespace {

httplib::SSLServer* g_server = nullptr;

extern "C" void on_signal(int) {
  if (g_server) g_server->stop();  // only sets a flag and shuts the listening socket down
}

std::pair<std::string, int> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos)
    throw std::runtime_error("listen must be host:port, got " + listen);
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = std::stoi(listen.substr(colon + 1));
  if (port < 0 || port > 65535) throw std::runtime_error("the port must be 0..65535");
  return {host, port};
}

}  // namespace

int serve(const std::filesystem::path& config_file, const std::string& listen_override,
          const std::filesystem::path& port_file, std::chrono::seconds clock_offset) {
  ServerConfig config = ServerConfig::load(config_file);
  auto [host, port] = split_listen(listen_override.empty() ? config.listen : listen_override);
  auto store = open_sqlite_store(config.database);
  RenewalService service(config, std::move(store));

  httplib::SSLServer server(config.tls_certificate.string().c_str(),
                            config.tls_private_key.string().c_str());
  if (!server.is_valid()) throw std::runtime_error("cannot load the TLS certificate or key");
  server.set_payload_max_length(config.max_body_bytes);
  server.set_read_timeout(config.request_timeout_seconds, 0);
  server.set_write_timeout(config.request_timeout_seconds, 0);

  if (port == 0)
    port = server.bind_to_any_port(host.c_str());
  else if (!server.bind_to_port(host.c_str(), port))
    port = -1;
  if (port < 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
  const std::string base = "https://" +
                           (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                           std::to_string(port);

  // The sandbox gateway notifies the service the way a real gateway would: over HTTPS, checking
  // the service's TLS certificate against the instance's TLS root.
  const auto tls_root = config.tls_trust.string();
  SandboxGateway gateway(
      [&](const std::string& body) { return service.sign_notification(body); },
      [host = host, port = port, tls_root](const std::string& body, const std::string& sig) {
        httplib::SSLClient client(host, port);
        client.set_ca_cert_path(tls_root.c_str());
        client.enable_server_certificate_verification(true);
        client.set_connection_timeout(5, 0);
        auto res =
            client.Post("/api/v1/payments/notify", httplib::Headers{{"X-Gateway-Signature", sig}},
                        body, "application/json");
        return res && res->status / 100 == 2;
      });
  mount_api(server, service, gateway, base, clock_offset);
  if (clock_offset.count() != 0)
    spdlog::warn("test option: /api/v1/info reports a clock offset of {} s", clock_offset.count());

  if (!port_file.empty()) {
    std::ofstream(port_file) << port << "\n";
  }
  g_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  spdlog::info("certrenew-server listening on {}", base);
  bool ok = server.listen_after_bind();
  g_server = nullptr;
  spdlog::info("certrenew-server stopped");
  return ok ? 0 : 1;
}

}  // namespace certrenew::server
