// Issue 17: what a misbehaving client can do to the serving layer of a real certrenew-server
// process — idle sockets, slow loris, endless bodies, huge headers — and what it must not
// achieve: the service keeps answering others, memory stays flat, deadlines close stalled
// connections, SIGTERM still ends the process cleanly.
#include <doctest/doctest.h>

#include <signal.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "raw_connection.hpp"
#include "server_process.hpp"

using namespace certrenew::testing;
using namespace certrenew::testing::serving;
using nlohmann::json;

namespace {

const std::string kInfo = "GET /api/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

std::unique_ptr<RawConnection> tls(const ServerProcess& s, int read_timeout = 30) {
  return std::make_unique<RawConnection>(s.port(), s.tls_root(), read_timeout);
}

// Sends `chunk` until the server answers (or refuses to take more); what it answered and how
// many bytes went out before the answer could be read.
struct Flood {
  std::string answer;
  std::size_t sent = 0;
};
Flood flood(RawConnection& c, const std::string& chunk, std::size_t up_to) {
  Flood f;
  while (f.sent < up_to) {
    if (c.readable(0)) break;
    if (!c.send(chunk)) break;
    f.sent += chunk.size();
  }
  f.answer = c.receive_answer();
  return f;
}

int count_of(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Under AddressSanitizer, freed memory waits in a quarantine (256 MiB by default) instead of being
// reused, so a server's peak memory would count what it freed as well as what it holds. The
// server processes started while this lives run without the quarantine.
class WithoutAsanQuarantine {
 public:
  WithoutAsanQuarantine() {
#if defined(__SANITIZE_ADDRESS__)
    const char* now = std::getenv("ASAN_OPTIONS");
    saved_ = now ? std::optional<std::string>(now) : std::nullopt;
    const std::string options = (saved_ ? *saved_ + ":" : std::string()) + "quarantine_size_mb=0";
    setenv("ASAN_OPTIONS", options.c_str(), 1);
#endif
  }
  WithoutAsanQuarantine(const WithoutAsanQuarantine&) = delete;
  WithoutAsanQuarantine& operator=(const WithoutAsanQuarantine&) = delete;
  ~WithoutAsanQuarantine() {
#if defined(__SANITIZE_ADDRESS__)
    if (saved_)
      setenv("ASAN_OPTIONS", saved_->c_str(), 1);
    else
      unsetenv("ASAN_OPTIONS");
#endif
  }

 private:
  std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("1,000 idle connections and 100 slow-loris connections do not stop /api/v1/info") {
  REQUIRE(raise_open_file_limit(4096) >= 2400);  // both ends of each connection live here
  ServerProcess s;
  std::vector<std::unique_ptr<RawConnection>> idle, slow;
  for (int i = 0; i < 1000; ++i) idle.push_back(std::make_unique<RawConnection>(s.port(), ""));
  for (int i = 0; i < 100; ++i) {
    slow.push_back(tls(s));
    REQUIRE(slow.back()->send("GET /api/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a"));
  }
  auto info = s.get("/api/v1/info");
  CHECK(info.status == 200);
  CHECK(info.body["api_version"] == 1);
  // The stalled ones are still being waited for (not dropped wholesale to make room).
  CHECK(slow.front()->send("b"));
  CHECK_FALSE(slow.front()->readable(0));
}

TEST_CASE("bodies over the limit are refused early with 413, and the server's memory stays flat") {
  const WithoutAsanQuarantine measurable_peak;
  ServerProcess s;
  CHECK(s.get("/api/v1/info").status == 200);  // warm: TLS, the database, the first allocations
  const long peak_before = peak_rss_kib(s.pid());
  const std::string post =
      "POST /api/v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\n";
  const std::string chunk64k = std::string("10000\r\n") + std::string(0x10000, 'x') + "\r\n";

  for (int round = 0; round < 4; ++round) {
    CAPTURE(round);
    {  // Content-Length over the limit: refused from the headers alone
      auto c = tls(s);
      REQUIRE(c->send(post + "Content-Length: 1073741824\r\n\r\n"));
      const std::string answer = c->receive_until_closed();
      CHECK(status_of(answer) == 413);
      CHECK(answer.find("payload_too_large") != std::string::npos);
    }
    {  // chunked, no Content-Length: refused while the chunks arrive
      auto c = tls(s);
      REQUIRE(c->send(post + "Transfer-Encoding: chunked\r\n\r\n"));
      Flood f = flood(*c, chunk64k, std::size_t{64} << 20);
      CHECK(status_of(f.answer) == 413);
      CHECK(f.answer.find("payload_too_large") != std::string::npos);
      CHECK(f.sent < (std::size_t{16} << 20));  // 64 MiB offered; what socket buffers hold
    }
    {  // one chunk that declares more than the limit
      auto c = tls(s);
      REQUIRE(c->send(post + "Transfer-Encoding: chunked\r\n\r\n10000000\r\n"));
      Flood f = flood(*c, std::string(0x10000, 'x'), std::size_t{64} << 20);
      CHECK(status_of(f.answer) == 413);
      CHECK(f.sent < (std::size_t{16} << 20));
    }
  }
  // A buffering server would have grown by the megabytes it was sent; a few MiB of slack for
  // TLS sessions and allocator noise.
  CHECK(peak_rss_kib(s.pid()) - peak_before < 8 * 1024);
  CHECK(s.get("/api/v1/info").status == 200);
}

TEST_CASE("oversize headers get 431; headers within the limit are served") {
  ServerProcess s;
  auto big = tls(s);
  REQUIRE(big->send("GET /api/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " +
                    std::string(20000, 'a') + "\r\n\r\n"));
  const std::string refused = big->receive_until_closed();
  CHECK(status_of(refused) == 431);
  CHECK(refused.find("headers_too_large") != std::string::npos);

  auto fine = tls(s);
  REQUIRE(fine->send("GET /api/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fine: " +
                     std::string(8000, 'a') + "\r\nConnection: close\r\n\r\n"));
  CHECK(status_of(fine->receive_until_closed()) == 200);

  auto garbage = tls(s);
  REQUIRE(garbage->send("NOT HTTP AT ALL\r\n\r\n"));
  CHECK(status_of(garbage->receive_until_closed()) == 400);
}

TEST_CASE("a connection that misses the header deadline is closed, trickle or not") {
  ServerProcess s;
  s.reconfigure([](json& c) {
    c["serving"]["header_timeout_seconds"] = 1;
    c["serving"]["keep_alive_seconds"] = 1;
  });
  SUBCASE("slow loris: one header byte every 100 ms") {
    auto c = tls(s);
    REQUIRE(c->send("GET /api/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    bool closed = false;
    for (int i = 0; i < 300 && !closed; ++i) {  // 30 s of trickle if the server never closed
      if (!c->send("a")) closed = true;
      if (c->readable(100)) closed = c->receive().empty() && !c->timed_out();
    }
    CHECK(closed);
  }
  SUBCASE("a TCP connection that never says anything") {
    RawConnection c(s.port(), "", 30);
    CHECK(c.receive().empty());
    CHECK_FALSE(c.timed_out());  // closed by the server, not given up by us
  }
  SUBCASE("idle after an answer (keep-alive)") {
    auto c = tls(s);
    REQUIRE(c->send(kInfo));
    CHECK(status_of(c->receive()) == 200);
    CHECK(c->receive_until_closed().empty());
    CHECK_FALSE(c->timed_out());
  }
}

TEST_CASE("keep-alive serves several requests on one connection, up to the configured cap") {
  ServerProcess s;
  s.reconfigure([](json& c) { c["serving"]["max_requests_per_connection"] = 2; });
  auto c = tls(s);
  REQUIRE(c->send(kInfo + kInfo + kInfo));  // pipelined
  const std::string answers = c->receive_until_closed();
  CHECK(count_of(answers, "HTTP/1.1 200") == 2);
  CHECK(count_of(answers, "Connection: close") == 1);
}

TEST_CASE("connections over max_connections are closed at once; the others are kept") {
  ServerProcess s;
  s.reconfigure([](json& c) { c["serving"]["max_connections"] = 20; });
  std::vector<std::unique_ptr<RawConnection>> conns;
  for (int i = 0; i < 25; ++i) conns.push_back(std::make_unique<RawConnection>(s.port(), "", 5));
  for (int i = 20; i < 25; ++i) {
    CAPTURE(i);
    CHECK(conns[i]->receive().empty());
    CHECK_FALSE(conns[i]->timed_out());
  }
  CHECK_FALSE(conns[0]->readable(200));  // still open, waiting for a request
  conns.resize(10);                      // room again
  bool answered = false;
  for (int attempt = 0; attempt < 50 && !answered; ++attempt)  // the server notices the closes
    answered = s.get("/api/v1/info").status == 200;
  CHECK(answered);
}

TEST_CASE("SIGTERM: the request in flight is answered, idle connections do not hold the exit") {
  ServerProcess s;
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 20; ++i) idle.push_back(std::make_unique<RawConnection>(s.port(), ""));
  auto between = tls(s);
  REQUIRE(between->send(kInfo));
  REQUIRE(status_of(between->receive()) == 200);  // now idle on keep-alive

  const std::string body = R"({"signed_application": "AAAA"})";
  auto in_flight = tls(s);
  REQUIRE(
      in_flight->send("POST /api/v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 5)));
  REQUIRE(::kill(s.pid(), SIGTERM) == 0);
  CHECK(between->receive_until_closed().empty());  // closed: it had nothing in flight
  REQUIRE(in_flight->send(body.substr(5)));
  const std::string answer = in_flight->receive_until_closed();
  CHECK(status_of(answer) == 400);  // answered (a malformed application), then closed
  CHECK(answer.find("Connection: close") != std::string::npos);
  s.stop();
  CHECK(s.last_exit_code() == 0);
}
