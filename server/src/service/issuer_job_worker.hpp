#pragma once
// Carries out the issuer's jobs (service/issuer_jobs.cpp) on a thread of its own, every poll
// interval and at once when a job is queued: several instances on one database share the work
// through the jobs' leases, and a job whose instance died is taken up again when its lease ends.

#include <string>

#include "jobs/polling_worker.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

class IssuerJobWorker {
 public:
  explicit IssuerJobWorker(RenewalService& service);
  ~IssuerJobWorker();  // the service no longer wakes it; the thread stops

  void start() { thread_.start(); }
  int run_once();  // every due job, in batches; returns how many were attempted

 private:
  RenewalService& service_;
  std::string id_;
  PollingWorker thread_;  // last: stopped before the members its rounds use
};

}  // namespace certrenew::server
