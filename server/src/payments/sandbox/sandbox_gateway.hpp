#pragma once
// TEST DOUBLE: a stand-in for an online payment gateway, for demos and tests, where no real
// gateway is reachable. Its pay page needs no credentials — anyone who knows a payment id can
// "pay" it — so the configuration refuses it outside a demo instance ("demo": true, made by
// `certrenew-server init --demo`), and the service refuses to start with it otherwise.
//
// It speaks the real shape: the merchant registers an order and gets a pay URL to show as a link
// or QR code; when the payer pays, the gateway sends an asynchronous notification, signed
// (HMAC-SHA256, base64url, header X-Gateway-Signature) with the key it shares with the merchant,
// to the merchant's callback and retries a few times. Orders live in memory: a restart forgets
// unpaid orders, which a client sees as a payment that never completes.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "payments/gateway.hpp"

namespace certrenew::server {

class SandboxGateway final : public PaymentGateway {
 public:
  struct Order {
    std::string payment_id;
    std::int64_t amount_fen = 0;
    std::int64_t expires_at = 0;  // Unix seconds; 0: never
    bool paid = false;
    bool refunded = false;
    bool closed = false;
  };
  enum class PayResult { paid, unknown, closed, expired };
  // Delivers a notification: body and signature to the merchant's callback. Returns true on 2xx.
  using Deliver = std::function<bool(const std::string& body, const std::string& signature)>;

  // `key`: the notification key shared with the service; `public_base_url`: where its pages are.
  SandboxGateway(std::vector<std::uint8_t> key, std::string public_base_url, Deliver deliver);
  SandboxGateway(const SandboxGateway&) = delete;
  SandboxGateway& operator=(const SandboxGateway&) = delete;
  ~SandboxGateway() override;  // stops the notifier after it has tried what is queued

  std::string name() const override { return "sandbox"; }
  PaymentStart start(const PaymentOrder& order) override;
  GatewayNotification verify_notification(const GatewayCallback& callback) override;
  GatewayPaymentState query(const std::string& payment_id) override;
  GatewayCloseResult close(const std::string& payment_id) override;
  RefundResult refund(const std::string& payment_id, std::int64_t amount_fen,
                      const std::string& reason) override;

  // The payer's side (the pages in sandbox_pages.cpp).
  std::optional<Order> order(const std::string& payment_id) const;
  // The payer pays: marks the order and queues the notification. Like a real gateway it refuses
  // a closed or expired order (paying a paid one again changes nothing and answers `paid`).
  PayResult pay(const std::string& payment_id);

  std::string sign(const std::string& body) const;

 private:
  void run();

  std::vector<std::uint8_t> key_;
  std::string base_url_;
  Deliver deliver_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Order> orders_;
  std::deque<std::string> outbox_;  // notification bodies waiting to be delivered
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace certrenew::server
