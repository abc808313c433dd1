#include "gui_world.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <fstream>

#include "text_file.hpp"

namespace certrenew::testing {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_text(const fs::path& file) {
  return read_text_file(file);
}

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "certrenew-gui-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

World::World(ServerProcess::Options options, bool own_tokens)
    : server(options), tokens(own_tokens ? dir / "tokens" : server.dir() / "demo" / "softtokens") {
  fs::create_directories(config.parent_path());
  fs::create_directories(tokens);
  write_config();
}

World::~World() {
  app.reset();
  std::error_code ec;
  fs::remove_all(dir, ec);
}

void World::write_config(const json& extra) {
  json c = {{"service_url", server.base_url()},
            {"trust", server.tls_root().string()},
            {"drivers", {{"softtoken", {{"root", tokens.string()}}}}}};
  c.update(extra);
  std::ofstream(config) << c.dump(2);
}

void World::start(std::vector<std::string> extra, bool fixed_size,
                  const std::string& first_screen) {
  std::vector<std::string> args = {CERTRENEW_GUI_BINARY,
                                   "--config",
                                   config.string(),
                                   "--data-dir",
                                   (dir / "data").string(),
                                   "--test-widget-map",
                                   map.string(),
                                   "--refresh-seconds",
                                   "2",
                                   "--payment-poll-seconds",
                                   "1"};
  if (fixed_size) args.insert(args.end(), {"--size", "1100x760"});
  if (screenshot_language() == "en") args.insert(args.end(), {"--lang", "en"});
  if (!screenshot_dir().empty())
    args.insert(args.end(), {"--screenshot-dir", screenshot_dir().string()});
  args.insert(args.end(), extra.begin(), extra.end());
  std::error_code ec;
  fs::remove(map, ec);
  app = std::make_unique<AppProcess>(args, log);
  gui.wait_screen(first_screen);
}

int World::quit() {
  gui.key("ctrl+q");
  const int rc = app->wait_exit();
  if (rc != 0) MESSAGE("app log:\n" << app->log_text());
  return rc;
}

void World::operator_post(const std::string& no, const std::string& action) {
  auto reply = server.admin_action(no, action);
  REQUIRE_MESSAGE(reply.status == 200, reply.body.dump());
}

nlohmann::json World::operator_view(const std::string& no) const {
  auto reply = server.admin_view(no);
  REQUIRE_MESSAGE(reply.status == 200, reply.body.dump());
  return reply.body;
}

std::string World::state_code(const std::string& no) const {
  return operator_view(no).at("state").at("code").get<std::string>();
}

void World::check_pin_nowhere() {
  CHECK(read_text(map).find(kPin) == std::string::npos);
  CHECK(read_text(log).find(kPin) == std::string::npos);
  if (!fs::exists(dir / "data")) return;
  for (const auto& e : fs::recursive_directory_iterator(dir / "data"))
    if (e.is_regular_file()) CHECK(read_text(e.path()).find(kPin) == std::string::npos);
}

}  // namespace certrenew::testing
