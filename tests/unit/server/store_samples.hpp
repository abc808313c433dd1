#pragma once
// An application record and a notification as the storage tests store them: every column filled,
// the keys derived from the business number so that records made from different numbers never
// clash.

#include <cstdint>
#include <string>
#include <utility>

#include "storage/store.hpp"

namespace certrenew::server::testing {

inline ApplicationRecord sample_application(std::string business_no, std::string serial = "0a1b",
                                            std::string state = "entered") {
  ApplicationRecord r;
  r.business_no = std::move(business_no);
  r.order_no = "20260921" + r.business_no.substr(r.business_no.size() - 4);
  r.request_sha256 = "sha-" + r.business_no;
  r.state = std::move(state);
  r.payment_state = "unpaid";
  r.old_cert_serial = std::move(serial);
  r.old_cert_der = {0x30, 0x03, 0x02, 0x01, 0x01};
  r.old_not_after = 1'800'000'000;
  r.csr_der = {0x30, 0x00};
  r.period_months = 24;
  r.total_fen = 20000;
  r.form_json = R"({"operator":{"name":"胡"}})";
  r.agreement_version = "2026.1";
  r.agreement_sha256 = "abc";
  r.created_at = r.updated_at = 1'790'000'000;
  return r;
}

// A pending notification of the application, due at 1000, named by its dedup key.
inline OutboxMessage sample_outbox_message(std::int64_t application_id, std::string dedup_key) {
  OutboxMessage m;
  m.dedup_key = std::move(dedup_key);
  m.application_id = application_id;
  m.event = "submitted";
  m.channel = "email";
  m.recipient = "hu@example.cn";
  m.language = "zh-CN";
  m.facts_json = "{}";
  m.state = "pending";
  m.next_attempt_at = 1000;
  m.created_at = 1000;
  return m;
}

}  // namespace certrenew::server::testing
