#include "idle_connections.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "measure.hpp"
#include "raw_connection.hpp"
#include "server_process.hpp"

namespace certrenew::bench {

namespace {

using testing::ServerProcess;
using testing::serving::RawConnection;

struct InfoLatency {
  double new_connection = 0;  // median seconds: connect, TLS handshake, request, answer
  double kept_alive = 0;      // median seconds: one request on an open connection
};

void expect_info(const httplib::Result& answer) {
  if (!answer || answer->status != 200)
    throw std::runtime_error(
        "GET /api/v1/info failed: " +
        (answer ? std::to_string(answer->status) : httplib::to_string(answer.error())));
}

InfoLatency info_latency(const ServerProcess& s, int samples) {
  std::vector<double> fresh, reused;
  for (int i = 0; i < samples; ++i) {
    const auto start = Clock::now();
    expect_info(s.client()->Get("/api/v1/info"));
    fresh.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  auto client = s.client();
  client->set_keep_alive(true);
  expect_info(client->Get("/api/v1/info"));  // the connection is open from here on
  for (int i = 0; i < samples; ++i) {
    const auto start = Clock::now();
    expect_info(client->Get("/api/v1/info"));
    reused.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  return {median(std::move(fresh)), median(std::move(reused))};
}

void latency_line(const char* what, double none, double with_idle) {
  std::printf("  %-28s %10.0f us  %10.0f us  %8.2fx\n", what, none * 1e6, with_idle * 1e6,
              with_idle / none);
}

}  // namespace

void info_latency_with_idle_connections(int idle, int samples) {
  // Both ends of every idle connection live in this machine's two processes.
  const long limit = testing::serving::raise_open_file_limit(2L * idle + 512);
  if (limit < idle + 256)
    throw std::runtime_error("the open-file limit (" + std::to_string(limit) +
                             ") is too low for the idle connections");
  ServerProcess s;
  // Idle connections that never start TLS are closed at the handshake deadline (10 s by
  // default); give them the whole run, so every sample below sees all of them open.
  s.reconfigure([](nlohmann::json& config) { config["serving"]["header_timeout_seconds"] = 600; });
  info_latency(s, 10);  // warm: the first connections, the first allocations
  const InfoLatency none = info_latency(s, samples);
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (int i = 0; i < idle; ++i)
    connections.push_back(std::make_unique<RawConnection>(s.port(), ""));
  const InfoLatency with_idle = info_latency(s, samples);
  std::printf(
      "\n== serving: GET /api/v1/info on certrenew-server (TLS, SQLite), median of %d, with %d "
      "idle connections against none ==\n",
      samples, idle);
  std::printf("  %-28s %13s  %13s  %9s\n", "", "none idle", "idle open", "ratio");
  latency_line("new connection (TLS + GET)", none.new_connection, with_idle.new_connection);
  latency_line("kept-alive connection", none.kept_alive, with_idle.kept_alive);
  if (connections.front()->readable(0))  // still open: the figures were taken with them all
    throw std::runtime_error("the server closed the idle connections during the measurement");
}

}  // namespace certrenew::bench
