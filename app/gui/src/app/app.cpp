#include "app/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>

#include "app/asset_text.hpp"
#include "app/common_hanzi.hpp"
#include "app/fonts.hpp"
#include "app/screenshot.hpp"
#include "app/strings.hpp"
#include "app/window.hpp"
#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/logging.hpp"
#include "certrenew/core/version.hpp"
#include "controller/diagnostics_panel.hpp"
#include "controller/pin_care.hpp"
#include "controller/session.hpp"
#include "testing/widget_map.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"
#include "widgets/widgets.hpp"

namespace certrenew::gui {
namespace {

using Clock = std::chrono::steady_clock;

// SIGTERM/SIGINT ask the loop to finish like Ctrl+Q (so settings are saved and workers joined).
// The loop never sleeps longer than kMaxSleep, which bounds how long that takes.
std::atomic<bool> g_stop_requested{false};
extern "C" void on_stop_signal(int) {
  g_stop_requested.store(true);
}
constexpr double kMaxSleep = 1.0;

// Everything the UI may draw from the start: punctuation and symbols, every translation, the
// agreement shipped in assets/, and the common Chinese characters.
GlyphSet initial_body_glyphs() {
  GlyphSet g;
  g.add_range(0x20, 0x7E);
  g.add_range(0xA0, 0xFF);      // Latin-1: ¥, ×, ·
  g.add_range(0x2010, 0x206F);  // general punctuation: “ ” … —
  g.add_range(0x2190, 0x21FF);  // arrows
  g.add_range(0x25A0, 0x25FF);  // geometric shapes: ● ○
  g.add(0x2713);                // ✓
  g.add_range(0x3000, 0x303F);  // CJK punctuation: 。、「」
  g.add_range(0xFF00, 0xFFEF);  // full-width forms: （）：，
  for (std::size_t i = 0; i < kStringCount; ++i) {
    g.add_text(tr_in(static_cast<T>(i), Language::zh_CN));
    g.add_text(tr_in(static_cast<T>(i), Language::en));
  }
  g.add_text(agreement_zh_asset());
  for (std::uint32_t cp : gb2312_level1_hanzi()) g.add(cp);
  return g;
}

// Headings show only texts from the table.
GlyphSet initial_heading_glyphs() {
  GlyphSet g;
  g.add_range(0x20, 0x7E);
  g.add_range(0x3000, 0x303F);
  g.add_range(0xFF00, 0xFFEF);
  for (std::size_t i = 0; i < kStringCount; ++i) {
    g.add_text(tr_in(static_cast<T>(i), Language::zh_CN));
    g.add_text(tr_in(static_cast<T>(i), Language::en));
  }
  g.add_text(agreement_zh_asset());  // its headings
  return g;
}

client::RuntimeOptions runtime_options(const Options& options) {
  client::RuntimeOptions r;
  r.config_file = options.config;
  r.data_dir = options.data_dir;
  return r;
}

std::string screenshot_name(Language language) {
  std::string name = widget_map().screen();
  if (!widget_map().dialog().empty()) name += "-" + widget_map().dialog();
  return name + "-" + std::string(client::code(language)) + ".png";
}

}  // namespace

App::App(Options options)
    : options_(std::move(options)),
      runtime_(std::make_unique<client::Runtime>(runtime_options(options_))) {}

App::~App() {
  pin_care_.reset();
  diagnostics_.reset();  // workers first: their continuations reference these
  session_.reset();
  fonts_.reset();
  window_.reset();
}

int App::run() {
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);
  SessionSetup setup;
  setup.refresh_seconds = options_.refresh_seconds;
  setup.payment_poll_seconds = options_.payment_poll_seconds;
  const client::RuntimeLocation& where = runtime_->location();
  settings_file_ = where.config_file.parent_path() / "gui.json";
  if (!where.data_dir.empty()) {
    // One app per data folder: a second start brings the first to the front and ends here,
    // before it touches the folder.
    instance_ = SingleInstance::claim(where.data_dir, [this] {
      raise_requested_.store(true);
      if (window_up_.load()) wake_ui_thread();
    });
    if (!instance_) {
      const bool raised = SingleInstance::ask_to_raise(where.data_dir);
      const T said = raised ? T::already_running : T::already_running_no_answer;
      std::fprintf(stderr, "certrenew: %s %s\ncertrenew: %s %s\n", tr_in(said, Language::zh_CN),
                   where.data_dir.string().c_str(), tr_in(said, Language::en),
                   where.data_dir.string().c_str());
      return 0;
    }
    try {
      runtime_->start_log();  // the client library's redacted log
    } catch (const std::exception& e) {
      std::fprintf(stderr, "certrenew: no log file: %s\n", e.what());
    }
  }
  settings_ = load_settings(settings_file_);
  if (!options_.widget_map.empty()) set_widget_map_file(options_.widget_map);

  inbox_ = std::make_unique<UiInbox>([] { wake_ui_thread(); });
  session_ = std::make_unique<Session>(*runtime_, setup, *inbox_);
  pin_care_ = std::make_unique<PinCare>(*inbox_);
  Language lang = Language::zh_CN;
  if (session_->config()) lang = session_->config()->language;
  if (settings_.language) lang = *settings_.language;
  if (options_.language) lang = *options_.language;
  set_language(lang);

  WindowOptions wo;
  wo.width = options_.width.value_or(settings_.width);
  wo.height = options_.height.value_or(settings_.height);
  wo.title = tr(T::app_title);
  try {
    window_ = std::make_unique<Window>(wo, input_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "certrenew: %s\n", e.what());
    return 1;
  }
  window_up_.store(true);
  input_.on_quit = [this] { quit_ = true; };
  input_.on_screenshot_key = [this] {
    if (!options_.screenshot_dir.empty()) screenshot_countdown_ = 3;
  };

  const float scale = window_->content_scale();
  fonts_ = std::make_unique<Fonts>(find_cjk_font(), scale, initial_body_glyphs(),
                                   initial_heading_glyphs());
  ui::setup(scale, fonts_.get());
  fonts_->upload();

  about_.version = std::string(certrenew::version());
  about_.font = fonts_->choice()
                    ? fonts_->choice()->family + " (" + fonts_->choice()->file.string() + ")"
                    : "Dear ImGui default (no CJK font)";
  about_.service_url = session_->config() ? session_->config()->service_url : "-";
  about_.data_dir = where.data_dir.string();
  if (!fonts_->has_cjk()) {
    // Chinese cannot be drawn at all: say so, in English.
    set_language(Language::en);
    window_->set_title(tr(T::app_title));
    session_->show_error(message(T::error_font_missing));
    std::fprintf(stderr, "certrenew: %s\n", tr_in(T::error_font_missing, Language::en));
  }

  start_diagnostics();
  session_->start();
  const auto started = Clock::now();
  while (!quit_ && !window_->should_close() && !g_stop_requested.load()) {
    const auto now = Clock::now();
    const auto next_timer = session_->tick(now);
    double timeout = kMaxSleep;
    if (input_.active(now) || busy() || screenshot_countdown_ > 0 || !options_.screenshot.empty())
      timeout = 1.0 / 60.0;  // animating (spinner, hover, settling layout)
    else if (next_timer != Clock::time_point::max())
      timeout =
          std::clamp(std::chrono::duration<double>(next_timer - now).count(), 0.001, kMaxSleep);
    window_->wait_events(timeout);
    if (raise_requested_.exchange(false)) {  // another start of the app asked (single_instance)
      window_->bring_to_front();
      ++raise_count_;
      input_.touch();
    }
    const unsigned long before = version();
    inbox_->drain();
    if (version() != before) input_.touch();
    const auto after = Clock::now();
    if (!input_.active(after) && !busy() && screenshot_countdown_ == 0 &&
        options_.screenshot.empty())
      continue;  // nothing to show: no frame, no CPU

    // Typed characters the atlas lacks (e.g. a rare surname) are added before this frame.
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters) fonts_->require(c);
    fonts_->rebuild_if_needed();
    frame();

    if (!options_.screenshot.empty()) {
      // Settled: drivers loaded, nothing in flight, no atlas rebuild pending. A frame that never
      // settles (a service that hangs) is captured anyway after 20 s.
      const bool settled = session_->settled() && !diagnostics_->busy() && !pin_care_->busy() &&
                           !fonts_->rebuild_pending();
      const bool late = after - started > std::chrono::seconds(20);
      settled_frames_ = settled || late ? settled_frames_ + 1 : 0;
      if (settled_frames_ >= 5) quit_ = true;
    }
  }
  save_window_settings();
  pin_care_.reset();
  diagnostics_.reset();  // workers joined before the log closes
  session_.reset();
  client::stop_client_log();
  window_up_.store(false);
  instance_.reset();  // the folder is free for the next start
  return 0;
}

void App::frame() {
  widget_map().begin_frame();
  views::begin_frame_dialogs();
  input_.before_new_frame();
  window_->begin_frame();
  draw_main();
  if (raise_count_ > 0) widget_map().value("app.raised", std::to_string(raise_count_));
  window_->render();
  if (screenshot_countdown_ > 0 && --screenshot_countdown_ == 0)
    take_screenshot(options_.screenshot_dir / screenshot_name(language()));
  if (!options_.screenshot.empty() && settled_frames_ >= 4) take_screenshot(options_.screenshot);
  int x = 0, y = 0, w = 0, h = 0;
  window_->position(x, y);
  window_->size(w, h);
  widget_map().end_frame(busy(), std::string(client::code(language())), x, y, w, h);
  window_->present();
  input_.after_frame();
}

void App::take_screenshot(const std::filesystem::path& file) {
  int w = 0;
  int h = 0;
  window_->framebuffer_size(w, h);
  const std::string problem = write_framebuffer_png(file, w, h);
  if (!problem.empty()) std::fprintf(stderr, "certrenew: screenshot: %s\n", problem.c_str());
  widget_map().screenshot_written(file.filename().string());
}

bool App::busy() const {
  return session_->busy() || diagnostics_->busy() || pin_care_->busy();
}

// All only grow, so their sum changes exactly when any does.
unsigned long App::version() const {
  return session_->version() + diagnostics_->version() + pin_care_->version();
}

// The diagnostic view's report gets what only the app knows: the graphics stack (a blank window
// is often an old OpenGL driver or a remote desktop's software renderer), the UI toolkit, the
// font and the display scale.
void App::start_diagnostics() {
  using client::diagnostics::EnvironmentEntry;
  auto fact_label = [](const std::string& key) {
    return client::catalogues::diagnostics_report().text("fact." + key);
  };
  const GraphicsFacts g = window_->graphics_facts();
  DiagnosticsSetup setup;
  setup.location = runtime_->location();
  setup.app_environment = {
      EnvironmentEntry{"glfw", {"GLFW", "GLFW"}, g.glfw},
      EnvironmentEntry{"opengl", {"OpenGL", "OpenGL"}, g.opengl},
      EnvironmentEntry{"opengl_renderer", fact_label("opengl_renderer"), g.renderer},
      EnvironmentEntry{"imgui", {"Dear ImGui", "Dear ImGui"}, IMGUI_VERSION},
      EnvironmentEntry{"font", fact_label("font"), about_.font},
      EnvironmentEntry{"display_scale", fact_label("display_scale"),
                       fmt::format("{:.2f}", window_->content_scale())}};
  diagnostics_ = std::make_unique<DiagnosticsPanel>(std::move(setup), *inbox_);
  if (options_.diagnostic) diagnostics_->open();
}

void App::switch_language(Language lang) {
  if (lang == language()) return;
  if (lang == Language::zh_CN && !fonts_->has_cjk()) return;  // could not be drawn
  set_language(lang);
  settings_.language = lang;
  window_->set_title(tr(T::app_title));
  try {
    save_settings(settings_file_, settings_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "certrenew: cannot save %s: %s\n", settings_file_.string().c_str(),
                 e.what());
  }
  if (session_->screen() == Screen::agreement) session_->load_agreement();
}

void App::save_window_settings() {
  if (!window_) return;
  if (!options_.width) {
    int w = 0;
    int h = 0;
    window_->size(w, h);
    if (w >= GuiSettings::kMinWidth && h >= GuiSettings::kMinHeight) {
      settings_.width = w;
      settings_.height = h;
    }
  }
  try {
    save_settings(settings_file_, settings_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "certrenew: cannot save %s: %s\n", settings_file_.string().c_str(),
                 e.what());
  }
}

void App::menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu((std::string(tr(T::menu_file)) + "###menu.file").c_str())) {
    if (ImGui::MenuItem((std::string(tr(T::menu_exit)) + "##menu.exit").c_str(), "Ctrl+Q"))
      quit_ = true;
    widget_map().add_last_item("menu.exit");
    ImGui::EndMenu();
  }
  widget_map().add_last_item("menu.file");
  if (ImGui::BeginMenu((std::string(tr(T::menu_language)) + "###menu.language").c_str())) {
    if (ImGui::MenuItem("中文##menu.lang.zh", nullptr, language() == Language::zh_CN,
                        fonts_->has_cjk()))
      switch_language(Language::zh_CN);
    widget_map().add_last_item("menu.lang.zh");
    if (ImGui::MenuItem("English##menu.lang.en", nullptr, language() == Language::en))
      switch_language(Language::en);
    widget_map().add_last_item("menu.lang.en");
    ImGui::EndMenu();
  }
  widget_map().add_last_item("menu.language");
  if (ImGui::BeginMenu((std::string(tr(T::menu_help)) + "###menu.help").c_str())) {
    if (ImGui::MenuItem((std::string(tr(T::menu_diagnostics)) + "##menu.diagnostics").c_str()))
      diagnostics_->open();
    widget_map().add_last_item("menu.diagnostics");
    if (ImGui::MenuItem((std::string(tr(T::menu_about)) + "##menu.about").c_str()))
      show_about_ = true;
    widget_map().add_last_item("menu.about");
    ImGui::EndMenu();
  }
  widget_map().add_last_item("menu.help");
  // The language switch is also one click away on the right of the bar.
  const char* zh = fonts_->has_cjk() ? "中文" : "zh";  // drawable without a CJK font
  const char* en = "English";
  const float w = ImGui::CalcTextSize(zh).x + ImGui::CalcTextSize(en).x +
                  ImGui::CalcTextSize("|").x + ImGui::GetStyle().ItemSpacing.x * 4;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - w);
  const auto& p = ui::palette();
  ImGui::PushStyleColor(ImGuiCol_Text, language() == Language::zh_CN ? p.accent : p.muted);
  if (ImGui::Selectable((std::string(zh) + "##lang.zh").c_str(), false, 0,
                        ImGui::CalcTextSize(zh)) &&
      fonts_->has_cjk())
    switch_language(Language::zh_CN);
  ImGui::PopStyleColor();
  widget_map().add_last_item("lang.zh");
  ImGui::TextColored(p.muted, "|");
  ImGui::PushStyleColor(ImGuiCol_Text, language() == Language::en ? p.accent : p.muted);
  if (ImGui::Selectable("English##lang.en", false, 0, ImGui::CalcTextSize(en)))
    switch_language(Language::en);
  ImGui::PopStyleColor();
  widget_map().add_last_item("lang.en");
  ImGui::EndMenuBar();
}

void App::draw_main() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // Every screen is laid out for 800x600 and up; a smaller window scrolls instead of clipping.
  ImGui::SetNextWindowContentSize(
      ImVec2(std::max(vp->WorkSize.x, ui::px(800)) - ImGui::GetStyle().WindowPadding.x * 2,
             std::max(vp->WorkSize.y, ui::px(600)) - ImGui::GetStyle().WindowPadding.y * 2 -
                 ImGui::GetFrameHeight()));
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("##main", nullptr, flags);
  ImGui::PopStyleVar(2);
  menu_bar();
  Session& s = *session_;
  if (!pin_care_->attached() && s.token_inventory())
    pin_care_->attach(s.token_inventory(), [this] { session_->refresh_inventory(); });
  if (diagnostics_->shown) {
    views::diagnostics(*diagnostics_, screens_.diagnostics);
    widget_map().set_screen("diagnostics");
  } else {
    draw_screen(s);
    widget_map().set_screen(std::string(code(s.screen())));
  }
  views::certificate_details(s);
  views::pin_dialog(s);
  views::pin_care_dialog(*pin_care_);
  views::about(about_, &show_about_);
  views::nested_error_dialog(s);
  ImGui::End();
}

void App::draw_screen(Session& s) {
  switch (s.screen()) {
    case Screen::home:
      views::home(s, *pin_care_);
      break;
    case Screen::service_hall:
      views::service_hall(s);
      break;
    case Screen::renewal_panel:
      views::renewal_panel(s);
      break;
    case Screen::agreement:
      views::agreement(s);
      break;
    case Screen::form:
      views::renewal_form(s, screens_.form);
      break;
    case Screen::payment:
      views::payment(s, screens_.payment);
      break;
    case Screen::bank_transfer:
      views::bank_transfer(s, screens_.bank_transfer);
      break;
    case Screen::online_payment:
      views::online_payment(s, screens_.online_payment);
      break;
    case Screen::progress:
      views::progress(s, screens_.progress);
      break;
    case Screen::install:
      views::install(s);
      break;
    case Screen::done:
      views::done(s);
      break;
    case Screen::cancelled:
      views::cancelled(s);
      break;
  }
}

}  // namespace certrenew::gui
