// The support bundle as a .tar.gz made with libarchive, built in memory and written atomically.
#include "certrenew/client/diagnostics/bundle.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "certrenew/client/diagnostics/application_checks.hpp"
#include "certrenew/client/diagnostics/redaction.hpp"
#include "certrenew/client/logging.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "certrenew/client/store/atomic_file.hpp"

namespace certrenew::client::diagnostics {

namespace fs = std::filesystem;

namespace {

// A log file bigger than this is cut to its end: the rotating log never grows so large unless
// someone configured it to.
constexpr std::uintmax_t kMaxLogBytes = 8u * 1024 * 1024;

struct ArchiveWriteDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

extern "C" la_ssize_t append_to_string(archive*, void* user, const void* data, size_t size) {
  static_cast<std::string*>(user)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

[[noreturn]] void fail(archive* a, const std::string& what) {
  const char* reason = archive_error_string(a);
  throw std::runtime_error("cannot make the support bundle: " + what +
                           (reason ? std::string(": ") + reason : std::string()));
}

class TarGzBuilder {
 public:
  TarGzBuilder() : archive_(archive_write_new()) {
    if (!archive_) throw std::runtime_error("cannot make the support bundle: out of memory");
    archive* a = archive_.get();
    if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK) fail(a, "tar format");
    if (archive_write_add_filter_gzip(a) != ARCHIVE_OK) fail(a, "gzip filter");
    if (archive_write_open(a, &bytes_, nullptr, append_to_string, nullptr) != ARCHIVE_OK)
      fail(a, "open");
  }

  void add(const std::string& name, const std::string& content) {
    archive* a = archive_.get();
    std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    archive_entry_set_pathname_utf8(entry.get(), name.c_str());
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0600);
    archive_entry_set_mtime(entry.get(), std::time(nullptr), 0);
    if (archive_write_header(a, entry.get()) != ARCHIVE_OK) fail(a, name);
    if (!content.empty() && archive_write_data(a, content.data(), content.size()) !=
                                static_cast<la_ssize_t>(content.size()))
      fail(a, name);
    names_.push_back(name);
  }

  // Closes the archive and hands over its bytes.
  std::string finish() {
    if (archive_write_close(archive_.get()) != ARCHIVE_OK) fail(archive_.get(), "close");
    return std::move(bytes_);
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::string bytes_;  // declared before archive_: the archive writes into it until freed
  std::unique_ptr<archive, ArchiveWriteDeleter> archive_;
  std::vector<std::string> names_;
};

std::string read_tail(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff start = size > static_cast<std::streamoff>(kMaxLogBytes)
                                   ? size - static_cast<std::streamoff>(kMaxLogBytes)
                                   : 0;
  in.seekg(start);
  std::string content(static_cast<std::size_t>(size - start), '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content;
}

}  // namespace

BundleResult write_bundle(const DiagnosticReport& report, const fs::path& data_dir,
                          const fs::path& target) {
  // Every capability token the store knows is a secret to remove, wherever it may have leaked.
  Redactor redactor;
  nlohmann::json applications = {{"records", nlohmann::json::array()},
                                 {"unreadable", nlohmann::json::array()}};
  if (!data_dir.empty()) {
    RecordListing listing;
    try {
      listing = ApplicationStore(data_dir).list();
    } catch (const std::exception& e) {
      applications["error"] = e.what();
    }
    for (const ApplicationRecord& record : listing.records) {
      redactor.add_secret(record.capability_token);
      applications["records"].push_back(application_summary(record));
    }
    for (const UnreadableRecord& bad : listing.unreadable)
      applications["unreadable"].push_back(
          {{"file", bad.file.filename().string()}, {"reason", bad.reason}});
  }

  const DiagnosticReport clean = redact_report(report, redactor);
  TarGzBuilder tar;
  tar.add("report.json", to_json(clean).dump(2) + "\n");
  tar.add("report.txt", render_text(clean, Language::en));
  tar.add("report.zh-CN.txt", render_text(clean, Language::zh_CN));
  tar.add("applications.json", redactor.apply_json(applications).dump(2) + "\n");
  if (!data_dir.empty()) {
    flush_client_log();
    for (const fs::path& log : client_log_files(data_dir))
      tar.add("logs/" + log.filename().string(), redactor.apply(read_tail(log)));
  }
  BundleResult result{target, tar.names()};
  write_file_atomically(target, tar.finish());
  return result;
}

}  // namespace certrenew::client::diagnostics
