#include "temp_dir.hpp"

#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

namespace certrenew::test {

TempDir::TempDir() {
  std::random_device random;
  for (int attempt = 0; attempt < 16; ++attempt) {
    const auto candidate = std::filesystem::temp_directory_path() /
                           ("certrenew-client-test-" + std::to_string(random()));
    // create_directory() is false when the name is taken: try another.
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace certrenew::test
