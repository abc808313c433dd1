#include "instance/allocator_tuning.hpp"

#include <cstdlib>
#include <string_view>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace certrenew::server {

void keep_freed_memory_for_requests() {
#if defined(__GLIBC__)
  constexpr int kKeptBytes = 64 << 20;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr &&
      std::string_view(tunables).find("glibc.malloc.trim_threshold") != std::string_view::npos)
    return;
  mallopt(M_TRIM_THRESHOLD, kKeptBytes);
#endif
}

}  // namespace certrenew::server
