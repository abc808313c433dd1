// The client's rotating log: where it is, that it is redacted on the way to disk, that it rotates.
#include <doctest/doctest.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "certrenew/client/logging.hpp"
#include "test_pki.hpp"

using namespace certrenew::client;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the log lands in data_dir/logs, owner-only, with secrets removed") {
  certrenew::testing::TempDir dir;
  const fs::path file = start_client_log(dir.path());
  CHECK(file == dir.path() / "logs" / "certrenew.log");
  spdlog::info("login with pin={} for operator {}", "246810", "13800138000");
  spdlog::warn("Authorization: Bearer {}", "cap-token-value-xyz");
  spdlog::debug("not written at the default level");
  stop_client_log();

  const std::string text = read(file);
  CHECK(text.find("pin=[removed]") != std::string::npos);
  CHECK(text.find("246810") == std::string::npos);
  CHECK(text.find("138****8000") != std::string::npos);
  CHECK(text.find("cap-token-value-xyz") == std::string::npos);
  CHECK(text.find("[warning]") != std::string::npos);
  CHECK(text.find("not written") == std::string::npos);
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  // After stop the default logger is usable again and writes nothing here.
  spdlog::info("after stop");
  CHECK(read(file).find("after stop") == std::string::npos);
}

TEST_CASE("the log rotates at its size limit and keeps the configured number of old files") {
  certrenew::testing::TempDir dir;
  ClientLogOptions options;
  options.max_file_bytes = 4096;
  options.rotated_files = 2;
  start_client_log(dir.path(), options);
  for (int i = 0; i < 400; ++i) spdlog::info("line {:04d} of the rotation test", i);
  const auto files = client_log_files(dir.path());
  REQUIRE(files.size() == 3);
  CHECK(files[0].filename() == "certrenew.2.log");
  CHECK(files[1].filename() == "certrenew.1.log");
  CHECK(files[2].filename() == "certrenew.log");
  for (const fs::path& f : files) CHECK(fs::file_size(f) <= 4096);

  const auto tail = read_log_tail(dir.path(), 5);
  REQUIRE(tail.size() == 5);
  CHECK(tail.back().find("line 0399") != std::string::npos);
  CHECK(tail.front().find("line 0395") != std::string::npos);
  stop_client_log();
  CHECK(read_log_tail(dir.path(), 0).empty());
}

TEST_CASE("a data folder that cannot hold a log is a clear error") {
  certrenew::testing::TempDir dir;
  std::ofstream(dir.path() / "file") << "x";
  CHECK_THROWS_WITH_AS(start_client_log(dir.path() / "file"),
                       doctest::Contains("cannot open the log file"), std::runtime_error);
  CHECK(client_log_files(dir.path() / "file").empty());
  CHECK(read_log_tail(dir.path(), 10).empty());
}
