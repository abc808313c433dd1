#include "http/beast_exchange.hpp"

#include <cctype>

#include "certrenew/core/hex_digit.hpp"

namespace certrenew::server {

namespace http = boost::beast::http;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void parse_query(std::string_view query, std::map<std::string, std::string>& out) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string key = percent_decode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1), true);
    out.emplace(std::move(key), std::move(value));  // the first of a repeated name wins
  }
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int hi = hex_digit_value(text[i + 1]), lo = hex_digit_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

HttpRequest to_http_request(BeastRequest& request, std::string remote_address) {
  HttpRequest r;
  r.method = std::string(request.method_string());
  r.target = std::string(request.target());
  const auto question = r.target.find('?');
  r.path = r.target.substr(0, question);
  if (question != std::string::npos)
    parse_query(std::string_view(r.target).substr(question + 1), r.query);
  for (const auto& field : request) {
    const auto raw_name = field.name_string();
    std::string name = lower(std::string_view(raw_name.data(), raw_name.size()));
    auto [it, fresh] = r.headers.emplace(std::move(name), std::string(field.value()));
    if (!fresh) it->second += ", " + std::string(field.value());
  }
  r.body = std::move(request.body());
  r.remote_address = std::move(remote_address);
  return r;
}

BeastResponse to_beast_response(HttpAnswer answer, unsigned version, bool keep_alive) {
  BeastResponse res;
  res.version(version);
  res.result(static_cast<unsigned>(answer.status));
  res.set(http::field::content_type, answer.content_type);
  for (auto& [name, value] : answer.headers) res.insert(name, value);
  res.body() = std::move(answer.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace certrenew::server
