#pragma once
// Mounts the console (console/console_site.hpp) on the serving layer's route table
// (http/router.hpp): the adapter between HttpRequest/HttpAnswer and the console's own types.

#include "console/console_site.hpp"
#include "http/router.hpp"

namespace certrenew::server::console {

void mount_console(Router& router, ConsoleSite& site);

}  // namespace certrenew::server::console
