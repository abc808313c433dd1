#include "instance/admin_client.hpp"

#include <fstream>
#include <stdexcept>

#include "http/https_client.hpp"
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
  HttpsCall call;
  call.host = t.host;
  call.port = t.port;
  call.trust = t.tls_root;
  call.method = method;
  call.target = path;
  call.headers = {{"Authorization", "Bearer " + t.token}};
  if (method != "GET") call.body = body.is_null() ? std::string("{}") : body.dump();
  call.timeout = std::chrono::seconds(30);
  HttpsReply res;
  try {
    res = https_call(call);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string("cannot reach the service: ") + e.what());
  }
  nlohmann::json answer = nlohmann::json::parse(res.body, nullptr, false);
  if (res.status / 100 != 2) {
    std::string msg = answer.is_object() && answer.contains("error")
                          ? answer["error"].value("message", std::string("error"))
                          : res.body;
    throw std::runtime_error("the service refused (" + std::to_string(res.status) + "): " + msg);
  }
  return answer;
}

}  // namespace certrenew::server
