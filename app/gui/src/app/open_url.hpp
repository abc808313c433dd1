#pragma once
// Hands a web address to the desktop's browser (the online payment page's 在浏览器中打开): the
// system's opener (xdg-open, open, ShellExecute) is started directly, never through a shell, and
// only for http(s) addresses, whatever the service sent.

#include <string>
#include <string_view>

namespace certrenew::gui {

// True for an absolute http:// or https:// address with a host and no spaces or control
// characters: the only kind handed to the opener.
bool is_openable_web_address(std::string_view url);

// Starts the opener and returns at once. Returns "" on success, else why not (in English, for
// the log and the error dialog's details).
std::string open_in_browser(const std::string& url);

}  // namespace certrenew::gui
