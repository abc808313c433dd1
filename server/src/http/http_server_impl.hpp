#pragma once
// HttpServer's insides, shared by the listener (http_server.cpp) and the connections
// (http_session.hpp). Not for use outside the serving layer.

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <optional>

#include "http/http_server.hpp"

namespace certrenew::server {

namespace asio = boost::asio;

// What the server needs from a connection when it stops: close it if it is between requests.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void on_server_stopping() = 0;  // called on any thread
};

struct Listener {
  std::string name;
  const Router* router = nullptr;
  std::unique_ptr<asio::ssl::context> tls;  // null: plain HTTP
  std::optional<asio::ip::tcp::acceptor> acceptor;
};

struct HttpServer::Impl {
  explicit Impl(const ServingConfig& c);

  // Members in this order: connections (destroyed with the io_context's pending handlers) reach
  // back to the registry and counters, which must outlive the io_context.
  ServingConfig config;
  RequestObserver observer;
  std::atomic<std::size_t> open{0};
  std::atomic<bool> stopping{false};
  std::mutex registry_mutex;
  std::list<std::weak_ptr<Connection>> registry;

  asio::io_context ioc;
  asio::thread_pool workers;
  asio::signal_set signals;
  asio::steady_timer stop_watch;
  std::chrono::steady_clock::time_point stop_deadline;
  std::list<Listener> listeners;

  void accept(Listener& listener);
  void begin_stop();  // on the io_context
  void watch_stop();
  void observe(const RequestRecord& record) const;

  // A connection's place in the registry, removed when the connection goes.
  std::list<std::weak_ptr<Connection>>::iterator enrol(std::weak_ptr<Connection> c);
  void leave(std::list<std::weak_ptr<Connection>>::iterator it);
};

}  // namespace certrenew::server
