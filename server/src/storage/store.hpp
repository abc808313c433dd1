#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/database_errors.hpp"
#include "storage/escrow_records.hpp"
#include "storage/refund_records.hpp"

namespace certrenew::server {

using Blob = std::vector<std::uint8_t>;

class ConsoleTx;  // storage/console_store.hpp

// One renewal application as stored. States are kept as their protocol codes (see
// docs/protocol.md) so the database reads the same as the API.
struct ApplicationRecord {
  std::int64_t id = 0;
  std::string business_no;      // 17 digits: 01 + yyyymmdd + 7-digit sequence
  std::string order_no;         // 12 digits: yyyymmdd + 4-digit sequence
  std::string request_sha256;   // hex SHA-256 of the signed request: the idempotency key
  std::string state;            // entered, under_review, approved, rejected, completed, cancelled
  std::string payment_state;    // unpaid, confirming, paid
  std::string old_cert_serial;  // hex
  Blob old_cert_der;
  std::int64_t old_not_after = 0;  // Unix seconds, UTC
  Blob csr_der;
  int period_months = 0;
  std::int64_t total_fen = 0;
  std::string form_json;  // operator and recipient as submitted (validated)
  std::string agreement_version;
  std::string agreement_sha256;
  std::optional<std::string> reject_reason;
  std::optional<Blob> new_cert_der;
  std::int64_t created_at = 0;  // Unix seconds, UTC
  std::int64_t updated_at = 0;
  // What the console's list shows and searches, kept beside the certificate and the form they
  // come from (issue 17: no certificate is decoded to list or view an application): the old
  // certificate's subject as displayed, and the operator's name from the form.
  std::string subject;
  std::string operator_name;
};

struct BankTransferRecord {
  std::int64_t id = 0;
  std::string payer_account;
  std::string payer_name;
  std::int64_t amount_fen = 0;
  std::string paid_on;  // yyyy-mm-dd
  std::string remarks;
};

struct OnlinePaymentRecord {
  std::string id;  // our payment id, sent to the gateway
  std::int64_t application_id = 0;
  std::int64_t amount_fen = 0;
  // pending, paid (counted), failed (the gateway refused to start it), closed (replaced or the
  // application ended; closed at the gateway), refund_due (money arrived but was not needed:
  // paid twice, or the application had ended)
  std::string state;
  std::string gateway_ref;  // the gateway's transaction id once notified
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// What the gateway gave the payer for an online payment (issue 16), and until when it is good.
struct PaymentLinkRecord {
  std::string payment_id;
  std::string pay_url;
  std::string qr_text;
  std::int64_t expires_at = 0;  // Unix seconds, UTC
};

// A certificate this CA no longer stands behind. `revoked_at` is when the revocation takes effect
// (it may lie ahead: a superseded certificate revoked at its expiry); CRLs list a record from then.
struct RevocationRecord {
  std::string serial_hex;  // upper-case hex, as x509::Certificate gives it
  std::int64_t revoked_at = 0;
  std::string reason;       // superseded, key_compromise, cessation_of_operation, ...
  std::string business_no;  // the renewal that superseded it; empty otherwise
  std::int64_t recorded_at = 0;
};

// The audit trail: who did what to an application, and when.
struct EventRecord {
  std::int64_t at = 0;
  std::string actor;  // applicant, operator:<name>, gateway, system
  std::string kind;   // created, bank_transfer_saved, payment_confirmed, approved, ...
  std::string detail;
};

// Notifications (issue 19): one message to one recipient over one channel, written to the outbox
// in the transaction of the state change that causes it and delivered later by notify/'s worker.
struct OutboxMessage {
  std::int64_t id = 0;
  // Unique: the same event never queues a second message for the same channel ("app:<business
  // no>:<event>:<channel>", "expiry:<serial>:<offset days>:<channel>").
  std::string dedup_key;
  std::int64_t application_id = 0;
  std::string event;      // submitted, payment_confirmed, approved, ..., expiry_reminder
  std::string channel;    // email, sms
  std::string recipient;  // e-mail address or mobile number
  std::string recipient_name;
  std::string language;    // zh-CN, en: which templates
  std::string facts_json;  // what the templates fill in (never an ID number)
  std::string state;       // pending, sent, failed, unsent (channel not configured), opted_out
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::int64_t created_at = 0;
  std::int64_t sent_at = 0;
};

// What a delivery attempt left: the worker writes it back while it still holds the claim.
struct OutboxSettlement {
  std::string state;  // sent, pending (retry at next_attempt_at), failed (given up)
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::int64_t sent_at = 0;
};

// Issue 22: work for the issuer, done by a worker outside any request (service/issuer_jobs.cpp):
// issuing an approved application's certificate, revoking a superseded certificate at an
// external CA. Claimed with a lease like the outbox (storage/lease_claim.hpp).
struct IssuerJob {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::string kind;   // issue, revoke
  std::string state;  // pending, done, refused (the issuer said no for good)
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::int64_t created_at = 0;
  std::int64_t finished_at = 0;
};

// A job for the issuer, pending, its first attempt due at `at`.
inline IssuerJob pending_issuer_job(std::int64_t application_id, std::string kind,
                                    std::int64_t at) {
  IssuerJob job;
  job.application_id = application_id;
  job.kind = std::move(kind);
  job.state = "pending";
  job.next_attempt_at = at;
  job.created_at = at;
  return job;
}

// A certificate the service issued or has seen, for expiry reminders: its latest application
// holds the contact details.
struct WatchedCertificate {
  std::string serial_hex;
  std::int64_t not_after = 0;
  std::int64_t application_id = 0;
};

// Issue 17 (intake speed): what a new application's transaction asks before it stores anything,
// answered by one statement (one round trip on PostgreSQL instead of six). Each field is what the
// StoreTx call named beside it answers, with the same row locks.
struct IntakeQuery {
  std::string_view request_sha256;
  std::string_view serial;           // the applying certificate's
  std::string_view key_fingerprint;  // the new key's
  std::int64_t since = 0;            // counts applications created from then on
};
struct IntakeLookup {
  std::optional<ApplicationRecord> same_request;  // application_by_request(request_sha256)
  std::optional<std::string> renewed_by;          // renewal_of(serial)->business_no
  std::optional<std::int64_t> revoked_at;         // revocation(serial)->revoked_at
  bool key_certified = false;                     // key_certified(key_fingerprint)
  std::int64_t applications_since = 0;            // applications_since(serial, since)
  std::optional<std::string> open_business_no;    // open_application_for(serial)->business_no
};

// What an application's view shows besides the application: for the applicant its payments and
// refunds, and for an operator (`with_history`) its events, notifications and issuer jobs too.
// Read by one call, so that PostgreSQL sends the reads in one pipeline: a status poll or an
// operator's view costs one round trip for all the lists instead of one each (issue 17).
struct ApplicationDetails {
  std::vector<BankTransferRecord> bank_transfers;
  std::vector<OnlinePaymentRecord> online_payments;  // oldest first
  std::vector<PaymentLinkRecord> payment_links;      // of those payments
  std::vector<RefundPayout> refund_payouts;          // oldest first
  // With history only:
  std::vector<EventRecord> events;
  std::vector<OutboxMessage> notifications;
  std::vector<IssuerJob> issuer_jobs;

  const PaymentLinkRecord* link_of(std::string_view payment_id) const {
    for (const auto& link : payment_links)
      if (link.payment_id == payment_id) return &link;
    return nullptr;
  }
};

// Everything the service reads or writes, inside one transaction. Kept narrow and free of SQL so
// that a PostgreSQL backend can implement the same calls.
class StoreTx {
 public:
  virtual ~StoreTx() = default;

  // Next value of a named counter (e.g. "business:20260921"), starting at 1.
  virtual std::int64_t next_sequence(std::string_view name) = 0;
  // Records a nonce; false when it was seen before and has not yet expired. Drops expired ones.
  virtual bool claim_nonce(std::string_view nonce, std::int64_t expires_at, std::int64_t now) = 0;

  virtual std::int64_t insert_application(const ApplicationRecord& record) = 0;
  virtual void update_application(const ApplicationRecord& record) = 0;  // by id, all fields
  virtual std::optional<ApplicationRecord> application_by_id(std::int64_t id) = 0;
  virtual std::optional<ApplicationRecord> application_by_business_no(std::string_view no) = 0;
  virtual std::optional<ApplicationRecord> application_by_request(std::string_view sha256) = 0;
  // The application still open (not completed, rejected or cancelled) for a certificate serial.
  virtual std::optional<ApplicationRecord> open_application_for(std::string_view serial) = 0;
  // Newest first; `state` empty means every state.
  virtual std::vector<ApplicationRecord> list_applications(std::string_view state, int limit,
                                                           int offset) = 0;

  virtual void replace_bank_transfers(std::int64_t application_id,
                                      const std::vector<BankTransferRecord>& records) = 0;
  virtual std::vector<BankTransferRecord> bank_transfers(std::int64_t application_id) = 0;

  virtual void put_online_payment(const OnlinePaymentRecord& record) = 0;  // insert or update
  virtual std::optional<OnlinePaymentRecord> online_payment(std::string_view id) = 0;

  // The application that renewed a certificate (approved or completed), if any.
  virtual std::optional<ApplicationRecord> renewal_of(std::string_view serial) = 0;
  // How many applications a certificate has made since `since` (Unix seconds), in any state.
  virtual std::int64_t applications_since(std::string_view serial, std::int64_t since) = 0;

  // All of the above that intake needs, at once (IntakeLookup).
  virtual IntakeLookup intake_lookup(const IntakeQuery& query) = 0;

  // Keys this CA has certified, by PublicKeyIdentity::fingerprint.
  virtual bool key_certified(std::string_view fingerprint) = 0;
  virtual void record_certified_key(std::string_view fingerprint, std::string_view serial,
                                    std::int64_t at) = 0;

  // Revocations: one record per serial (a second put for the same serial changes nothing).
  virtual void put_revocation(const RevocationRecord& record) = 0;
  virtual std::optional<RevocationRecord> revocation(std::string_view serial) = 0;
  // Records in effect at `at` (revoked_at <= at), oldest first; and the next one to take effect
  // after `at` (for scheduling the next CRL), if any.
  virtual std::vector<RevocationRecord> revocations_in_effect(std::int64_t at) = 0;
  virtual std::optional<std::int64_t> next_revocation_after(std::int64_t at) = 0;

  virtual void append_event(std::int64_t application_id, const EventRecord& event) = 0;
  virtual std::vector<EventRecord> events(std::int64_t application_id) = 0;

  // --- Notifications (issue 19): the outbox and the certificates watched for expiry. ---
  // Inserts unless a message with the same dedup_key exists; true when inserted.
  virtual bool add_outbox_message(const OutboxMessage& message) = 0;
  // The same for a caller that does not ask whether it was new (the notifier): on PostgreSQL it
  // travels with the next statement or the COMMIT, no round trip of its own (issue 17).
  virtual void queue_outbox_message(const OutboxMessage& message) = 0;
  // Claims up to `limit` pending messages due at `now` whose claim is free or expired, for
  // `worker` until `lease_until`; oldest first. Two workers never hold the same message.
  virtual std::vector<OutboxMessage> claim_outbox_messages(std::string_view worker,
                                                           std::int64_t now,
                                                           std::int64_t lease_until, int limit) = 0;
  // Records an attempt's outcome and frees the claim; false (nothing changed) when `worker` no
  // longer holds it.
  virtual bool settle_outbox_message(std::int64_t id, std::string_view worker,
                                     const OutboxSettlement& settlement) = 0;
  virtual std::vector<OutboxMessage> outbox_messages(std::int64_t application_id) = 0;
  // Watches a certificate (insert, or a newer application becomes its contact).
  virtual void watch_certificate(const WatchedCertificate& certificate) = 0;
  // Watched certificates with now < not_after <= by, soonest first.
  virtual std::vector<WatchedCertificate> certificates_expiring(std::int64_t now,
                                                                std::int64_t by) = 0;
  // Back-office console (issue 18): operators, sessions, the audit log, reason templates,
  // reconciliation and refunds, each backend in a file of its own (storage/console_store.hpp).
  virtual ConsoleTx& console() = 0;

  // Issue 16 (clerk): one live online payment per application. An application's online
  // payments, oldest first; and what the gateway gave the payer for one (kept so that reopening
  // online payment shows the same payment until it expires). Migration 5.
  virtual std::vector<OnlinePaymentRecord> online_payments_of(std::int64_t application_id) = 0;
  virtual void put_payment_link(const PaymentLinkRecord& record) = 0;  // insert or replace
  virtual std::optional<PaymentLinkRecord> payment_link(std::string_view payment_id) = 0;

  // Issue 17: the lists of an application's view (ApplicationDetails), in one call. Both
  // backends: storage/store_tx_on.cpp.
  virtual ApplicationDetails application_details(const ApplicationRecord& application,
                                                 bool with_history) = 0;

  // Issue 17 (ops): operability. How many applications are in each state now (states with none
  // are absent), read at each scrape of the metrics endpoint. Both backends:
  // storage/store_tx_on.cpp.
  virtual std::map<std::string, std::int64_t> application_counts_by_state() = 0;

  // --- Issue 21 (kmc): SM2 dual certificates, migration 8 (both backends in
  // storage/store_tx_on.cpp). The encryption certificate an application carried (once per
  // application); escrowed keys (one per approval, named by their certificate's serial; a second
  // for the same serial or application is a StoreConflict); recoveries (false, nothing changed,
  // when the key was already delivered to that application). Lists oldest first. ---
  virtual void put_encryption_request(std::int64_t application_id,
                                      const std::vector<std::uint8_t>& certificate_der,
                                      std::int64_t at) = 0;
  virtual std::optional<std::vector<std::uint8_t>> encryption_request(
      std::int64_t application_id) = 0;
  virtual void put_escrowed_key(const EscrowedKeyRecord& record) = 0;
  virtual std::optional<EscrowedKeyRecord> escrowed_key(std::string_view serial_hex) = 0;
  virtual std::optional<EscrowedKeyRecord> escrowed_key_of(std::int64_t application_id) = 0;
  virtual std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(
      const std::vector<std::uint8_t>& subject_der) = 0;
  virtual bool add_key_recovery(const KeyRecoveryRecord& record) = 0;
  virtual std::vector<KeyRecoveryRecord> key_recoveries(std::int64_t application_id) = 0;

  // Issue 22 (issuers): the issuer's jobs (both backends in
  // storage/store_tx_on.cpp). Migration 9.
  // Queues a job; StoreConflict (other_unique) when the application has one of that kind pending.
  virtual std::int64_t add_issuer_job(const IssuerJob& job) = 0;
  // Claims due pending jobs as claim_outbox_messages does; `only_id` > 0: that job, if due.
  virtual std::vector<IssuerJob> claim_issuer_jobs(std::string_view worker, std::int64_t now,
                                                   std::int64_t lease_until, int limit,
                                                   std::int64_t only_id = 0) = 0;
  // Records an attempt (sent_at: when the job finished) and frees the claim; false when
  // `worker` no longer holds it.
  virtual bool settle_issuer_job(std::int64_t id, std::string_view worker,
                                 const OutboxSettlement& settlement) = 0;
  virtual std::vector<IssuerJob> issuer_jobs(std::int64_t application_id) = 0;  // oldest first
  virtual std::int64_t pending_issuer_jobs() = 0;  // the backlog, for operators
};

// A write refused by one of the schema's uniqueness rules, which both backends enforce as
// constraints (so several instances on one database agree). It means another transaction committed
// the same thing first: the use case runs again and answers as the second comer (409 or the same
// application), never 500.
class StoreConflict : public std::runtime_error {
 public:
  enum class Rule {
    one_open_application,  // a certificate has at most one open application
    same_request,          // each signed request is stored once (request_sha256)
    other_unique,          // any other unique key (business number, order number, ...)
  };
  StoreConflict(Rule rule, const std::string& what) : std::runtime_error(what), rule_(rule) {}
  Rule rule() const { return rule_; }

 private:
  Rule rule_;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one transaction: committed (and durable) when it returns, rolled back when it
  // throws. Callers acknowledge a request only after this returns. A backend may run `work` again
  // after a serialization failure or deadlock (bounded), so `work` only assigns its results.
  // Unique-key violations come out as StoreConflict.
  virtual void transact(const std::function<void(StoreTx&)>& work) = 0;
  virtual int schema_version() = 0;

  // Issue 17 (ops): the database errors this store has met so far (storage/database_errors.hpp);
  // each backend counts them in transact() and schema_version().
  const DatabaseErrorCounts& error_counts() const { return error_counts_; }

 protected:
  DatabaseErrorCounts error_counts_;
};

// Opens (creating if needed) the SQLite database and brings its schema up to date.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file);

// Connects to PostgreSQL (a libpq connection URI, "postgresql://user@host/db?..."), brings the
// schema up to date (one instance at a time, under an advisory lock) and keeps a pool of at most
// `max_connections` connections.
std::unique_ptr<Store> open_postgres_store(const std::string& url, int max_connections = 8);

// Where the data lives, as the config says: a PostgreSQL URI, else a SQLite file.
struct StoreLocation {
  std::string postgres_url;  // non-empty: PostgreSQL
  std::filesystem::path sqlite_file;
  int max_connections = 8;
};
std::unique_ptr<Store> open_store(const StoreLocation& location);
// True for the URIs open_store hands to PostgreSQL ("postgresql://", "postgres://").
bool is_postgres_url(std::string_view database);

}  // namespace certrenew::server
