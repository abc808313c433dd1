#pragma once
// The stored records as rows: for each record type, the columns a SELECT names and the one reader
// that turns such a row into the record. Both backends select the same columns in the same order
// and read them with these (SQLite through sqlite::Statement, PostgreSQL through pg::Result).

#include <string>
#include <string_view>

#include "storage/console_store.hpp"
#include "storage/row_reader.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// "SELECT <columns> <rest>", e.g. select(kRevocationColumns, "FROM revocations WHERE ...").
std::string select(std::string_view columns, std::string_view rest);

inline constexpr std::string_view kApplicationColumns =
    "id, business_no, order_no, request_sha256, state, payment_state, old_cert_serial, "
    "old_cert_der, old_not_after, csr_der, period_months, total_fen, form_json, "
    "agreement_version, agreement_sha256, reject_reason, new_cert_der, created_at, updated_at";
inline constexpr int kApplicationColumnCount = 19;
ApplicationRecord read_application(RowReader& row);

// The intake lookup's one row (StoreTx::intake_lookup): the application's columns (all NULL when
// there is none), then renewed_by, revoked_at, key_certified, applications_since,
// open_business_no.
IntakeLookup read_intake_lookup(RowReader& row);

inline constexpr std::string_view kBankTransferColumns =
    "id, payer_account, payer_name, amount_fen, paid_on, remarks";
BankTransferRecord read_bank_transfer(RowReader& row);

inline constexpr std::string_view kOnlinePaymentColumns =
    "id, application_id, amount_fen, state, gateway_ref, created_at, updated_at";
OnlinePaymentRecord read_online_payment(RowReader& row);

inline constexpr std::string_view kPaymentLinkColumns = "payment_id, pay_url, qr_text, expires_at";
PaymentLinkRecord read_payment_link(RowReader& row);

inline constexpr std::string_view kRevocationColumns =
    "serial, revoked_at, reason, business_no, recorded_at";
RevocationRecord read_revocation(RowReader& row);

inline constexpr std::string_view kEventColumns = "at, actor, kind, detail";
EventRecord read_event(RowReader& row);

inline constexpr std::string_view kOutboxColumns =
    "id, dedup_key, COALESCE(application_id, 0), event, channel, recipient, recipient_name, "
    "language, facts_json, state, attempts, next_attempt_at, last_error, created_at, sent_at";
OutboxMessage read_outbox_message(RowReader& row);

inline constexpr std::string_view kWatchedCertificateColumns = "serial, not_after, application_id";
WatchedCertificate read_watched_certificate(RowReader& row);

inline constexpr std::string_view kIssuerJobColumns =
    "id, application_id, kind, state, attempts, next_attempt_at, last_error, created_at, "
    "finished_at";
IssuerJob read_issuer_job(RowReader& row);

inline constexpr std::string_view kEscrowedKeyColumns =
    "serial_hex, application_id, subject_der, certificate, master_key_id, sealed_private_key, "
    "envelope, created_at";
EscrowedKeyRecord read_escrowed_key(RowReader& row);

inline constexpr std::string_view kKeyRecoveryColumns =
    "application_id, serial_hex, envelope, recovered_by, created_at";
KeyRecoveryRecord read_key_recovery(RowReader& row);

inline constexpr std::string_view kRefundPayoutColumns =
    "id, business_no, method, amount_fen, payment_id, reference, state, message, recorded_by, "
    "recorded_at, updated_at";
RefundPayout read_refund_payout(RowReader& row);

// A single column: a number (COUNT(*), an id RETURNING gives), a blob.
std::int64_t read_integer(RowReader& row);
std::optional<std::int64_t> read_optional_integer(RowReader& row);  // NULL: nothing
Blob read_blob(RowReader& row);

}  // namespace certrenew::server
