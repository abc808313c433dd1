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

// Request times (seconds) of `samples` requests on new connections, then on one kept-alive one.
struct Samples {
  std::vector<double> new_connection, kept_alive;
};

void sample_info(const ServerProcess& s, int samples, Samples& out) {
  for (int i = 0; i < samples; ++i) {
    const auto start = Clock::now();
    expect_info(s.client()->Get("/api/v1/info"));
    out.new_connection.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  auto client = s.client();
  client->set_keep_alive(true);
  expect_info(client->Get("/api/v1/info"));  // the connection is open from here on
  for (int i = 0; i < samples; ++i) {
    const auto start = Clock::now();
    expect_info(client->Get("/api/v1/info"));
    out.kept_alive.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
}

InfoLatency medians(Samples samples) {
  return {median(std::move(samples.new_connection)), median(std::move(samples.kept_alive))};
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
  Samples warm;
  sample_info(s, 10, warm);  // the first connections, the first allocations
  // Rounds that alternate between none and `idle` open, so that a change in the machine's load
  // (other work on shared cores) falls on both figures alike.
  constexpr int kRounds = 5;
  const int per_round = samples / kRounds > 0 ? samples / kRounds : 1;
  Samples without, with;
  for (int round = 0; round < kRounds; ++round) {
    sample_info(s, per_round, without);
    std::vector<std::unique_ptr<RawConnection>> connections;
    for (int i = 0; i < idle; ++i)
      connections.push_back(std::make_unique<RawConnection>(s.port(), ""));
    sample_info(s, per_round, with);
    if (connections.front()->readable(0))  // still open: the samples were taken with them all
      throw std::runtime_error("the server closed the idle connections during the measurement");
  }
  const InfoLatency none = medians(std::move(without));
  const InfoLatency with_idle = medians(std::move(with));
  std::printf(
      "\n== serving: GET /api/v1/info on certrenew-server (TLS, SQLite), median of %d in %d "
      "alternating rounds, with %d idle connections against none ==\n",
      per_round * kRounds, kRounds, idle);
  std::printf("  %-28s %13s  %13s  %9s\n", "", "none idle", "idle open", "ratio");
  latency_line("new connection (TLS + GET)", none.new_connection, with_idle.new_connection);
  latency_line("kept-alive connection", none.kept_alive, with_idle.kept_alive);
}

}  // namespace certrenew::bench
