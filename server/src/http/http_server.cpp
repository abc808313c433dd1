#include "http/http_server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "http/http_server_impl.hpp"
#include "http/http_session.hpp"

namespace certrenew::server {

namespace {

std::size_t worker_count(const ServingConfig& c) {
  if (c.worker_threads > 0) return static_cast<std::size_t>(c.worker_threads);
  return std::max(2u, std::thread::hardware_concurrency());
}

void log_request(const RequestRecord& r) {
  spdlog::info("{} {} {}", r.method, r.path, r.status);
}

}  // namespace

HttpServer::Impl::Impl(const ServingConfig& c)
    : config(c),
      observer(log_request),
      ioc(std::max(1, c.io_threads)),
      workers(worker_count(c)),
      signals(ioc, SIGINT, SIGTERM),
      stop_watch(ioc) {}

std::list<std::weak_ptr<Connection>>::iterator HttpServer::Impl::enrol(
    std::weak_ptr<Connection> c) {
  std::lock_guard lock(registry_mutex);
  return registry.insert(registry.end(), std::move(c));
}

void HttpServer::Impl::leave(std::list<std::weak_ptr<Connection>>::iterator it) {
  std::lock_guard lock(registry_mutex);
  registry.erase(it);
}

void HttpServer::Impl::observe(const RequestRecord& record) const {
  try {
    observer(record);
  } catch (const std::exception& e) {  // a log or metrics failure never fails a request
    spdlog::warn("request observer: {}", e.what());
  }
}

void HttpServer::Impl::accept(Listener& listener) {
  listener.acceptor->async_accept(asio::make_strand(ioc), [this, &listener](
                                                              beast::error_code ec,
                                                              asio::ip::tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopping) return;
    if (ec) {
      // Out of descriptors, typically: try again shortly instead of spinning.
      spdlog::warn("{}: accept failed: {}", listener.name, ec.message());
      auto retry = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(100));
      retry->async_wait([this, &listener, retry](beast::error_code) {
        if (!stopping) accept(listener);
      });
      return;
    }
    if (open >= config.max_connections) {
      beast::error_code ignored;
      socket.close(ignored);  // over the cap: refused at once, costs nothing
    } else {
      ++open;
      beast::error_code ignored;
      socket.set_option(asio::ip::tcp::no_delay(true), ignored);
      const auto peer = socket.remote_endpoint(ignored);
      std::string remote = ignored ? std::string() : peer.address().to_string();
      beast::tcp_stream tcp(std::move(socket));
      if (listener.tls) {
        using S = Session<beast::ssl_stream<beast::tcp_stream>>;
        auto s = std::make_shared<S>(
            *this, listener, beast::ssl_stream<beast::tcp_stream>(std::move(tcp), *listener.tls),
            std::move(remote));
        s->start(enrol(s));
      } else {
        using S = Session<beast::tcp_stream>;
        auto s = std::make_shared<S>(*this, listener, std::move(tcp), std::move(remote));
        s->start(enrol(s));
      }
    }
    accept(listener);
  });
}

void HttpServer::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  spdlog::info("stopping: no new connections; finishing the requests in flight");
  beast::error_code ignored;
  signals.cancel(ignored);
  for (auto& l : listeners)
    if (l.acceptor) l.acceptor->close(ignored);
  {
    std::lock_guard lock(registry_mutex);
    for (auto& weak : registry)
      if (auto c = weak.lock()) c->on_server_stopping();
  }
  stop_deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(config.shutdown_grace_seconds);
  watch_stop();
}

// Polls until every connection is gone (run() then returns as the io_context runs out of work),
// or the grace time is over.
void HttpServer::Impl::watch_stop() {
  if (open == 0) return;
  if (std::chrono::steady_clock::now() >= stop_deadline) {
    spdlog::warn("stopping: {} connection(s) still busy after the grace time", open.load());
    ioc.stop();
    return;
  }
  stop_watch.expires_after(std::chrono::milliseconds(20));
  stop_watch.async_wait([this](beast::error_code ec) {
    if (!ec) watch_stop();
  });
}

HttpServer::HttpServer(const ServingConfig& config) : impl_(std::make_unique<Impl>(config)) {}

HttpServer::~HttpServer() {
  impl_->ioc.stop();
  impl_->workers.join();
}

int HttpServer::listen(const std::string& name, const std::string& host, int port,
                       const Router& router, const TlsSetup& tls) {
  Listener& l = impl_->listeners.emplace_back();
  l.name = name;
  l.router = &router;
  if (tls) {
    l.tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    std::string problem = tls(*l.tls->native_handle());
    if (!problem.empty()) throw std::runtime_error(problem);
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) throw std::runtime_error(name + ": not an IP address: " + host);
  const asio::ip::tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& acceptor = l.acceptor.emplace(impl_->ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + " (" + name +
                             "): " + ec.message());
  const int bound = acceptor.local_endpoint().port();
  impl_->accept(l);
  return bound;
}

void HttpServer::set_observer(RequestObserver observer) {
  impl_->observer = std::move(observer);
}

void HttpServer::run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](beast::error_code ec, int) {
    if (!ec) s.begin_stop();
  });
  std::vector<std::thread> extra;
  for (int i = 1; i < s.config.io_threads; ++i) extra.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : extra) t.join();
  s.workers.join();
}

void HttpServer::stop() {
  asio::post(impl_->ioc, [s = impl_.get()] { s->begin_stop(); });
}

std::size_t HttpServer::open_connections() const {
  return impl_->open;
}

std::pair<std::string, int> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos)
    throw std::runtime_error("listen must be host:port, got " + listen);
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) throw std::invalid_argument("port");
  } catch (const std::exception&) {
    throw std::runtime_error("listen must be host:port, got " + listen);
  }
  if (port < 0 || port > 65535) throw std::runtime_error("the port must be 0..65535");
  return {host, port};
}

}  // namespace certrenew::server
