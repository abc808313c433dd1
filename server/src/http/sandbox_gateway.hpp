#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace certrenew::server {

// A stand-in for an online payment gateway (UnionPay / Alipay style), for demos and tests: no
// real gateway is reachable here. It speaks the real shape — the merchant registers an order and
// gets a pay URL to show as a link or QR code; when the payer pays, the gateway sends an
// asynchronous notification, signed with the shared gateway key, to the merchant's callback — so
// the server's whole payment path runs for real. Orders live in memory: a sandbox restart forgets
// unpaid orders, which a client sees as a payment that never completes.
class SandboxGateway {
 public:
  struct Order {
    std::string payment_id;
    std::int64_t amount_fen = 0;
    bool paid = false;
  };
  // Delivers a notification: body and signature to the merchant's callback. Returns true on 2xx.
  using Deliver = std::function<bool(const std::string& body, const std::string& signature)>;
  using Sign = std::function<std::string(const std::string& body)>;

  SandboxGateway(Sign sign, Deliver deliver);
  SandboxGateway(const SandboxGateway&) = delete;
  SandboxGateway& operator=(const SandboxGateway&) = delete;
  ~SandboxGateway();  // stops the notifier after it has tried what is queued

  void register_order(const std::string& payment_id, std::int64_t amount_fen);
  std::optional<Order> order(const std::string& payment_id) const;
  // The payer paid: marks the order and queues the notification. False for an unknown order.
  bool pay(const std::string& payment_id);

 private:
  void run();

  Sign sign_;
  Deliver deliver_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Order> orders_;
  std::deque<std::string> outbox_;  // notification bodies waiting to be delivered
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace certrenew::server
