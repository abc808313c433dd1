#include "payments/sandbox/sandbox_gateway.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "service/api_error.hpp"
#include "service/digest.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

SandboxGateway::SandboxGateway(std::vector<std::uint8_t> key, std::string public_base_url,
                               Deliver deliver)
    : key_(std::move(key)),
      base_url_(std::move(public_base_url)),
      deliver_(std::move(deliver)),
      worker_([this] { run(); }) {}

SandboxGateway::~SandboxGateway() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

std::string SandboxGateway::sign(const std::string& body) const {
  return hmac_sha256_b64url(key_, body);
}

PaymentStart SandboxGateway::start(const PaymentOrder& order) {
  {
    std::lock_guard lock(mutex_);
    Order& o = orders_[order.payment_id];
    o = Order{};
    o.payment_id = order.payment_id;
    o.amount_fen = order.amount_fen;
    o.expires_at = order.expires_at;
  }
  const std::string url = base_url_ + "/sandbox-gateway/pay/" + order.payment_id;
  return {url, url};
}

GatewayNotification SandboxGateway::verify_notification(const GatewayCallback& callback) {
  auto sig = callback.headers.find("x-gateway-signature");
  if (sig == callback.headers.end() || !equal_secret(sig->second, sign(callback.body)))
    throw service_error(401, "bad_notification_signature", "payment.bad_signature");
  // The sandbox's notification body is protocol's PaymentNotification (docs/protocol.md).
  try {
    const protocol::PaymentNotification n =
        protocol::decode_payment_notification(protocol::parse_json(callback.body));
    return {n.payment_id, n.amount.fen(), n.gateway_ref};
  } catch (const protocol::DecodeError& e) {
    throw malformed(e, "malformed_json");  // 400 naming the field
  }
}

GatewayPaymentState SandboxGateway::query(const std::string& payment_id) {
  std::lock_guard lock(mutex_);
  auto it = orders_.find(payment_id);
  if (it == orders_.end()) return GatewayPaymentState::unknown;
  if (it->second.refunded) return GatewayPaymentState::refunded;
  return it->second.paid ? GatewayPaymentState::paid : GatewayPaymentState::pending;
}

GatewayCloseResult SandboxGateway::close(const std::string& payment_id) {
  std::lock_guard lock(mutex_);
  auto it = orders_.find(payment_id);
  if (it == orders_.end()) return GatewayCloseResult::unknown;
  if (it->second.paid) return GatewayCloseResult::already_paid;
  it->second.closed = true;
  return GatewayCloseResult::closed;
}

RefundResult SandboxGateway::refund(const std::string& payment_id, std::int64_t amount_fen,
                                    const std::string&) {
  std::lock_guard lock(mutex_);
  auto it = orders_.find(payment_id);
  if (it == orders_.end() || !it->second.paid || it->second.refunded ||
      amount_fen != it->second.amount_fen)
    return {false, "", "no paid order with that amount"};
  it->second.refunded = true;
  return {true, "SBXR" + to_hex(random_bytes(8)), "refunded"};
}

std::optional<SandboxGateway::Order> SandboxGateway::order(const std::string& payment_id) const {
  std::lock_guard lock(mutex_);
  auto it = orders_.find(payment_id);
  if (it == orders_.end()) return std::nullopt;
  return it->second;
}

SandboxGateway::PayResult SandboxGateway::pay(const std::string& payment_id) {
  std::lock_guard lock(mutex_);
  auto it = orders_.find(payment_id);
  if (it == orders_.end()) return PayResult::unknown;
  if (it->second.paid) return PayResult::paid;
  if (it->second.closed) return PayResult::closed;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (it->second.expires_at != 0 && now >= it->second.expires_at) return PayResult::expired;
  it->second.paid = true;
  nlohmann::json n = {{"payment_id", payment_id},
                      {"amount_fen", it->second.amount_fen},
                      {"gateway_ref", "SBX" + to_hex(random_bytes(8))}};
  outbox_.push_back(n.dump());
  wake_.notify_all();
  return PayResult::paid;
}

void SandboxGateway::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !outbox_.empty(); });
    if (outbox_.empty()) return;  // stopping with nothing left to send
    std::string body = outbox_.front();
    outbox_.pop_front();
    lock.unlock();
    // Like a real gateway: retry a few times with a growing pause, then give up.
    bool delivered = false;
    for (int attempt = 0; attempt < 5 && !delivered; ++attempt) {
      delivered = deliver_(body, sign(body));
      if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
    }
    lock.lock();
  }
}

}  // namespace certrenew::server
