#include "http/access_log.hpp"

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "certrenew/core/protocol/json_field.hpp"

namespace certrenew::server {

namespace {

std::string mask_segment(const std::string& segment) {
  const bool has_digit = std::any_of(segment.begin(), segment.end(),
                                     [](unsigned char c) { return std::isdigit(c) != 0; });
  if (segment.size() < 8 || !has_digit) return segment;
  return segment.substr(0, 4) + std::string(segment.size() - 4, '*');
}

std::string utc_now_millis() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)), static_cast<int>(ms));
}

}  // namespace

std::string mask_path(const std::string& path) {
  std::string out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::string segment =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    out += mask_segment(segment);
    if (slash == std::string::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::string mask_address(const std::string& address) {
  if (address.find(':') != std::string::npos) {  // IPv6: the first three groups (/48)
    int colons = 0;
    for (std::size_t i = 0; i < address.size(); ++i)
      if (address[i] == ':' && ++colons == 3) return address.substr(0, i) + "::";
    return address;
  }
  const auto dot = address.rfind('.');
  return dot == std::string::npos ? address : address.substr(0, dot) + ".0";
}

RequestObserver json_access_log() {
  auto logger = spdlog::get("access");
  if (!logger) {
    logger = std::make_shared<spdlog::logger>("access",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("%v");
    spdlog::register_logger(logger);
  }
  return [logger](const RequestRecord& r) {
    const nlohmann::json line = {{"time", utc_now_millis()},
                                 {"listener", r.listener},
                                 {"method", r.method},
                                 {"route", r.route},
                                 {"path", mask_path(r.path)},
                                 {"status", r.status},
                                 {"duration_ms", static_cast<double>(r.duration.count()) / 1000.0},
                                 {"request_bytes", r.request_bytes},
                                 {"answer_bytes", r.answer_bytes},
                                 {"remote", mask_address(r.remote_address)}};
    logger->info(protocol::encode_json(line));  // never throws on odd bytes in a path
  };
}

}  // namespace certrenew::server
