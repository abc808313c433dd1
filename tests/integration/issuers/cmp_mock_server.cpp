#include "cmp_mock_server.hpp"

namespace certrenew::testing {

namespace {

std::vector<std::string> arguments(const CmpMockServer::Options& o, int port) {
  std::vector<std::string> args{"/usr/bin/openssl",
                                "cmp",
                                "-port",
                                std::to_string(port),
                                "-rsp_cert",
                                o.response.string(),
                                "-srv_cert",
                                o.server_certificate.string(),
                                "-srv_key",
                                o.server_key.string()};
  if (!o.client_trust.empty()) args.insert(args.end(), {"-srv_trusted", o.client_trust.string()});
  if (!o.secret.empty()) args.insert(args.end(), {"-srv_secret", "pass:" + o.secret});
  if (o.poll_count > 0)
    args.insert(args.end(), {"-poll_count", std::to_string(o.poll_count), "-check_after", "1"});
  if (o.accept_raverified) args.push_back("-accept_raverified");
  return args;
}

}  // namespace

CmpMockServer::CmpMockServer(const Options& o)
    : port_(o.port > 0 ? o.port : free_loopback_port()),
      process_(arguments(o, port_), port_, o.log) {}

TlsFront::TlsFront(const std::filesystem::path& certificate, const std::filesystem::path& key,
                   int backend_port, const std::filesystem::path& log)
    : port_(free_loopback_port()),
      process_({"/usr/bin/socat",
                "OPENSSL-LISTEN:" + std::to_string(port_) +
                    ",bind=127.0.0.1,reuseaddr,fork,verify=0,cert=" + certificate.string() +
                    ",key=" + key.string(),
                "TCP:127.0.0.1:" + std::to_string(backend_port)},
               port_, log) {}

}  // namespace certrenew::testing
