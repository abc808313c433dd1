#pragma once
// One client connection of the serving layer, over plain TCP or TLS (Stream is
// beast::tcp_stream or beast::ssl_stream<beast::tcp_stream>). All of its steps run on its own
// strand; the handler runs on the worker pool. Deadlines come from beast::tcp_stream's timer,
// which covers every read of one logical step: a client trickling bytes (slow loris) cannot
// stretch the header deadline. Each step's deadline:
//   TLS handshake + first request's headers   header_timeout_seconds
//   waiting for a later request               keep_alive_seconds, then header_timeout_seconds
//   the body                                  body_timeout_seconds
//   writing the answer                        body_timeout_seconds
// A refused request (413/431/400) is answered, then what the client still sends is read and
// dropped for a moment (bounded in bytes and time) so that it sees the answer instead of a reset.

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <type_traits>

#include "http/beast_exchange.hpp"
#include "http/http_server_impl.hpp"
#include "http/refusal.hpp"

namespace certrenew::server {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

template <class Stream>
class Session final : public Connection, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
  // After a refusal, what the client had already sent sits in the socket buffers (megabytes on
  // a fast link); closing with it unread would reset the connection and destroy the answer
  // before the client reads it. So it is read and dropped (through one small buffer) for a
  // bounded time, as web servers' "lingering close" does.
  static constexpr std::size_t kDrainBytes = std::size_t{64} << 20;
  static constexpr auto kDrainTime = std::chrono::seconds(2);

 public:
  Session(HttpServer::Impl& server, const Listener& listener, Stream stream, std::string remote)
      : server_(server),
        listener_(listener),
        stream_(std::move(stream)),
        buffer_(server.config.max_header_bytes + 16 * 1024),
        remote_(std::move(remote)) {}

  ~Session() override {
    server_.leave(registration_);
    --server_.open;
  }

  void start(std::list<std::weak_ptr<Connection>>::iterator registration) {
    registration_ = registration;
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

  void on_server_stopping() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->state_ == State::waiting || self->state_ == State::reading_header) self->close();
    });
  }

 private:
  enum class State { waiting, reading_header, reading_body, handling, writing, closing };

  auto& lowest() { return beast::get_lowest_layer(stream_); }
  std::chrono::seconds seconds(int n) const { return std::chrono::seconds(n); }
  const ServingConfig& config() const { return server_.config; }

  void begin() {
    state_ = State::waiting;
    lowest().expires_after(seconds(config().header_timeout_seconds));
    if constexpr (kTls) {
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->close();
                                self->read_header();
                              });
    } else {
      read_header();
    }
  }

  // Between requests: wait for the next one's first bytes within the keep-alive time.
  void wait_for_request() {
    state_ = State::waiting;
    if (server_.stopping) return close();
    if (buffer_.size() > 0) {  // pipelined: the next request is here already
      lowest().expires_after(seconds(config().header_timeout_seconds));
      return read_header();
    }
    lowest().expires_after(seconds(config().keep_alive_seconds));
    stream_.async_read_some(buffer_.prepare(1024), [self = this->shared_from_this()](
                                                       beast::error_code ec, std::size_t n) {
      self->buffer_.commit(n);
      if (ec) return self->close();
      self->lowest().expires_after(self->seconds(self->config().header_timeout_seconds));
      self->read_header();
    });
  }

  void read_header() {
    state_ = State::reading_header;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(config().max_header_bytes));
    parser_->body_limit(static_cast<std::uint64_t>(config().max_body_bytes));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               self->on_header(ec);
                             });
  }

  // True when `ec` is the client's malformed HTTP (answered 400), not a transport event.
  static bool is_bad_http(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
  }

  bool refused(const beast::error_code& ec) {
    if (ec == bhttp::error::header_limit) return refuse(431, "headers_too_large"), true;
    if (ec == bhttp::error::body_limit) return refuse(413, "payload_too_large"), true;
    if (ec == beast::error::timeout || !is_bad_http(ec)) return close(), true;
    return refuse(400, "bad_request"), true;
  }

  void on_header(beast::error_code ec) {
    if (ec) return void(refused(ec));
    header_done_ = std::chrono::steady_clock::now();
    if (parser_->is_done()) return handle();
    state_ = State::reading_body;
    lowest().expires_after(seconds(config().body_timeout_seconds));
    if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      auto go_on = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                        parser_->get().version());
      bhttp::async_write(
          stream_, *go_on,
          [self = this->shared_from_this(), go_on](beast::error_code e, std::size_t) {
            if (e) return self->close();
            self->read_body();
          });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return void(self->refused(ec));
                        self->handle();
                      });
  }

  void handle() {
    state_ = State::handling;
    ++requests_;
    lowest().expires_never();
    const bool keep_alive = parser_->keep_alive();
    const unsigned version = parser_->get().version();
    auto request = std::make_shared<HttpRequest>(to_http_request(parser_->get(), remote_));
    parser_.reset();
    asio::post(server_.workers, [self = this->shared_from_this(), request, keep_alive, version] {
      RequestRecord record;
      HttpAnswer answer = self->listener_.router->answer(*request, &record.route);
      record.listener = self->listener_.name;
      record.method = request->method;
      record.path = request->path;
      record.status = answer.status;
      record.duration = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - self->header_done_);
      record.request_bytes = request->body.size();
      record.answer_bytes = answer.body.size();
      record.remote_address = self->remote_;
      self->server_.observe(record);
      asio::post(self->stream_.get_executor(),
                 [self, answer = std::move(answer), keep_alive, version]() mutable {
                   self->write(std::move(answer), version, keep_alive, false);
                 });
    });
  }

  // Answers a request the serving layer refuses by itself; the connection closes after it.
  void refuse(int status, const std::string& code) {
    RequestRecord record;
    record.listener = listener_.name;
    record.route = "refused";
    record.status = status;
    record.remote_address = remote_;
    if (parser_ && parser_->is_header_done()) {
      record.method = std::string(parser_->get().method_string());
      const auto target = parser_->get().target();
      record.path = std::string(target.substr(0, target.find('?')));
    }
    server_.observe(record);
    const unsigned version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
    parser_.reset();
    write(refusal(status, code), version, false, true);
  }

  void write(HttpAnswer answer, unsigned version, bool keep_alive, bool drain) {
    state_ = State::writing;
    keep_alive =
        keep_alive && !server_.stopping && requests_ < config().max_requests_per_connection;
    answer_ =
        std::make_shared<BeastResponse>(to_beast_response(std::move(answer), version, keep_alive));
    lowest().expires_after(seconds(config().body_timeout_seconds));
    bhttp::async_write(
        stream_, *answer_,
        [self = this->shared_from_this(), keep_alive, drain](beast::error_code ec, std::size_t) {
          self->answer_.reset();
          if (ec) return self->close();
          if (drain) return self->start_drain();
          if (!keep_alive) return self->finish();
          self->wait_for_request();
        });
  }

  void start_drain() {
    state_ = State::closing;
    drained_ = 0;
    lowest().expires_after(kDrainTime);
    drain();
  }

  // Reads and drops what the client still sends after a refusal, into the same small buffer,
  // until it closes or the drain's time or byte budget is spent.
  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kDrainBytes) return self->close();
                              self->drain();
                            });
  }

  // After the last answer: TLS close_notify (briefly), then the socket.
  void finish() {
    state_ = State::closing;
    if constexpr (kTls) {
      lowest().expires_after(std::chrono::seconds(1));
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->close(); });
    } else {
      close();
    }
  }

  void close() {
    state_ = State::closing;
    beast::error_code ignored;
    lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    lowest().close();
  }

  HttpServer::Impl& server_;
  const Listener& listener_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<BeastResponse> answer_;
  std::string remote_;
  std::list<std::weak_ptr<Connection>>::iterator registration_;
  State state_ = State::waiting;
  int requests_ = 0;
  std::size_t drained_ = 0;
  std::chrono::steady_clock::time_point header_done_;
};

}  // namespace certrenew::server
