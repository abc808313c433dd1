#pragma once
// Mounts the console (console/console_site.hpp) on a cpp-httplib server: the adapter between
// that library's request/response and the console's own. Replace it with a route in the serving
// layer's table when the HTTP library changes.

#include <httplib.h>

#include "console/console_site.hpp"

namespace certrenew::server::console {

void mount_console(httplib::Server& server, ConsoleSite& site);

}  // namespace certrenew::server::console
