#pragma once
// Test mode and docs: the current back buffer as a PNG (glReadPixels, rows flipped, written with
// stb_image_write from Debian's libstb).

#include <filesystem>
#include <string>

namespace certrenew::gui {

// Reads the framebuffer of the current OpenGL context. Returns an error text, empty on success.
std::string write_framebuffer_png(const std::filesystem::path& file, int width, int height);

}  // namespace certrenew::gui
