#include "gateway_proxy.hpp"

namespace certrenew::testing {

GatewayProxy::GatewayProxy(const CliWorld& world)
    : upstream_port_(world.server().port()),
      upstream_trust_(world.server().tls_root().string()),
      stub_({{"IP:127.0.0.1"}, false, [this](httplib::SSLServer& s) { routes(s); }}) {}

void GatewayProxy::set_rewrite(Rewrite rewrite) {
  const std::lock_guard lock(mutex_);
  rewrite_ = std::move(rewrite);
}

GatewayProxy::Rewrite GatewayProxy::rewrite() const {
  const std::lock_guard lock(mutex_);
  return rewrite_;
}

void GatewayProxy::routes(httplib::SSLServer& server) {
  auto forward = [this](const httplib::Request& in, httplib::Response& out) {
    httplib::SSLClient upstream("127.0.0.1", upstream_port_);
    upstream.set_ca_cert_path(upstream_trust_.c_str());
    upstream.enable_server_certificate_verification(true);
    httplib::Request request;
    request.method = in.method;
    request.path = in.target;
    request.body = in.body;
    for (const char* name : {"Authorization", "Content-Type"})
      if (in.has_header(name)) request.set_header(name, in.get_header_value(name));
    httplib::Result answer = upstream.send(request);
    if (answer) {
      out.status = answer->status;
      out.set_content(answer->body, answer->get_header_value("Content-Type").c_str());
    } else {
      out.status = 502;
    }
    if (const Rewrite r = rewrite()) r(in, out);
  };
  server.Get(".*", forward);
  server.Post(".*", forward);
  server.Put(".*", forward);
  server.Delete(".*", forward);
}

}  // namespace certrenew::testing
