#include "payments/sandbox/sandbox_gateway.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "service/api_error.hpp"
#include "service/digest.hpp"

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
    orders_[order.payment_id] = Order{order.payment_id, order.amount_fen, false, false};
  }
  const std::string url = base_url_ + "/sandbox-gateway/pay/" + order.payment_id;
  return {url, url};
}

GatewayNotification SandboxGateway::verify_notification(const GatewayCallback& callback) {
  auto sig = callback.headers.find("x-gateway-signature");
  if (sig == callback.headers.end() || !equal_secret(sig->second, sign(callback.body)))
    throw ApiError(401, "bad_notification_signature",
                   "the payment notification's signature does not verify", "支付通知签名无效");
  const auto n = nlohmann::json::parse(callback.body, nullptr, false);
  auto bad = [] {
    return ApiError(400, "malformed_json", "the notification is not a payment notification",
                    "支付通知格式错误");
  };
  if (!n.is_object() || !n.contains("payment_id") || !n["payment_id"].is_string() ||
      !n.contains("gateway_ref") || !n["gateway_ref"].is_string() || !n.contains("amount_fen") ||
      !n["amount_fen"].is_number_unsigned() ||
      n["amount_fen"].get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
    throw bad();
  return {n["payment_id"].get<std::string>(), n["amount_fen"].get<std::int64_t>(),
          n["gateway_ref"].get<std::string>()};
}

GatewayPaymentState SandboxGateway::query(const std::string& payment_id) {
  std::lock_guard lock(mutex_);
  auto it = orders_.find(payment_id);
  if (it == orders_.end()) return GatewayPaymentState::unknown;
  if (it->second.refunded) return GatewayPaymentState::refunded;
  return it->second.paid ? GatewayPaymentState::paid : GatewayPaymentState::pending;
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

bool SandboxGateway::pay(const std::string& payment_id) {
  std::lock_guard lock(mutex_);
  auto it = orders_.find(payment_id);
  if (it == orders_.end()) return false;
  if (it->second.paid) return true;
  it->second.paid = true;
  nlohmann::json n = {{"payment_id", payment_id},
                      {"amount_fen", it->second.amount_fen},
                      {"gateway_ref", "SBX" + to_hex(random_bytes(8))}};
  outbox_.push_back(n.dump());
  wake_.notify_all();
  return true;
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
