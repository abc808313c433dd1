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

void mount_sandbox_pages(Router& router, SandboxGateway& gateway) {
  // Payment ids are ours ("P" + 24 hex digits): nothing else reaches the handlers, so nothing
  // from the request is echoed that could be markup.
  const std::string pay = R"(/sandbox-gateway/pay/(P[0-9a-f]{24}))";
  router.get(pay, [&gateway](const HttpRequest& req) {
    HttpAnswer res;
    res.content_type = kText;
    auto order = gateway.order(req.matches[1]);
    if (!order) {
      res.status = 404;
      res.body = "unknown payment";
      return res;
    }
    res.content_type = "text/html; charset=utf-8";
    res.body =
        ("<!doctype html><meta charset=utf-8><title>Sandbox payment</title>"
         "<h1>沙箱支付（测试替身，仅用于演示）/ Sandbox payment (test double, demo only)</h1><p>" +
         order->payment_id + ": ¥" + yuan(order->amount_fen) +
         (order->paid ? " — 已支付 / paid"
          : order->closed ? " — 已关闭，请在申请中重新发起支付 / closed: start the payment again "
                            "from the application"
                          : "") +
         "</p><form method=post><button>支付 / Pay</button></form>");
    return res;
  });
  router.post(pay, [&gateway](const HttpRequest& req) {
    HttpAnswer res;
    res.content_type = kText;
    switch (gateway.pay(req.matches[1])) {
      case SandboxGateway::PayResult::paid:
        res.body = "paid; the merchant is being notified";
        return res;
      case SandboxGateway::PayResult::unknown:
        res.status = 404;
        res.body = "unknown payment";
        return res;
      case SandboxGateway::PayResult::closed:
        res.status = 409;
        res.body = "该支付已关闭 / this payment was closed";
        return res;
      case SandboxGateway::PayResult::expired:
        res.status = 409;
        res.body = "该支付已过期 / this payment has expired";
        return res;
    }
    return res;
  });
}

}  // namespace certrenew::server
