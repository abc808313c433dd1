#include "app/common_hanzi.hpp"

#include <array>
#include <cstring>

// PLATFORM: iconv (glibc, macOS libiconv). A Windows build would use MultiByteToWideChar with
// code page 936 here instead.
#include <iconv.h>

namespace certrenew::gui {
namespace {

class Converter {
 public:
  Converter() : cd_(iconv_open("UTF-32LE", "GB2312")) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // One two-byte GB 2312 character to a code point; 0 when unassigned.
  std::uint32_t convert(unsigned char hi, unsigned char lo) {
    std::array<char, 2> in{static_cast<char>(hi), static_cast<char>(lo)};
    std::array<unsigned char, 8> out{};
    char* in_ptr = in.data();
    auto* out_ptr = reinterpret_cast<char*>(out.data());
    std::size_t in_left = in.size();
    std::size_t out_left = out.size();
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    if (iconv(cd_, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1))
      return 0;
    if (out.size() - out_left != 4) return 0;
    return static_cast<std::uint32_t>(out[0]) | static_cast<std::uint32_t>(out[1]) << 8 |
           static_cast<std::uint32_t>(out[2]) << 16 | static_cast<std::uint32_t>(out[3]) << 24;
  }

 private:
  iconv_t cd_;
};

}  // namespace

std::vector<std::uint32_t> gb2312_level1_hanzi() {
  std::vector<std::uint32_t> result;
  Converter converter;
  if (!converter.ok()) return result;
  result.reserve(3755);
  // Level 1 is rows 16..55 (lead bytes 0xB0..0xD7), 94 cells each (0xA1..0xFE); the last five
  // cells of row 55 are unassigned.
  for (unsigned hi = 0xB0; hi <= 0xD7; ++hi)
    for (unsigned lo = 0xA1; lo <= 0xFE; ++lo)
      if (std::uint32_t cp =
              converter.convert(static_cast<unsigned char>(hi), static_cast<unsigned char>(lo)))
        result.push_back(cp);
  return result;
}

}  // namespace certrenew::gui
