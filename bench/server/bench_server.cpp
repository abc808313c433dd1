// certrenew-bench-server: intake and issuance throughput of the renewal service, in process (the
// RenewalService over the SQLite store and over PostgreSQL, no HTTP or TLS), against the raw
// OpenSSL sign and verify rates of the same key types measured in the same run; and (PostgreSQL)
// two service instances on one database against one.
//
// For each setup (CA key type, applicant key type) it makes a fresh instance with init_instance,
// prepares N signed applications from N applicants outside the timed part, then times
//   intake:   RenewalService::submit of each application        -> applications/s
//   issuance: admin_approve of each, after its bank transfer was
//             saved and the payment confirmed (untimed)          -> issuances/s (the CA signs)
// and prints them beside what bounds them: intake verifies 2 signatures by the applicant's key
// (the SignedData, the CSR's proof of possession) and 1 by the CA's key (the applicant's
// certificate, its chain), and commits one write transaction; issuance makes 1 CA signature and
// commits one. The service runs with the allocator setting certrenew-server serve makes
// (instance/allocator_tuning.hpp). SQLite runs with
// synchronous=FULL and PostgreSQL (a throwaway PostgreSQL 15 cluster on a Unix socket, started
// here) with fsync on, so each commit waits for fsync: its cost is measured on its own.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cctype>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "applicant.hpp"
#include "certrenew/core/bytes.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/pki/trust.hpp"
#include "idle_connections.hpp"
#include "instance/allocator_tuning.hpp"
#include "instance/init.hpp"
#include "measure.hpp"
#include "postgres_cluster.hpp"
#include "raw_signature.hpp"
#include "service/api_error.hpp"
#include "service/config.hpp"
#include "service/renewal_service.hpp"
#include "storage/store.hpp"
#include "test_pki.hpp"

namespace {

using namespace certrenew;
using namespace certrenew::bench;
using certrenew::testing::Applicant;
using certrenew::testing::KeyKind;
using nlohmann::json;
namespace fs = std::filesystem;

struct Setup {
  const char* name;
  server::CaKeyType ca_key;
  const char* ca_key_name;
  KeyKind applicant_key;
  const char* applicant_key_name;
};

constexpr Setup kSetups[] = {
    {"EC", server::CaKeyType::ec_p256, "P-256", KeyKind::ec_p256, "P-256"},
    {"RSA", server::CaKeyType::rsa3072, "RSA-3072", KeyKind::rsa2048, "RSA-2048"},
};

constexpr std::string_view kOperator = "bench";
constexpr int kRepeats = 5;  // each small measurement is repeated and its median taken

struct Settings {
  int applications = 50;
  std::string_view setup = "all";    // or one setup's name, lower case: ec, rsa
  std::string_view backend = "all";  // sqlite, postgres
  int idle_connections = 1000;       // /api/v1/info latency with these open; 0: not measured
  int latency_samples = 100;
};

// Where a run keeps its data. `open` makes a fresh, empty store each call (`sqlite_file` names
// the file for SQLite; PostgreSQL makes a new database on the bench's cluster).
struct Backend {
  const char* name;
  const char* note;
  std::function<std::unique_ptr<server::Store>(const fs::path& sqlite_file)> open;
};

struct Figures {  // one run's results, for the summary
  std::string label;
  double intake_vs_floor = 0;
  double issuance_vs_floor = 0;
  double intake_per_second = 0;
  double intake_vs_decoding_floor = 0;
};
std::vector<Figures> g_summary;

bool selected(const Setup& setup, std::string_view wanted) {
  if (wanted == "all") return true;
  const std::string_view name = setup.name;
  if (name.size() != wanted.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(name[i])) != wanted[i]) return false;
  return true;
}

// Seconds per call of `work`, the median of kRepeats batches of at least `batch_seconds` each.
template <typename Work>
double timed(Work&& work, double batch_seconds = 0.1) {
  std::vector<double> batches;
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    int calls = 0;
    const auto start = Clock::now();
    std::chrono::duration<double> elapsed{};
    do {
      work();
      ++calls;
      elapsed = Clock::now() - start;
    } while (elapsed.count() < batch_seconds);
    batches.push_back(elapsed.count() / calls);
  }
  return median(std::move(batches));
}

struct RawRates {
  double sign = 0;  // seconds per operation
  double verify = 0;
};

// Bare EVP_DigestSign / EVP_DigestVerify with `key` over an application-sized message.
RawRates raw_rates(EVP_PKEY* key) {
  const std::string message(1500, 'a');
  const Bytes signature = raw_sign(key, as_bytes(message));
  RawRates rates;
  rates.sign = timed([&] { raw_sign(key, as_bytes(message)); });
  rates.verify = timed([&] {
    if (!raw_verify(key, as_bytes(message), signature)) throw std::runtime_error("raw verify");
  });
  return rates;
}

struct CommitCost {
  double empty = 0;  // BEGIN + COMMIT with nothing written: SQLite syncs nothing
  double write = 0;  // one row changed: the WAL is appended and fsynced
};

// On a database of its own beside the instance's (same file system), so the figures are the
// store's bare transaction cost.
CommitCost commit_cost(const Backend& backend, const fs::path& file) {
  const std::unique_ptr<server::Store> store = backend.open(file);
  CommitCost cost;
  cost.empty = timed([&] { store->transact([](server::StoreTx&) {}); });
  cost.write =
      timed([&] { store->transact([](server::StoreTx& tx) { tx.next_sequence("bench"); }); });
  return cost;
}

struct DecodeCost {  // seconds per decode; OpenSSL 3.0 decodes the public key with its providers
  double certificate = 0;  // d2i_X509 of the applicant's certificate
  double request = 0;      // d2i_X509_REQ of the application's CSR
};

// What any verifier pays before it can check a signature: the signer's certificate and the
// request must be decoded once each. Measured here so the floor can include them.
DecodeCost decode_cost(const Bytes& signed_application) {
  const pki::VerifiedSignedData verified = pki::verify_signed_data(signed_application);
  const json content = json::parse(verified.content.begin(), verified.content.end());
  const Bytes csr = from_base64(content.at("csr").get<std::string>());
  const Bytes& certificate = verified.signer_certificate_der;
  DecodeCost cost;
  cost.certificate = timed([&] {
    const unsigned char* p = certificate.data();
    X509_free(d2i_X509(nullptr, &p, static_cast<long>(certificate.size())));
  });
  cost.request = timed([&] {
    const unsigned char* p = csr.data();
    X509_REQ_free(d2i_X509_REQ(nullptr, &p, static_cast<long>(csr.size())));
  });
  return cost;
}

// Seconds per call of the pki checks intake makes (service/submit.cpp), on one signed
// application, without the store: the SignedData, the signer's chain to the CA, the CSR.
double pki_checks(const Bytes& signed_application, const Bytes& ca_certificate) {
  const pki::VerifiedSignedData verified = pki::verify_signed_data(signed_application);
  const json content = json::parse(verified.content.begin(), verified.content.end());
  const Bytes csr = from_base64(content.at("csr").get<std::string>());
  pki::TrustOptions trust;
  trust.decoded_anchors = {pki::share_certificate(ca_certificate)};
  return timed([&] {
    const pki::VerifiedSignedData checked = pki::verify_signed_data(signed_application);
    if (!pki::check_chain(checked.signer_certificate.get(), trust).trusted)
      throw std::runtime_error("the applicant's certificate is not the CA's");
    pki::verify_csr(csr);
  });
}

struct Pending {
  std::string business_no;
  std::string capability;
  std::int64_t total_fen = 0;
};

std::string yuan(std::int64_t fen) {
  char text[32];
  std::snprintf(text, sizeof text, "%" PRId64 ".%02" PRId64, fen / 100, fen % 100);
  return text;
}

void rate_line(const char* what, double seconds) {
  std::printf("  %-34s %10.1f us  %9.0f /s\n", what, seconds * 1e6, 1 / seconds);
}

// A step's rate as a fraction of the raw operation's rate that bounds it.
void raw_rate_line(const char* what, double fraction, const char* meaning) {
  std::printf("  %-34s %10.3f   (%s)\n", what, fraction, meaning);
}

// A step's time as a multiple of its floor, the time of the work it cannot avoid (`floor_is`).
void floor_line(const char* what, double seconds, double floor, const char* floor_is) {
  std::printf("  %-34s %10.2fx  (%s = %.1f us)\n", what, seconds / floor, floor_is, floor * 1e6);
}

// How much of a step's time two of its parts take.
void share_line(const char* what, double first, double second, double whole) {
  std::printf("  %-34s %9.0f%% / %3.0f%%\n", what, 100 * first / whole, 100 * second / whole);
}

void run(const Setup& setup, const Settings& settings, const Backend& backend) {
  const testing::TempDir dir;
  server::InitOptions init;
  init.dir = dir.path() / "instance";
  init.assets_dir = server::find_assets_dir();
  init.ca_key = setup.ca_key;
  init.auto_approve = false;
  const server::InitResult instance = server::init_instance(init);
  server::ServerConfig config = server::ServerConfig::load(instance.config);
  const fs::path database = config.database;
  server::RenewalService service(std::move(config), backend.open(database));

  // Untimed: N applicants of this CA, each with its signed application.
  const int n = settings.applications;
  const json agreement = protocol::encode(service.agreement("zh-CN"));
  std::vector<Bytes> applications;
  for (int i = 0; i < n; ++i) {
    const Applicant applicant =
        Applicant::of(service.authority(), setup.applicant_key,
                      std::chrono::system_clock::now() + std::chrono::days(20));
    applications.push_back(applicant.sign(applicant.content(agreement)));
  }

  // The floors, in this run.
  const testing::EvpKey applicant_key = testing::make_key(setup.applicant_key);
  const RawRates applicant = raw_rates(applicant_key.get());
  const RawRates ca = raw_rates(service.authority().key());
  const CommitCost commit = commit_cost(backend, dir.path() / "commit-probe.sqlite");
  const double pki = pki_checks(applications.front(), service.authority().certificate_der());
  const DecodeCost decode = decode_cost(applications.front());

  // (a) intake
  std::vector<Pending> pending;
  const auto intake_start = Clock::now();
  for (const Bytes& application : applications) {
    const server::Submission submission = service.submit(application);
    if (!submission.created) throw std::runtime_error("an application was not created");
    pending.push_back({submission.application.business_no, submission.capability_token,
                       submission.application.total.fen()});
  }
  const std::chrono::duration<double> intake_elapsed = Clock::now() - intake_start;

  // Untimed: each applicant records its bank transfer, the back office confirms it.
  const std::string today = testing::iso_now().substr(0, 10);
  for (const Pending& p : pending) {
    protocol::BankTransfersRequest request;
    request.records.push_back({"6222 0202 0000 1234 567", "某公司", yuan(p.total_fen), today, ""});
    service.save_bank_transfers(p.business_no, p.capability, request);
    service.admin_confirm_payment(p.business_no, std::string(kOperator));
  }

  // (b) issuance
  const auto issuance_start = Clock::now();
  for (const Pending& p : pending) {
    if (service.admin_approve(p.business_no, std::string(kOperator)).view.state !=
        protocol::BusinessState::approved)
      throw std::runtime_error("an application was not approved");
  }
  const std::chrono::duration<double> issuance_elapsed = Clock::now() - issuance_start;

  const double intake = intake_elapsed.count() / n;
  const double issuance = issuance_elapsed.count() / n;
  const double intake_floor = 2 * applicant.verify + ca.verify + commit.write;
  const double issuance_floor = ca.sign + commit.write;
  const double decoding_floor = intake_floor + decode.certificate + decode.request;

  std::printf("\n== %s on %s: CA key %s, applicant keys %s, N = %d ==\n", setup.name, backend.name,
              setup.ca_key_name, setup.applicant_key_name, n);
  std::printf("raw OpenSSL, this run (median of %d batches):\n", kRepeats);
  rate_line(("applicant " + std::string(setup.applicant_key_name) + " sign").c_str(),
            applicant.sign);
  rate_line(("applicant " + std::string(setup.applicant_key_name) + " verify").c_str(),
            applicant.verify);
  rate_line(("CA " + std::string(setup.ca_key_name) + " sign").c_str(), ca.sign);
  rate_line(("CA " + std::string(setup.ca_key_name) + " verify").c_str(), ca.verify);
  rate_line("applicant certificate decode", decode.certificate);
  rate_line("application CSR decode", decode.request);
  std::printf("store (%s):\n", backend.note);
  rate_line("empty transact()", commit.empty);
  rate_line("transact() writing one row", commit.write);
  std::printf("pki checks of one application (no store):\n");
  rate_line("verify_signed_data + chain + csr", pki);

  std::printf("intake (submit):\n");
  rate_line("per application", intake);
  raw_rate_line("÷ raw verify rate", applicant.verify / intake, "intake/s / applicant verify/s");
  floor_line("vs floor", intake, intake_floor, "2 applicant + 1 CA verify + 1 commit");
  floor_line("vs floor with decoding", intake, decoding_floor,
             "the same + 1 certificate and 1 CSR decode");
  share_line("share: pki checks / one commit", pki, commit.write, intake);
  std::printf("issuance (admin_approve):\n");
  rate_line("per certificate", issuance);
  raw_rate_line("÷ raw CA sign rate", ca.sign / issuance, "issuances/s / CA sign/s");
  floor_line("vs floor", issuance, issuance_floor, "1 CA sign + 1 commit");
  share_line("share: CA sign / one commit", ca.sign, commit.write, issuance);
  g_summary.push_back({std::string(setup.name) + " " + backend.name, intake / intake_floor,
                       issuance / issuance_floor, 1 / intake, intake / decoding_floor});
  const bool intake_fsync_bound = commit.write > 0.5 * intake;
  const bool issuance_fsync_bound = commit.write > 0.5 * issuance;
  if (intake_fsync_bound || issuance_fsync_bound)
    std::printf("  => the fsync of the commit dominates %s\n",
                intake_fsync_bound && issuance_fsync_bound ? "intake and issuance"
                : intake_fsync_bound                       ? "intake"
                                                           : "issuance");
}

std::string fresh_database_name() {
  static int count = 0;
  return "bench_" + std::to_string(++count);
}

// Seconds per application when `services[t]` takes applications t, t + T, t + 2T, ... on thread t.
double concurrent_intake(const std::vector<server::RenewalService*>& services,
                         const std::vector<Bytes>& applications) {
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < services.size(); ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < applications.size(); i += services.size())
        if (!services[t]->submit(applications[i]).created)
          throw std::runtime_error("an application was not created");
    });
  }
  for (auto& thread : threads) thread.join();
  const std::chrono::duration<double> elapsed = Clock::now() - start;
  return elapsed.count() / static_cast<double>(applications.size());
}

// Two RenewalService instances on one PostgreSQL database (each with its own connection pool, as
// two processes have) against one instance taking the same load on as many threads. On one
// machine both share its cores: the ratio shows what the coordination through the database
// costs, not the capacity a second machine adds.
void two_instances(const Setup& setup, const Settings& settings,
                   testing::PostgresCluster& cluster) {
  const testing::TempDir dir;
  server::InitOptions init;
  init.dir = dir.path() / "instance";
  init.assets_dir = server::find_assets_dir();
  init.ca_key = setup.ca_key;
  const server::ServerConfig config =
      server::ServerConfig::load(server::init_instance(init).config);
  const std::string url = cluster.create_database(fresh_database_name());
  server::RenewalService first(config, server::open_postgres_store(url));
  server::RenewalService second(config, server::open_postgres_store(url));

  const int n = settings.applications;
  const json agreement = protocol::encode(first.agreement("zh-CN"));
  std::vector<Bytes> for_one, for_two;
  for (int i = 0; i < 4 * n; ++i) {
    const Applicant applicant =
        Applicant::of(first.authority(), setup.applicant_key,
                      std::chrono::system_clock::now() + std::chrono::days(20));
    (i % 2 ? for_two : for_one).push_back(applicant.sign(applicant.content(agreement)));
  }
  const double one = concurrent_intake({&first, &first}, for_one);
  const double two = concurrent_intake({&first, &second}, for_two);
  std::printf("\n== %s on PostgreSQL: two instances against one, intake, 2N = %d each ==\n",
              setup.name, 2 * n);
  rate_line("one instance, 2 threads", one);
  rate_line("two instances, 1 thread each", two);
  std::printf("  %-34s %10.2f   (two / one, applications/s; same cores)\n", "ratio", one / two);
}

void print_summary() {
  std::printf("\n== summary: intake and issuance against their floors (lower is better) ==\n");
  std::printf("  %-20s %12s %14s %18s %16s\n", "setup", "intake /s", "intake×floor",
              "×floor+decoding", "issuance×floor");
  for (const Figures& f : g_summary)
    std::printf("  %-20s %12.0f %13.2fx %17.2fx %15.2fx\n", f.label.c_str(), f.intake_per_second,
                f.intake_vs_floor, f.intake_vs_decoding_floor, f.issuance_vs_floor);
}

}  // namespace

int main(int argc, char** argv) {
  server::keep_freed_memory_for_requests();
  Settings settings;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--n" && i + 1 < args.size() &&
        parse_positive(args[i + 1], settings.applications)) {
      ++i;
    } else if (args[i] == "--setup" && i + 1 < args.size() &&
               (args[i + 1] == "all" || args[i + 1] == "ec" || args[i + 1] == "rsa")) {
      settings.setup = args[++i];
    } else if (args[i] == "--backend" && i + 1 < args.size() &&
               (args[i + 1] == "all" || args[i + 1] == "sqlite" || args[i + 1] == "postgres")) {
      settings.backend = args[++i];
    } else if (args[i] == "--idle" && i + 1 < args.size() &&
               (args[i + 1] == "0" || parse_positive(args[i + 1], settings.idle_connections))) {
      if (args[++i] == "0") settings.idle_connections = 0;
    } else if (args[i] == "--samples" && i + 1 < args.size() &&
               parse_positive(args[i + 1], settings.latency_samples)) {
      ++i;
    } else {
      std::fprintf(stderr,
                   "usage: certrenew-bench-server [--n APPLICATIONS] [--setup all|ec|rsa] "
                   "[--backend all|sqlite|postgres] [--idle CONNECTIONS (0: skip)] "
                   "[--samples REQUESTS]\n");
      return 2;
    }
  }
  std::printf(
      "certrenew-bench-server: RenewalService in process (no HTTP/TLS), N applications per "
      "setup;\nper-operation times (lower is better) and rates (higher is better); ratios "
      "compare with raw OpenSSL measured in this run\n");
  try {
    std::vector<Backend> backends;
    if (settings.backend != "postgres")
      backends.push_back({"SQLite", "SQLite WAL, synchronous=FULL",
                          [](const fs::path& file) { return server::open_sqlite_store(file); }});
    std::unique_ptr<testing::PostgresCluster> cluster;
    if (settings.backend != "sqlite") {
      if (const std::string why = testing::PostgresCluster::unavailable_reason(); !why.empty()) {
        std::printf("PostgreSQL runs skipped: %s\n", why.c_str());
      } else {
        cluster = std::make_unique<testing::PostgresCluster>(
            testing::PostgresCluster::Options{.durable = true});
        backends.push_back(
            {"PostgreSQL", "PostgreSQL 15, fsync on, Unix socket", [&cluster](const fs::path&) {
               return server::open_postgres_store(cluster->create_database(fresh_database_name()));
             }});
      }
    }
    for (const Setup& setup : kSetups) {
      if (!selected(setup, settings.setup)) continue;
      for (const Backend& backend : backends) run(setup, settings, backend);
      if (cluster) two_instances(setup, settings, *cluster);
    }
    print_summary();
    if (settings.idle_connections > 0)
      info_latency_with_idle_connections(settings.idle_connections, settings.latency_samples);
  } catch (const server::ApiError& error) {
    std::fprintf(stderr, "certrenew-bench-server: %s: %s\n", error.code().c_str(), error.what());
    return 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "certrenew-bench-server: %s\n", error.what());
    return 1;
  }
  return 0;
}
