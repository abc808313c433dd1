#include "app/screenshot.hpp"

#include <GL/gl.h>

#include <algorithm>
#include <cstdint>
#include <system_error>
#include <vector>

#include <stb_image_write.h>

namespace certrenew::gui {

std::string write_framebuffer_png(const std::filesystem::path& file, int width, int height) {
  if (width <= 0 || height <= 0) return "empty framebuffer";
  const std::size_t row = static_cast<std::size_t>(width) * 3;
  std::vector<std::uint8_t> pixels(row * static_cast<std::size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's first row is the bottom one.
  std::vector<std::uint8_t> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::copy_n(pixels.data() + static_cast<std::size_t>(height - 1 - y) * row, row,
                flipped.data() + static_cast<std::size_t>(y) * row);
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  const auto tmp = file.string() + ".tmp";
  stbi_write_png_compression_level = 9;  // flat UI colours: small files for docs/
  if (!stbi_write_png(tmp.c_str(), width, height, 3, flipped.data(), static_cast<int>(row)))
    return "cannot write " + tmp;
  std::filesystem::rename(tmp, file, ec);
  if (ec) return "cannot rename to " + file.string() + ": " + ec.message();
  return {};
}

}  // namespace certrenew::gui
