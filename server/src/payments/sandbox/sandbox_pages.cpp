#include "payments/sandbox/sandbox_pages.hpp"

#include <string>

namespace certrenew::server {

namespace {

constexpr const char* kText = "text/plain; charset=utf-8";

std::string yuan(std::int64_t fen) {
  std::string cents = std::to_string(fen % 100);
  return std::to_string(fen / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
}

}  // namespace

void mount_sandbox_pages(httplib::Server& server, SandboxGateway& gateway) {
  // Payment ids are ours ("P" + 24 hex digits): nothing else reaches the handlers, so nothing
  // from the request is echoed that could be markup.
  const std::string pay = R"(/sandbox-gateway/pay/(P[0-9a-f]{24}))";
  server.Get(pay, [&gateway](const httplib::Request& req, httplib::Response& res) {
    auto order = gateway.order(req.matches[1]);
    if (!order) {
      res.status = 404;
      res.set_content("unknown payment", kText);
      return;
    }
    res.set_content(
        "<!doctype html><meta charset=utf-8><title>Sandbox payment</title>"
        "<h1>沙箱支付（测试替身，仅用于演示）/ Sandbox payment (test double, demo only)</h1><p>" +
            order->payment_id + ": ¥" + yuan(order->amount_fen) +
            (order->paid ? " — 已支付 / paid"
             : order->closed
                 ? " — 已关闭，请在申请中重新发起支付 / closed: start the payment again "
                   "from the application"
                 : "") +
            "</p><form method=post><button>支付 / Pay</button></form>",
        "text/html; charset=utf-8");
  });
  server.Post(pay, [&gateway](const httplib::Request& req, httplib::Response& res) {
    switch (gateway.pay(req.matches[1])) {
      case SandboxGateway::PayResult::paid:
        res.set_content("paid; the merchant is being notified", kText);
        return;
      case SandboxGateway::PayResult::unknown:
        res.status = 404;
        res.set_content("unknown payment", kText);
        return;
      case SandboxGateway::PayResult::closed:
        res.status = 409;
        res.set_content("该支付已关闭 / this payment was closed", kText);
        return;
      case SandboxGateway::PayResult::expired:
        res.status = 409;
        res.set_content("该支付已过期 / this payment has expired", kText);
        return;
    }
  });
}

}  // namespace certrenew::server
