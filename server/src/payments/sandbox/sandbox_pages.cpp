#include "payments/sandbox/sandbox_pages.hpp"

#include <string>

#include "certrenew/core/forms/money.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

namespace {

constexpr const char* kText = "text/plain; charset=utf-8";

std::string yuan(std::int64_t fen) {
  return forms::Money::from_fen(fen).to_string();
}

// A catalogue text with both languages side by side ("已支付 / paid"): the sandbox's page does
// not know who is looking at it.
std::string both(std::string_view id) {
  const Text t = service_text(id);
  return t.zh + " / " + t.en;
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
         "<h1>" +
         both("sandbox.title") + "</h1><p>" + order->payment_id + ": ¥" + yuan(order->amount_fen) +
         (order->paid     ? " — " + both("sandbox.paid")
          : order->closed ? " — " + both("sandbox.closed")
                          : std::string()) +
         "</p><form method=post><button>" + both("sandbox.pay") + "</button></form>");
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
        res.body = both("sandbox.closed_page");
        return res;
      case SandboxGateway::PayResult::expired:
        res.status = 409;
        res.body = both("sandbox.expired_page");
        return res;
    }
    return res;
  });
}

}  // namespace certrenew::server
