#pragma once
// What the client remembers about one renewal application, so that a closed client resumes where
// it stopped. Never holds a PIN: the PIN is asked for again whenever the token is used.

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/protocol/states.hpp"

namespace certrenew::client {

// Where the local flow stands. The server's business/payment states say what the service knows;
// this says what the client itself has done (e.g. written the certificate but not yet confirmed).
enum class LocalPhase {
  applied,             // the application was accepted by the service
  paying,              // the user started a payment
  waiting_review,      // paid, the back office reviews it
  installing_written,  // the new certificate is on the token, the service not yet told
  completed,           // installation confirmed to the service
  cancelled,           // the application was cancelled
};

std::string_view code(LocalPhase phase);
std::optional<LocalPhase> parse_local_phase(std::string_view code);

struct ApplicationRecord {
  std::string business_no;       // 17 digits, also the file name
  std::string capability_token;  // the secret that lets this client act on the application
  std::string service_url;
  std::string token_id;   // serial number of the USB token
  Bytes old_certificate;  // DER
  Bytes new_key_id;       // id of the new key pair on the token
  int period_months = 0;
  protocol::BusinessState business_state = protocol::BusinessState::entered;
  protocol::PaymentState payment_state = protocol::PaymentState::unpaid;
  LocalPhase phase = LocalPhase::applied;
  std::optional<Bytes> issued_certificate;  // DER, once downloaded
  std::chrono::sys_seconds created_at{};    // UTC
  std::chrono::sys_seconds updated_at{};    // UTC

  bool operator==(const ApplicationRecord&) const = default;
};

// A record file that cannot be read, parsed or accepted; the message names the file or key.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// True for a canonical business number (exactly 17 digits with a valid date, no white space):
// the only strings used as record file names.
bool is_valid_business_number(std::string_view text);

// The file format (version 1). Times are "YYYY-MM-DDThh:mm:ssZ"; DER as base64; key id as hex.
nlohmann::json record_to_json(const ApplicationRecord& record);
// Throws StoreError naming the first missing or bad key.
ApplicationRecord record_from_json(const nlohmann::json& json);
// Throws StoreError if the record could not be written back as it is (same rules as reading).
void check_record(const ApplicationRecord& record);

std::string format_utc_iso(std::chrono::sys_seconds t);
std::optional<std::chrono::sys_seconds> parse_utc_iso(std::string_view text);

}  // namespace certrenew::client
