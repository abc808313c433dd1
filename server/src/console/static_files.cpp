#include "console/static_files.hpp"

#include <fstream>
#include <sstream>

namespace certrenew::server::console {

namespace fs = std::filesystem;

void add_security_headers(WebResponse& r) {
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                         "connect-src 'self'; form-action 'self'; base-uri 'none'; "
                         "frame-ancestors 'none'");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  r.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
}

namespace {

std::optional<std::string> content_type(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return std::nullopt;  // nothing else is served
}

// Only plain names of letters, digits, '-', '_' and one '.' per part: no "..", no hidden files.
bool safe_relative(const std::string& relative) {
  if (relative.size() > 200) return false;
  std::size_t part_start = 0;
  for (std::size_t i = 0; i <= relative.size(); ++i) {
    if (i == relative.size() || relative[i] == '/') {
      if (i == part_start || relative[part_start] == '.') return false;
      part_start = i + 1;
      continue;
    }
    const char c = relative[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.'))
      return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

std::optional<WebResponse> StaticFiles::serve(const std::string& relative_in) const {
  const std::string relative = relative_in.empty() ? "index.html" : relative_in;
  if (!safe_relative(relative)) return std::nullopt;
  const fs::path file = root_ / relative;
  auto type = content_type(file);
  std::error_code ec;
  if (!type || !fs::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  WebResponse r;
  r.content_type = *type;
  r.body = body.str();
  add_security_headers(r);
  return r;
}

}  // namespace certrenew::server::console
