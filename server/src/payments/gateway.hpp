#pragma once
// An online payment gateway (UnionPay / Alipay / WeChat Pay style), as the renewal service sees
// it. The service creates the payment record, then asks the gateway to start it (what the payer
// opens: a link and a QR text); the gateway later calls the service back with an asynchronous,
// signed notification, which the adapter verifies — signature scheme, headers and body format are
// the gateway's — and turns into a GatewayNotification. query() asks the gateway for a payment's
// state (for reconciliation, or when a notification never came); close() makes a payment the
// payer has not paid yet unpayable (one live payment per application: a new one closes the one
// before); refund() returns money, e.g. for a payment that arrived after the application was
// cancelled or paid another way.
//
// Adapters: payments/sandbox/ (the TEST DOUBLE, demo instances only). Which one runs is chosen by
// config `payments.gateway`; with `none`, online payment is off and only bank transfer is offered.

#include <cstdint>
#include <map>
#include <string>

namespace certrenew::server {

struct PaymentOrder {
  std::string payment_id;       // ours, unique: the gateway's merchant order number
  std::int64_t amount_fen;      // what is due
  std::string business_no;      // shown to the payer as the subject
  std::int64_t expires_at = 0;  // Unix seconds: the gateway refuses to take it after this
};

struct PaymentStart {
  std::string pay_url;  // a link for the payer
  std::string qr_text;  // the same as a QR code's text
};

// An HTTP callback as it arrived: the raw body (signatures cover the exact bytes) and the headers
// with lower-case names.
struct GatewayCallback {
  std::string body;
  std::map<std::string, std::string> headers;
};

struct GatewayNotification {
  std::string payment_id;
  std::int64_t amount_fen = 0;
  std::string gateway_ref;  // the gateway's transaction id
};

enum class GatewayPaymentState { pending, paid, refunded, failed, unknown };

enum class GatewayCloseResult {
  closed,        // the payer can no longer pay it
  already_paid,  // too late: the money was taken, a notification comes (or came)
  unknown,       // the gateway has no such payment (never registered, or forgotten)
};

struct RefundResult {
  bool accepted = false;
  std::string refund_ref;  // the gateway's refund id
  std::string message;
};

class PaymentGateway {
 public:
  virtual ~PaymentGateway() = default;
  virtual std::string name() const = 0;  // "sandbox", "unionpay", ...
  // Registers the order with the gateway. Called outside any database transaction (it may be a
  // network call); throws std::runtime_error when the gateway refuses or cannot be reached.
  virtual PaymentStart start(const PaymentOrder& order) = 0;
  // Verifies a callback; throws ApiError (401 bad_notification_signature, 400 malformed_json)
  // when it is not a genuine, well-formed notification.
  virtual GatewayNotification verify_notification(const GatewayCallback& callback) = 0;
  virtual GatewayPaymentState query(const std::string& payment_id) = 0;
  // Closes an unpaid payment. Throws std::runtime_error when the gateway cannot be reached.
  virtual GatewayCloseResult close(const std::string& payment_id) = 0;
  virtual RefundResult refund(const std::string& payment_id, std::int64_t amount_fen,
                              const std::string& reason) = 0;
};

}  // namespace certrenew::server
