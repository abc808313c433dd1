// Issuance and revocation at the issuer as durable jobs (issue 22). Approval records the decision
// (approved, no certificate yet) and queues an "issue" job in the same transaction; the job is
// carried out outside any transaction: the issuer is asked (a CMP exchange may take minutes), then
// one transaction stores the certificate, moves the application to its ready state (approved
// with a certificate, actions.install) and settles the job. A failure is retried with backoff
// until the issuer answers; the issuer's final no (IssuerRefusal) puts the application back under
// review with the issuer's reason. Revoking a superseded certificate at an external CA is a
// "revoke" job, retried the same way until the CA accepts it.
#include <spdlog/spdlog.h>

#include "certrenew/core/pki/trust.hpp"
#include "certrenew/core/x509/decoded_certificate.hpp"
#include "jobs/polling_worker.hpp"
#include "service/dual_certificates.hpp"
#include "service/intake_policy.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

using protocol::BusinessState;

namespace {

// A job's outcome, written back while its worker still holds the claim.
OutboxSettlement settled(const IssuerJob& job, const std::string& state, std::int64_t now,
                         const std::string& error = "") {
  return {state, job.attempts + 1, job.next_attempt_at, error, state == "pending" ? 0 : now};
}

// The claim passed to another worker (this one outlived its lease): this attempt's writes are
// rolled back and the other worker's stand.
struct LeaseLost : std::runtime_error {
  LeaseLost() : std::runtime_error("the job's claim passed to another worker") {}
};

void settle_or_roll_back(StoreTx& tx, const IssuerJob& job, const std::string& worker,
                         const OutboxSettlement& s) {
  if (!tx.settle_issuer_job(job.id, worker, s)) throw LeaseLost();
}

// The issuer's certificate, decoded once for everything the approval records about it (each
// decode costs about a signature check). An answer that is no certificate throws (PkiError,
// CertificateError): a failure of this attempt, retried like any other.
struct IssuedCertificate {
  pki::SharedCertificate decoded;
  x509::Certificate model;
};

IssuedCertificate decode_issued(const std::vector<std::uint8_t>& der) {
  IssuedCertificate issued{pki::share_certificate(der), {}};
  issued.model = x509::describe_certificate(issued.decoded.get());
  issued.model.der = der;  // kept as the issuer wrote it
  return issued;
}

}  // namespace

std::int64_t RenewalService::issuer_job_lease_seconds() const {
  const CmpConfig& cmp = config_.issuer.cmp;
  return config_.issuer.type == IssuerType::cmp
             ? std::int64_t{cmp.total_timeout_seconds} + cmp.message_timeout_seconds + 60
             : 120;
}

RenewalService::QueuedJob RenewalService::queue_issuance(StoreTx& tx, ApplicationRecord& r,
                                                         const std::string& actor) {
  r.state = protocol::code(BusinessState::approved);
  record_change(tx, r, {now_unix(), actor, "approved", "queued for issuance"});
  QueuedJob job{queue_issuer_job(tx, r.id, "issue", r.updated_at), std::nullopt};
  if (issuer_->answers_at_once()) {
    // Claimed with the lease a worker would take: should this process die before the job is
    // settled, a worker carries it out once the lease has run out.
    const std::int64_t now = now_unix();
    std::vector<IssuerJob> claimed =
        tx.claim_issuer_jobs(inline_worker_, now, now + issuer_job_lease_seconds(), 1, job.id);
    if (!claimed.empty()) job.claimed = QueuedJob::Claimed{std::move(claimed.front()), r};
  }
  return job;
}

RenewalService::QueuedJob RenewalService::issue_automatically(StoreTx& tx, ApplicationRecord& r) {
  return queue_issuance(tx, r, "system");
}

std::optional<std::string> RenewalService::start_issuer_job(const QueuedJob& job) {
  if (!issuer_->answers_at_once()) {
    if (issuer_job_wake_) issuer_job_wake_();
    return std::nullopt;
  }
  if (job.claimed)
    return carry_out_issuer_job(job.claimed->job, inline_worker_, &job.claimed->application);
  const std::int64_t now = now_unix();
  std::vector<IssuerJob> claimed;
  store_->transact([&](StoreTx& tx) {
    claimed =
        tx.claim_issuer_jobs(inline_worker_, now, now + issuer_job_lease_seconds(), 1, job.id);
  });
  if (claimed.empty()) return std::nullopt;  // a worker has it already
  return carry_out_issuer_job(claimed.front(), inline_worker_);
}

int RenewalService::run_issuer_jobs(const std::string& worker, int limit) {
  const std::int64_t now = now_unix();
  std::vector<IssuerJob> claimed;
  store_->transact([&](StoreTx& tx) {
    claimed = tx.claim_issuer_jobs(worker, now, now + issuer_job_lease_seconds(), limit);
  });
  for (const auto& job : claimed) carry_out_issuer_job(job, worker);
  return static_cast<int>(claimed.size());
}

std::vector<std::uint8_t> RenewalService::issue_at_issuer(const ApplicationRecord& r) {
  return issuer_->issue({r.old_cert_der, r.csr_der, r.period_months, now_(), r.business_no});
}

std::optional<std::string> RenewalService::carry_out_issuer_job(const IssuerJob& job,
                                                                const std::string& worker,
                                                                const ApplicationRecord* known) {
  std::optional<ApplicationRecord> r;
  if (known)
    r = *known;
  else
    store_->transact([&](StoreTx& tx) { r = tx.application_by_id(job.application_id); });
  const bool issue = job.kind == "issue";
  // Nothing left to do: the application has its certificate, or is no longer approved.
  const bool moot = issue && (!r || business(*r) != BusinessState::approved || r->new_cert_der);
  std::optional<IssuedCertificate> issued;
  std::string failure;
  bool refused = false;
  if (r && !moot) {
    try {
      if (issue)
        issued = decode_issued(issue_at_issuer(*r));
      else
        issuer_->revoke({r->old_cert_der, r->old_cert_serial, "superseded"});
    } catch (const IssuerRefusal& e) {
      refused = true;
      failure = e.what();
    } catch (const std::exception& e) {  // IssuanceError, or anything else: try again later
      failure = e.what();
    }
  }
  const std::int64_t now = now_unix();
  const std::string what = issue ? "issuance" : "revocation of " + (r ? r->old_cert_serial : "");
  try {
    store_->transact([&](StoreTx& tx) {
      auto a = tx.application_by_id(job.application_id);
      if (a && !moot && failure.empty() && issue) {
        // Issue 21: a dual renewal's encryption pair in the same transaction as the signing
        // certificate; it writes nothing when it throws, so its failure settles like the
        // issuer's.
        try {
          if (business(*a) == BusinessState::approved && !a->new_cert_der)
            issue_encryption_pair(tx, *issuer_, kmc_, *a, issued->model, now_(), "system");
        } catch (const IssuerRefusal& e) {
          refused = true;
          failure = e.what();
        } catch (const IssuanceError& e) {
          failure = e.what();
        }
      }
      if (!a || moot) {
        settle_or_roll_back(tx, job, worker, settled(job, "done", now, a ? "" : "no application"));
      } else if (refused) {
        if (issue && business(*a) == BusinessState::approved && !a->new_cert_der) {
          a->state = protocol::code(BusinessState::under_review);
          a->updated_at = now;
          tx.update_application(*a);
        }
        tx.append_event(
            a->id,
            {now, "issuer", issue ? "issuance_refused" : "superseded_revocation_refused", failure});
        settle_or_roll_back(tx, job, worker, settled(job, "refused", now, failure));
      } else if (!failure.empty()) {
        OutboxSettlement s = settled(job, "pending", now, failure);
        s.next_attempt_at = now + retry_backoff(config_.issuer.retry_base_seconds,
                                                config_.issuer.retry_max_seconds, s.attempts);
        if (s.attempts == 1)  // once: the job's own record says how the retries go
          tx.append_event(
              a->id, {now, "issuer", issue ? "issuance_delayed" : "superseded_revocation_failed",
                      failure + "; retried until the issuer answers"});
        settle_or_roll_back(tx, job, worker, s);
      } else if (issue) {
        if (business(*a) != BusinessState::approved || a->new_cert_der) {
          settle_or_roll_back(tx, job, worker, settled(job, "done", now));
          return;
        }
        a->new_cert_der = issued->model.der;
        record_change(tx, *a, {now, "issuer", "certificate_issued", ""});
        Notifier::watch(tx, *a, issued->model);
        // The subject from the certificate in hand: the notifier would decode the old one.
        notifier_.record(tx, *a, NotifyEvent::approved, now,
                         {{"subject", issued->model.subject.first("CN")}});
        record_issued_key(tx, issued->decoded.get(), now);
        settle_or_roll_back(tx, job, worker, settled(job, "done", now));
      } else {
        tx.append_event(a->id, {now, "issuer", "superseded_revoked_by_issuer", a->old_cert_serial});
        settle_or_roll_back(tx, job, worker, settled(job, "done", now));
      }
    });
  } catch (const LeaseLost& e) {
    spdlog::warn("issuer job {} ({}): {}", job.id, job.kind, e.what());
    return std::nullopt;
  }
  if (refused)
    spdlog::error("issuer job {}: the issuer refused the {}: {}", job.id, what, failure);
  else if (!failure.empty())
    spdlog::warn("issuer job {} attempt {}: {} failed, retried later: {}", job.id, job.attempts + 1,
                 what, failure);
  else
    spdlog::info("issuer job {}: {} done", job.id, what);
  if (refused) return failure;
  return std::nullopt;
}

}  // namespace certrenew::server
