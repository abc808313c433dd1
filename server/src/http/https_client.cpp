#include "http/https_client.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <stdexcept>

namespace certrenew::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

HttpsReply https_call(const HttpsCall& call) {
  const std::string where = call.host + ":" + std::to_string(call.port);
  asio::io_context ioc;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  beast::error_code ec;
  ctx.load_verify_file(call.trust.string(), ec);
  if (ec) throw std::runtime_error("cannot read the TLS trust file " + call.trust.string());
  ctx.set_verify_mode(asio::ssl::verify_peer);

  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  X509_VERIFY_PARAM* param = SSL_get0_param(stream.native_handle());
  asio::ip::make_address(call.host, ec);
  const bool is_ip = !ec;
  if (is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, call.host.c_str()) != 1
            : (X509_VERIFY_PARAM_set1_host(param, call.host.c_str(), 0) != 1 ||
               SSL_ctrl(stream.native_handle(),
                        SSL_CTRL_SET_TLSEXT_HOSTNAME,  // SNI (the macro's cast
                        TLSEXT_NAMETYPE_host_name,     // trips -Wold-style-cast)
                        const_cast<char*>(call.host.c_str())) != 1))
    throw std::runtime_error("cannot set up TLS for " + where);

  // Each step runs the io_context to completion; the stream's deadline covers all of them.
  auto step = [&](const char* what, auto&& start) {
    ec = {};
    start();
    ioc.run();
    ioc.restart();
    if (ec) throw std::runtime_error(std::string(what) + " " + where + " failed: " + ec.message());
  };
  auto done = [&](beast::error_code e, auto&&...) { ec = e; };

  beast::get_lowest_layer(stream).expires_after(call.timeout);
  asio::ip::tcp::resolver resolver(ioc);
  asio::ip::tcp::resolver::results_type endpoints;
  step("resolving", [&] {
    resolver.async_resolve(call.host, std::to_string(call.port),
                           [&](beast::error_code e, asio::ip::tcp::resolver::results_type r) {
                             ec = e;
                             endpoints = std::move(r);
                           });
  });
  step("connecting to", [&] { beast::get_lowest_layer(stream).async_connect(endpoints, done); });
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().set_option(asio::ip::tcp::no_delay(true), ignored);
  step("TLS with", [&] { stream.async_handshake(asio::ssl::stream_base::client, done); });

  http::request<http::string_body> req;
  req.method_string(call.method);
  req.target(call.target);
  req.version(11);
  req.set(http::field::host, call.host);
  req.set(http::field::user_agent, "certrenew-server");
  for (const auto& [name, value] : call.headers) req.set(name, value);
  if (call.method != "GET") {
    req.set(http::field::content_type, call.content_type);
    req.body() = call.body;
  }
  req.keep_alive(false);
  req.prepare_payload();
  step("sending to", [&] { http::async_write(stream, req, done); });

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::uint64_t{4} << 20);
  step("reading the answer of", [&] { http::async_read(stream, buffer, parser, done); });
  auto& res = parser.get();
  return {static_cast<int>(res.result_int()), std::move(res.body())};
}

}  // namespace certrenew::server
