#include "instance/serve.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <csignal>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include "console/console_site.hpp"
#include "console/httplib_mount.hpp"
#include "http/crl_route.hpp"
#include "http/http_api.hpp"
#include "http/tls_context.hpp"
#include "payments/sandbox/sandbox_gateway.hpp"
#include "payments/sandbox/sandbox_pages.hpp"
#include "service/crl_publisher.hpp"
#include "instance/init.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

namespace {

httplib::SSLServer* g_server = nullptr;
httplib::Server* g_crl_server = nullptr;

extern "C" void on_signal(int) {
  // Each only sets a flag and shuts a listening socket down.
  if (g_server) g_server->stop();
  if (g_crl_server) g_crl_server->stop();
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

// The sandbox (TEST DOUBLE, demo instances only) notifies the service the way a real gateway
// would: over HTTPS, checking the service's TLS certificate against the instance's TLS root.
std::unique_ptr<SandboxGateway> make_sandbox(const ServerConfig& config, const std::string& host,
                                             int port, const std::string& base) {
  const auto tls_root = config.tls_trust.string();
  return std::make_unique<SandboxGateway>(
      read_secret_file(config.payments.sandbox_key), base,
      [host, port, tls_root](const std::string& body, const std::string& sig) {
        httplib::SSLClient client(host, port);
        client.set_ca_cert_path(tls_root.c_str());
        client.enable_server_certificate_verification(true);
        client.set_connection_timeout(5, 0);
        auto res =
            client.Post("/api/v1/payments/notify", httplib::Headers{{"X-Gateway-Signature", sig}},
                        body, "application/json");
        return res && res->status / 100 == 2;
      });
}

// Regenerates the CRL when due, between requests too, so a fetch never has to wait for it.
class CrlRefresher {
 public:
  explicit CrlRefresher(CrlPublisher& publisher)
      : publisher_(publisher), thread_([this] { run(); }) {}
  ~CrlRefresher() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        publisher_.current();
      } catch (const std::exception& e) {
        spdlog::error("CRL refresh: {}", e.what());
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(60), [&] { return stopping_; });
    }
  }

  CrlPublisher& publisher_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace

int serve(const std::filesystem::path& config_file, const std::string& listen_override,
          const std::filesystem::path& port_file, std::chrono::seconds clock_offset) {
  ServerConfig config = ServerConfig::load(config_file);
  if (clock_offset.count() != 0 && !config.demo)
    throw std::runtime_error(
        "--clock-offset-seconds is a test switch and is refused outside a demo instance");
  auto [host, port] = split_listen(listen_override.empty() ? config.listen : listen_override);
  auto store = open_store(config.store_location());
  RenewalService service(config, std::move(store));

  std::string tls_problem = "cannot set up TLS";
  httplib::SSLServer server([&](SSL_CTX& ctx) {
    tls_problem = configure_tls(ctx, config);
    return tls_problem.empty();
  });
  if (!server.is_valid()) throw std::runtime_error(tls_problem);
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

  std::unique_ptr<SandboxGateway> sandbox;
  if (config.payments.gateway == "sandbox") {  // config.demo is checked when the config loads
    sandbox = make_sandbox(config, host, port, base);
    service.set_payment_gateway(sandbox.get());
    mount_sandbox_pages(server, *sandbox);
    spdlog::warn("demo instance: online payments go to the sandbox gateway (a test double)");
  }
  mount_api(server, service, base, clock_offset);
  if (clock_offset.count() != 0)
    spdlog::warn("test option: /api/v1/info reports a clock offset of {} s", clock_offset.count());

  // The operators' console (issue 18) under /console/.
  console::ConsoleSite console_site(service, find_assets_dir());
  console::mount_console(server, console_site);
  if (!config.operators.empty())
    spdlog::warn(
        "config.json still sets `operators` (a shared operator token): deprecated, use named "
        "operators (certrenew-server operator add / token) and remove it");

  // The built-in CA publishes its CRL; an external CA (CMP) publishes its own.
  const CertificateAuthority* builtin_ca = service.issuer().certificate_authority();
  std::optional<CrlPublisher> crl;
  std::optional<CrlRefresher> crl_refresher;
  if (builtin_ca) {
    crl.emplace(*builtin_ca, service.store(), config.crl);
    mount_crl(server, *crl, config.crl.path);
    crl_refresher.emplace(*crl);
  }
  std::unique_ptr<httplib::Server> crl_server;
  std::thread crl_thread;
  if (builtin_ca && !config.crl.http_listen.empty()) {
    auto [crl_host, crl_port] = split_listen(config.crl.http_listen);
    crl_server = std::make_unique<httplib::Server>();
    mount_crl(*crl_server, *crl, config.crl.path);
    if (!crl_server->bind_to_port(crl_host.c_str(), crl_port))
      throw std::runtime_error("cannot listen for CRL requests on " + config.crl.http_listen);
    crl_thread = std::thread([&] { crl_server->listen_after_bind(); });
    g_crl_server = crl_server.get();
  }

  if (!port_file.empty()) {
    std::ofstream(port_file) << port << "\n";
  }
  g_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  spdlog::info("certrenew-server listening on {}", base);
  bool ok = server.listen_after_bind();
  g_server = nullptr;
  if (crl_server) {
    crl_server->stop();
    crl_thread.join();
    g_crl_server = nullptr;
  }
  spdlog::info("certrenew-server stopped");
  return ok ? 0 : 1;
}

}  // namespace certrenew::server
