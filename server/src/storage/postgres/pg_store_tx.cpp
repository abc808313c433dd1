#include "storage/postgres/pg_store_tx.hpp"

#include "storage/record_rows.hpp"

namespace certrenew::server::pg {

std::int64_t PgTx::next_sequence(std::string_view name) {
  // The row stays locked until commit: numbers are gapless and never handed out twice, across
  // every instance on this database.
  return c_
      .query(
          "INSERT INTO sequences (name, value) VALUES ($1, 1) "
          "ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value",
          name)
      .integer(0, 0);
}

bool PgTx::claim_nonce(std::string_view nonce, std::int64_t expires_at, std::int64_t now) {
  // One statement, one round trip (issue 17). A few expired nonces go with each claim (rows
  // another transaction holds are left to it, and so is the nonce being claimed, which the
  // INSERT below takes over if it expired: a statement must not change one row twice).
  // Inserted, or an expired claim taken over: a row comes back. A live claim: none.
  return !c_.query(
                "WITH swept AS (DELETE FROM nonces WHERE nonce IN (SELECT nonce FROM nonces "
                "WHERE expires_at < $3 AND nonce <> $1 LIMIT 100 FOR UPDATE SKIP LOCKED)) "
                "INSERT INTO nonces (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO "
                "UPDATE SET expires_at = EXCLUDED.expires_at WHERE nonces.expires_at < $3 "
                "RETURNING 1",
                nonce, expires_at, now)
              .empty();
}

std::optional<ApplicationRecord> PgTx::application_by_id(std::int64_t id) {
  return one_application("id = $1::BIGINT", std::to_string(id));
}

std::optional<ApplicationRecord> PgTx::application_by_business_no(std::string_view no) {
  return one_application("business_no = $1", no);
}

std::optional<ApplicationRecord> PgTx::application_by_request(std::string_view sha256) {
  return one_application("request_sha256 = $1", sha256);
}

std::optional<ApplicationRecord> PgTx::open_application_for(std::string_view serial) {
  return one_application(
      "old_cert_serial = $1 AND state NOT IN ('completed', 'rejected', 'cancelled')", serial);
}

void PgTx::put_online_payment(const OnlinePaymentRecord& p) {
  c_.query(
      "INSERT INTO online_payments (id, application_id, amount_fen, state, gateway_ref, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE "
      "SET state = EXCLUDED.state, gateway_ref = EXCLUDED.gateway_ref, "
      "updated_at = EXCLUDED.updated_at",
      p.id, p.application_id, p.amount_fen, p.state, p.gateway_ref, p.created_at, p.updated_at);
}

std::optional<OnlinePaymentRecord> PgTx::online_payment(std::string_view id) {
  return c_
      .query(select(kOnlinePaymentColumns, "FROM online_payments WHERE id = $1 FOR UPDATE"), id)
      .first(read_record<OnlinePaymentRecord>);
}

std::optional<ApplicationRecord> PgTx::renewal_of(std::string_view serial) {
  return one_application("old_cert_serial = $1 AND state IN ('approved', 'completed')", serial);
}

IntakeLookup PgTx::intake_lookup(const IntakeQuery& q) {
  // One round trip: the same request's application (its columns first, NULL when there is none),
  // then what renewal_of, revocation, key_certified, applications_since and open_application_for
  // would answer, the applications read locked as those calls lock them.
  const std::string sql =
      "WITH same_request AS (" +
      select(kApplicationColumns,
             "FROM applications WHERE request_sha256 = $1 ORDER BY id DESC LIMIT 1 FOR UPDATE") +
      "), "
      "renewal AS (SELECT business_no FROM applications WHERE old_cert_serial = $2 AND state "
      "IN ('approved', 'completed') ORDER BY id DESC LIMIT 1 FOR UPDATE), "
      "open_one AS (SELECT business_no FROM applications WHERE old_cert_serial = $2 AND "
      "state NOT IN ('completed', 'rejected', 'cancelled') ORDER BY id DESC LIMIT 1 FOR "
      "UPDATE) "
      "SELECT same_request.*, (SELECT business_no FROM renewal), "
      "(SELECT revoked_at FROM revocations WHERE serial = $2), "
      "EXISTS (SELECT 1 FROM certified_keys WHERE fingerprint = $3)::INT, "
      "(SELECT COUNT(*) FROM applications WHERE old_cert_serial = $2 AND created_at >= $4), "
      "(SELECT business_no FROM open_one) "
      "FROM (SELECT 1) AS one LEFT JOIN same_request ON TRUE";
  const auto row = c_.query(sql, q.request_sha256, q.serial, q.key_fingerprint, q.since)
                       .first(read_intake_lookup);
  if (!row) throw Error("intake lookup returned no row", "P0002");
  return *row;
}

void PgTx::record_certified_key(std::string_view fingerprint, std::string_view serial,
                                std::int64_t at) {
  // Nobody reads the outcome: it goes with the next statement or the COMMIT (issue 17).
  c_.defer(
      "INSERT INTO certified_keys (fingerprint, serial, certified_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (fingerprint) DO NOTHING",
      fingerprint, serial, at);
}

void PgTx::put_revocation(const RevocationRecord& r) {
  c_.query(insert_sql(SqlDialect::postgres, "revocations", kRevocationColumns) +
               " ON CONFLICT (serial) DO NOTHING",
           fields(r));
}

std::optional<ApplicationRecord> PgTx::one_application(std::string_view where,
                                                       std::string_view key) {
  return c_
      .query(select(kApplicationColumns, "FROM applications WHERE " + std::string(where) +
                                             " ORDER BY id DESC LIMIT 1 FOR UPDATE"),
             key)
      .first(read_record<ApplicationRecord>);
}

}  // namespace certrenew::server::pg
