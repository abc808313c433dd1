#include "service/issuer_job_worker.hpp"

namespace certrenew::server {

namespace {
constexpr int kBatch = 10;
}

IssuerJobWorker::IssuerJobWorker(RenewalService& service)
    : service_(service),
      id_(lease_worker_id()),
      thread_("issuer jobs", std::chrono::milliseconds(service.config().issuer.poll_milliseconds),
              [this] { run_once(); }) {
  service_.set_issuer_job_wake([this] { thread_.wake(); });
}

IssuerJobWorker::~IssuerJobWorker() {
  service_.set_issuer_job_wake({});
}

int IssuerJobWorker::run_once() {
  int attempted = 0;
  while (!thread_.stopping()) {
    const int n = service_.run_issuer_jobs(id_, kBatch);
    attempted += n;
    if (n < kBatch) break;
  }
  return attempted;
}

}  // namespace certrenew::server
