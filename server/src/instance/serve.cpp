#include "instance/serve.hpp"

#include "instance/allocator_tuning.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "console/console_site.hpp"
#include "console/router_mount.hpp"
#include "http/access_log.hpp"
#include "http/crl_route.hpp"
#include "http/health_routes.hpp"
#include "http/http_api.hpp"
#include "http/http_server.hpp"
#include "http/https_client.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/store_metrics.hpp"
#include "http/tls_context.hpp"
#include "instance/init.hpp"
#include "notify/notify_setup.hpp"
#include "payments/sandbox/sandbox_gateway.hpp"
#include "payments/sandbox/sandbox_pages.hpp"
#include "service/crl_publisher.hpp"
#include "service/issuer_job_worker.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

namespace {

// The sandbox (TEST DOUBLE, demo instances only) notifies the service the way a real gateway
// would: over HTTPS, checking the service's TLS certificate against the instance's TLS root.
std::unique_ptr<SandboxGateway> make_sandbox(const ServerConfig& config, const std::string& host,
                                             int port, const std::string& base) {
  const auto tls_root = config.tls_trust;
  return std::make_unique<SandboxGateway>(
      read_secret_file(config.payments.sandbox_key), base,
      [host, port, tls_root](const std::string& body, const std::string& sig) {
        HttpsCall call;
        call.host = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host;
        call.port = port;
        call.trust = tls_root;
        call.method = "POST";
        call.target = "/api/v1/payments/notify";
        call.headers = {{"X-Gateway-Signature", sig}};
        call.body = body;
        call.timeout = std::chrono::seconds(5);
        try {
          return https_call(call).status / 100 == 2;
        } catch (const std::exception& e) {
          spdlog::warn("sandbox gateway: {}", e.what());
          return false;
        }
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

// Each connection is a descriptor: take the hard limit the system allows (a systemd unit sets
// it with LimitNOFILE) rather than the shell's default soft limit of 1024.
void raise_open_file_limit(std::size_t max_connections) {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur >= r.rlim_max) return;
  r.rlim_cur = r.rlim_max;
  setrlimit(RLIMIT_NOFILE, &r);
  getrlimit(RLIMIT_NOFILE, &r);
  if (r.rlim_cur < max_connections + 64)
    spdlog::warn("open-file limit {} is below serving.max_connections {}: raise LimitNOFILE",
                 static_cast<unsigned long long>(r.rlim_cur), max_connections);
}

}  // namespace

int serve(const std::filesystem::path& config_file, const std::string& listen_override,
          const std::filesystem::path& port_file, std::chrono::seconds clock_offset) {
  ServerConfig config = ServerConfig::load(config_file);
  if (clock_offset.count() != 0 && !config.demo)
    throw std::runtime_error(
        "--clock-offset-seconds is a test switch and is refused outside a demo instance");
  auto [host, port] = split_listen(listen_override.empty() ? config.listen : listen_override);
  raise_open_file_limit(config.serving.max_connections);
  keep_freed_memory_for_requests();
  auto store = open_store(config.store_location());
  RenewalService service(config, std::move(store));
  // Notifications (issue 19): delivers the outbox while the service runs.
  auto outbox_worker =
      make_outbox_worker(service.store(), service.notifier(), config, clock_offset);
  // Issue 22: issues approved applications and revokes at an external CA, outside requests.
  IssuerJobWorker issuer_jobs(service);

  // Routers first: the server's connections refer to them until it is gone.
  Router api;
  Router crl_only;
  Router admin;
  Metrics metrics;
  HttpServer server(config.serving);
  server.set_observer([&metrics, log = json_access_log()](const RequestRecord& r) {
    metrics.record(r);
    log(r);
  });
  port = server.listen("api", host, port, api,
                       [&config](SSL_CTX& ctx) { return configure_tls(ctx, config); });
  const std::string base = "https://" +
                           (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                           std::to_string(port);

  std::unique_ptr<SandboxGateway> sandbox;
  if (config.payments.gateway == "sandbox") {  // config.demo is checked when the config loads
    sandbox = make_sandbox(config, host, port, base);
    service.set_payment_gateway(sandbox.get());
    mount_sandbox_pages(api, *sandbox);
    spdlog::warn("demo instance: online payments go to the sandbox gateway (a test double)");
  }
  mount_api(api, service, base, clock_offset);
  mount_health(api, service);  // load balancers probe the public port
  if (clock_offset.count() != 0)
    spdlog::warn("test option: /api/v1/info reports a clock offset of {} s", clock_offset.count());

  // The operators' console (issue 18) under /console/.
  console::ConsoleSite console_site(service, find_assets_dir());
  console::mount_console(api, console_site);
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
    mount_crl(api, *crl, config.crl.path);
    crl_refresher.emplace(*crl);
    if (!config.crl.http_listen.empty()) {
      auto [crl_host, crl_port] = split_listen(config.crl.http_listen);
      mount_crl(crl_only, *crl, config.crl.path);
      server.listen("crl", crl_host, crl_port, crl_only);
    }
  }

  if (!config.serving.metrics_listen.empty()) {
    auto [admin_host, admin_port] = split_listen(config.serving.metrics_listen);
    mount_metrics(
        admin, metrics, [&server] { return server.open_connections(); },
        [&service] { return store_metrics_text(service.store()); });
    mount_health(admin, service);
    admin_port = server.listen("admin", admin_host, admin_port, admin);
    spdlog::info("metrics on http://{}:{}/metrics (admin only)", admin_host, admin_port);
  }

  if (!port_file.empty()) {
    std::ofstream(port_file) << port << "\n";
  }
  spdlog::info("certrenew-server listening on {}", base);
  outbox_worker->start();
  issuer_jobs.start();
  server.run();
  spdlog::info("certrenew-server stopped");
  return 0;
}

}  // namespace certrenew::server
