#include "http/sandbox_gateway.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "service/digest.hpp"

namespace certrenew::server {

SandboxGateway::SandboxGateway(Sign sign, Deliver deliver)
    : sign_(std::move(sign)), deliver_(std::move(deliver)), worker_([this] { run(); }) {}

SandboxGateway::~SandboxGateway() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void SandboxGateway::register_order(const std::string& payment_id, std::int64_t amount_fen) {
  std::lock_guard lock(mutex_);
  orders_[payment_id] = Order{payment_id, amount_fen, false};
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
      delivered = deliver_(body, sign_(body));
      if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
    }
    lock.lock();
  }
}

}  // namespace certrenew::server
