#include "instance/admin_client.hpp"

#include <httplib.h>

#include <fstream>
#include <stdexcept>

#include "service/config.hpp"

namespace certrenew::server {

AdminTarget admin_target_from_config(const std::filesystem::path& config_file,
                                     const std::filesystem::path& token_file,
                                     const std::string& listen_override) {
  ServerConfig c = ServerConfig::load(config_file);
  AdminTarget t;
  const std::string listen = listen_override.empty() ? c.listen : listen_override;
  auto colon = listen.rfind(':');
  if (colon == std::string::npos)
    throw std::runtime_error("listen must be host:port, got " + listen);
  t.host = listen.substr(0, colon);
  if (t.host.size() > 2 && t.host.front() == '[') t.host = t.host.substr(1, t.host.size() - 2);
  t.port = std::stoi(listen.substr(colon + 1));
  t.tls_root = c.tls_trust;
  std::ifstream in(token_file);
  if (!in || !(in >> t.token) || t.token.empty())
    throw std::runtime_error("cannot read the operator token from " + token_file.string());
  return t;
}

nlohmann::json admin_call(const AdminTarget& t, const std::string& method, const std::string& path,
                          const nlohmann::json& body) {
  httplib::SSLClient client(t.host, t.port);
  client.set_ca_cert_path(t.tls_root.string().c_str());
  client.enable_server_certificate_verification(true);
  client.set_bearer_token_auth(t.token.c_str());
  client.set_connection_timeout(10, 0);
  httplib::Result res =
      method == "GET" ? client.Get(path.c_str())
                      : client.Post(path.c_str(), body.is_null() ? std::string("{}") : body.dump(),
                                    "application/json");
  if (!res)
    throw std::runtime_error("cannot reach the service at " + t.host + ":" +
                             std::to_string(t.port) + ": " + httplib::to_string(res.error()));
  nlohmann::json answer = nlohmann::json::parse(res->body, nullptr, false);
  if (res->status / 100 != 2) {
    std::string msg = answer.is_object() && answer.contains("error")
                          ? answer["error"].value("message", std::string("error"))
                          : res->body;
    throw std::runtime_error("the service refused (" + std::to_string(res->status) + "): " + msg);
  }
  return answer;
}

}  // namespace certrenew::server
