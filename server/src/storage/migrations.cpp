#include "storage/migrations.hpp"

#include <array>

namespace certrenew::server {

namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE applications (
  id                INTEGER PRIMARY KEY,
  business_no       TEXT NOT NULL UNIQUE,
  order_no          TEXT NOT NULL UNIQUE,
  request_sha256    TEXT NOT NULL UNIQUE,
  state             TEXT NOT NULL,
  payment_state     TEXT NOT NULL,
  old_cert_serial   TEXT NOT NULL,
  old_cert_der      BLOB NOT NULL,
  old_not_after     INTEGER NOT NULL,
  csr_der           BLOB NOT NULL,
  period_months     INTEGER NOT NULL CHECK (period_months > 0),
  total_fen         INTEGER NOT NULL CHECK (total_fen >= 0),
  form_json         TEXT NOT NULL,
  agreement_version TEXT NOT NULL,
  agreement_sha256  TEXT NOT NULL,
  reject_reason     TEXT,
  new_cert_der      BLOB,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX applications_by_serial ON applications (old_cert_serial, state);
CREATE INDEX applications_by_state ON applications (state, created_at);

CREATE TABLE bank_transfers (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  payer_account  TEXT NOT NULL,
  payer_name     TEXT NOT NULL,
  amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
  paid_on        TEXT NOT NULL,
  remarks        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bank_transfers_by_application ON bank_transfers (application_id);

CREATE TABLE online_payments (
  id             TEXT PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
  state          TEXT NOT NULL,
  gateway_ref    TEXT NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,
  actor          TEXT NOT NULL,
  kind           TEXT NOT NULL,
  detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_by_application ON events (application_id, id);

CREATE TABLE nonces (
  nonce      TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);

CREATE TABLE sequences (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
)sql";

// Issue 15: revocation records (for the CRL), the keys this CA certified (key reuse is decided
// on the key, not its encoding), and an index for the per-certificate daily limit.
constexpr std::string_view kRevocationSchema = R"sql(
CREATE TABLE revocations (
  serial      TEXT PRIMARY KEY,
  revoked_at  INTEGER NOT NULL,
  reason      TEXT NOT NULL,
  business_no TEXT NOT NULL DEFAULT '',
  recorded_at INTEGER NOT NULL
);
CREATE INDEX revocations_by_time ON revocations (revoked_at);

CREATE TABLE certified_keys (
  fingerprint  TEXT PRIMARY KEY,
  serial       TEXT NOT NULL,
  certified_at INTEGER NOT NULL
);

CREATE INDEX applications_by_serial_created ON applications (old_cert_serial, created_at);
)sql";

// Issue 19: the notification outbox (claimed by a worker with a lease, so two instances never
// deliver the same message at once) and the certificates watched for expiry reminders, filled
// from the applications already stored (the certificates they renew).
constexpr std::string_view kNotifySchema = R"sql(
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  dedup_key       TEXT NOT NULL UNIQUE,
  application_id  INTEGER REFERENCES applications (id) ON DELETE CASCADE,
  event           TEXT NOT NULL,
  channel         TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  recipient_name  TEXT NOT NULL DEFAULT '',
  language        TEXT NOT NULL,
  facts_json      TEXT NOT NULL,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL,
  lease_owner     TEXT,
  lease_until     INTEGER,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_application ON outbox (application_id, id);

CREATE TABLE watched_certificates (
  serial         TEXT PRIMARY KEY,
  not_after      INTEGER NOT NULL,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE
);
CREATE INDEX watched_by_expiry ON watched_certificates (not_after);
INSERT INTO watched_certificates (serial, not_after, application_id)
  SELECT old_cert_serial, MAX(old_not_after), MAX(id) FROM applications GROUP BY old_cert_serial;
)sql";

// Issue 18: the back-office console. The audit log has no UPDATE or DELETE path in the code;
// triggers refuse them in the database too.
constexpr std::string_view kConsoleSchema = R"sql(
CREATE TABLE operators (
  name           TEXT PRIMARY KEY,
  role           TEXT NOT NULL CHECK (role IN ('finance', 'reviewer', 'admin')),
  password_hash  TEXT NOT NULL,
  totp_secret    TEXT NOT NULL DEFAULT '',
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  disabled       INTEGER NOT NULL DEFAULT 0,
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE operator_tokens (
  token_sha256  TEXT PRIMARY KEY,
  operator_name TEXT NOT NULL REFERENCES operators (name) ON DELETE CASCADE,
  created_at    INTEGER NOT NULL
);

CREATE TABLE console_sessions (
  id_sha256     TEXT PRIMARY KEY,
  operator_name TEXT NOT NULL REFERENCES operators (name) ON DELETE CASCADE,
  csrf_token    TEXT NOT NULL,
  source        TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL
);

CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  role        TEXT NOT NULL,
  source      TEXT NOT NULL,
  action      TEXT NOT NULL,
  business_no TEXT NOT NULL,
  before      TEXT NOT NULL,
  after       TEXT NOT NULL,
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_by_business_no ON audit_log (business_no, seq);
CREATE INDEX audit_by_time ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE reason_templates (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  text       TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE statement_lines (
  id            INTEGER PRIMARY KEY,
  upload_id     TEXT NOT NULL,
  line_no       INTEGER NOT NULL,
  booked_on     TEXT NOT NULL,
  amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
  payer_name    TEXT NOT NULL,
  payer_account TEXT NOT NULL,
  reference     TEXT NOT NULL,
  business_no   TEXT NOT NULL DEFAULT '',
  matched_by    TEXT NOT NULL DEFAULT '',
  matched_at    INTEGER NOT NULL DEFAULT 0,
  uploaded_at   INTEGER NOT NULL
);

CREATE TABLE refunds (
  business_no TEXT PRIMARY KEY,
  recorded_by TEXT NOT NULL,
  note        TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);

CREATE INDEX applications_by_payment_state ON applications (payment_state, created_at);
CREATE INDEX events_by_time ON events (at);
)sql";

// Issue 16 (clerk): one live online payment per application: what the payer was given for each
// payment (to show the same one again until it expires), and payments found by application.
constexpr std::string_view kPaymentLinkSchema = R"sql(
CREATE TABLE payment_links (
  payment_id TEXT PRIMARY KEY REFERENCES online_payments (id) ON DELETE CASCADE,
  pay_url    TEXT NOT NULL,
  qr_text    TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX online_payments_by_application ON online_payments (application_id, created_at);
)sql";

// The console's second round (console2): refunds carried out, by bank transfer or through the
// payment gateway (the `refunds` table of version 4 keeps the notes recorded before).
constexpr std::string_view kRefundPayoutSchema = R"sql(
CREATE TABLE refund_payouts (
  id          INTEGER PRIMARY KEY,
  business_no TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('bank_transfer', 'online')),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  payment_id  TEXT NOT NULL,
  reference   TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
  message     TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX refund_payouts_by_application ON refund_payouts (business_no, id);
CREATE INDEX refund_payouts_by_time ON refund_payouts (updated_at);
)sql";

// Issue 21 (kmc): SM2 dual certificates. The encryption certificate an application carried, the
// KMC's escrowed encryption keys (private keys only encrypted under the master key; never
// deleted), and their re-deliveries to later applications (key recovery).
constexpr std::string_view kEscrowSchema = R"sql(
CREATE TABLE encryption_requests (
  application_id INTEGER PRIMARY KEY REFERENCES applications (id),
  certificate    BLOB NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE TABLE escrowed_keys (
  serial_hex         TEXT PRIMARY KEY,
  application_id     INTEGER NOT NULL UNIQUE REFERENCES applications (id),
  subject_der        BLOB NOT NULL,
  certificate        BLOB NOT NULL,
  master_key_id      TEXT NOT NULL,
  sealed_private_key BLOB NOT NULL,
  envelope           BLOB NOT NULL,
  created_at         INTEGER NOT NULL
);
CREATE INDEX escrowed_keys_by_subject ON escrowed_keys (subject_der, created_at);
CREATE TRIGGER escrowed_keys_no_delete BEFORE DELETE ON escrowed_keys
  BEGIN SELECT RAISE(ABORT, 'escrowed keys are never deleted'); END;
CREATE TABLE key_recoveries (
  application_id INTEGER NOT NULL REFERENCES applications (id),
  serial_hex     TEXT NOT NULL REFERENCES escrowed_keys (serial_hex),
  envelope       BLOB NOT NULL,
  recovered_by   TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (application_id, serial_hex)
);
)sql";

// Issue 22 (issuers): the issuer's jobs, claimed with a lease (storage/lease_claim.hpp). At most
// one pending job of a kind per application.
constexpr std::string_view kIssuerJobSchema = R"sql(
CREATE TABLE issuer_jobs (
  id              INTEGER PRIMARY KEY,
  application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('issue', 'revoke')),
  state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'refused')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL,
  lease_owner     TEXT,
  lease_until     INTEGER,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX issuer_jobs_one_pending ON issuer_jobs (application_id, kind)
  WHERE state = 'pending';
CREATE INDEX issuer_jobs_due ON issuer_jobs (state, next_attempt_at);
)sql";

// Issue 17: what the console's application list shows and searches is kept beside the application,
// so a list of a CA's hundreds of thousands of applications is one indexed query that decodes no
// certificate. NULL: not filled yet (rows from before this step; RenewalService fills them at
// start, service/application_listing.cpp). The list's index orders and pages; it carries no
// other column: a covering index halved a search at 300,000 applications (0.87 s to 0.46 s) but
// cost intake and issuance about a tenth of their throughput (bench/server), and intake is what
// peaks. And the nonce sweep (StoreTx::claim_nonce), which
// deletes by expiry on every claim, gets the index PostgreSQL has had since version 1.
constexpr std::string_view kListingSchema = R"sql(
ALTER TABLE applications ADD COLUMN subject TEXT;
ALTER TABLE applications ADD COLUMN operator_name TEXT;
CREATE INDEX applications_listing ON applications (created_at, id);
CREATE INDEX applications_listing_unfilled ON applications (id) WHERE subject IS NULL;
CREATE INDEX nonces_by_expiry ON nonces (expires_at);
)sql";

constexpr auto kMigrations =
    migrations_of({kInitialSchema, kRevocationSchema, kOneOpenApplicationPerCertificate,
                   kConsoleSchema, kPaymentLinkSchema, kNotifySchema, kRefundPayoutSchema,
                   kEscrowSchema, kIssuerJobSchema, kListingSchema});

}  // namespace

std::span<const Migration> sqlite_migrations() {
  return kMigrations;
}

}  // namespace certrenew::server
