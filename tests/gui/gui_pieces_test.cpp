// The app's pieces that need no window: the strings table, the glyph set and its common
// characters, line breaking, settings, the task runner.
#include <doctest/doctest.h>

#include <imgui.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "app/common_hanzi.hpp"
#include "app/glyph_set.hpp"
#include "app/open_url.hpp"
#include "app/settings.hpp"
#include "app/strings.hpp"
#include "app/task_runner.hpp"
#include "widgets/line_wrap.hpp"

using namespace certrenew::gui;
namespace fs = std::filesystem;

namespace {

int placeholders(std::string_view s) {
  int n = 0;
  for (std::size_t i = s.find("{}"); i != std::string_view::npos; i = s.find("{}", i + 2)) ++n;
  return n;
}

fs::path temp_dir(const char* name) {
  auto d = fs::temp_directory_path() / (std::string("certrenew-gui-unit-") + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// An ImGui context with the built-in font, for measuring text.
struct ImGuiContextGuard {
  ImGuiContextGuard() {
    ImGui::CreateContext();
    ImGui::GetIO().Fonts->AddFontDefault();
    ImGui::GetIO().Fonts->Build();
  }
  ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};

}  // namespace

TEST_CASE("every text has both languages and the same placeholders in each") {
  REQUIRE(kStringCount > 100);
  for (std::size_t i = 0; i < kStringCount; ++i) {
    const T id = static_cast<T>(i);
    const std::string_view zh = tr_in(id, Language::zh_CN);
    const std::string_view en = tr_in(id, Language::en);
    INFO(string_id(id));
    CHECK_FALSE(zh.empty());
    CHECK_FALSE(en.empty());
    CHECK(placeholders(zh) == placeholders(en));
  }
  set_language(Language::en);
  CHECK(std::string(tr(T::btn_renew)) == "Renew certificate");
  CHECK(trf(T::days_left, 19) == "19 days");
  set_language(Language::zh_CN);
  CHECK(std::string(tr(T::btn_renew)) == "证书续期");
  CHECK(std::string(tr(T::agreement_accept)) == "我接受电子认证服务协议内容");
  CHECK(trf(T::days_left, 19) == "19 天");
}

TEST_CASE("the common characters are GB 2312's 3755 level-1 hanzi, names included") {
  const auto hanzi = gb2312_level1_hanzi();
  REQUIRE(hanzi.size() == 3755);
  GlyphSet set;
  for (auto cp : hanzi) set.add(cp);
  CHECK(set.size() == 3755);
  for (std::uint32_t cp : {0x80E1u /*胡*/, 0x4F5Bu /*佛*/, 0x8BC1u /*证*/, 0x5E7Fu /*广*/})
    CHECK(set.contains(cp));
  for (auto cp : hanzi) CHECK((cp >= 0x4E00 && cp <= 0x9FA5));
}

TEST_CASE("the glyph set takes UTF-8 text, reports what is new and builds ranges") {
  GlyphSet set;
  CHECK(set.add_text("胡某 A"));
  CHECK(set.size() == 4);
  CHECK_FALSE(set.add_text("某胡A"));  // nothing new
  CHECK(set.add_text("禅"));
  set.add_range('a', 'c');
  const ImVector<ImWchar> r = set.ranges();
  REQUIRE(r.Size % 2 == 1);
  CHECK(r[r.Size - 1] == 0);
  // ' ' and 'A' are apart; a-c is one range.
  bool found_abc = false;
  for (int i = 0; i + 1 < r.Size; i += 2) found_abc = found_abc || (r[i] == 'a' && r[i + 1] == 'c');
  CHECK(found_abc);
  // A character beyond the BMP cannot be drawn by this ImGui build: counted, not added.
  CHECK_FALSE(set.add_text("\xF0\xA0\x80\x80"));  // U+20000
  CHECK(set.unsupported() == 1);
  // Control characters are never glyphs.
  CHECK_FALSE(set.add_text("\n\t"));
}

TEST_CASE("Chinese lines break between characters, not before closing punctuation") {
  ImGuiContextGuard context;
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  const float size = font->FontSize;
  const float advance = font->GetCharAdvance(static_cast<ImWchar>(0x8BC1));
  // Room for exactly five wide characters.
  const float width = advance * 5.5f;
  const std::string text = "2. 新证书的主题信息与原证书一致。";
  const std::string wrapped = ui::wrap_text(text, width, font, size);
  CHECK(wrapped.find('\n') != std::string::npos);
  // Never breaks after "2." alone when the line still has room, never starts a line with "。".
  CHECK(wrapped.rfind("2. \n", 0) != 0);
  CHECK(wrapped.find("\n。") == std::string::npos);
  // Latin text still breaks at spaces only.
  const std::string latin =
      ui::wrap_text("alpha beta gamma delta", font->GetCharAdvance('a') * 11, font, size);
  CHECK(latin == "alpha beta \ngamma delta");
  // Existing newlines stay; text that fits is unchanged.
  CHECK(ui::wrap_text("a\nb", 1000, font, size) == "a\nb");
}

TEST_CASE("settings round-trip; a damaged file gives the defaults and says why") {
  const auto dir = temp_dir("settings");
  const auto file = dir / "sub" / "gui.json";
  CHECK(load_settings(file) == GuiSettings{});  // first run
  GuiSettings s;
  s.width = 1280;
  s.height = 900;
  s.language = Language::en;
  save_settings(file, s);
  CHECK(load_settings(file) == s);
  // Out-of-range sizes are clamped to something usable.
  std::ofstream(file) << R"({"width": 10, "height": 99999, "language": "fr"})";
  const auto clamped = load_settings(file);
  CHECK(clamped.width == GuiSettings::kMinWidth);
  CHECK(clamped.height == 16384);
  CHECK_FALSE(clamped.language.has_value());
  std::ofstream(file) << "{not json";
  std::string problem;
  CHECK(load_settings(file, &problem) == GuiSettings{});
  CHECK(problem.find("gui.json") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the task runner runs jobs in order off the UI thread and hands results back") {
  std::atomic<int> wakes{0};
  UiInbox inbox([&] { ++wakes; });
  TaskRunner runner("test", inbox);
  const auto ui_thread = std::this_thread::get_id();
  std::vector<int> order;
  std::string error;
  bool worker_was_other_thread = true;
  for (int i = 0; i < 3; ++i) {
    runner.post(
        [&, i]() -> TaskRunner::Continuation {
          worker_was_other_thread =
              worker_was_other_thread && std::this_thread::get_id() != ui_thread;
          return [&, i] { order.push_back(i); };
        },
        {});
  }
  runner.post([]() -> TaskRunner::Continuation { throw std::runtime_error("token pulled out"); },
              [&](std::exception_ptr e) {
                try {
                  std::rethrow_exception(e);
                } catch (const std::exception& x) {
                  error = x.what();
                }
              });
  CHECK(runner.busy());
  while (order.size() < 3 || error.empty()) {
    inbox.drain();
    std::this_thread::yield();
  }
  CHECK(order == std::vector<int>{0, 1, 2});
  CHECK(error == "token pulled out");
  CHECK(worker_was_other_thread);
  CHECK_FALSE(runner.busy());
  CHECK(wakes.load() >= 1);
}

TEST_CASE("only absolute http(s) addresses are handed to the browser") {
  CHECK(is_openable_web_address("https://pay.example.cn/checkout?id=42&sign=ab%20cd"));
  CHECK(is_openable_web_address("http://127.0.0.1:8443/pay/1"));
  CHECK_FALSE(is_openable_web_address("file:///etc/passwd"));
  CHECK_FALSE(is_openable_web_address("javascript:alert(1)"));
  CHECK_FALSE(is_openable_web_address("https:///no-host"));
  CHECK_FALSE(is_openable_web_address("https://"));
  CHECK_FALSE(is_openable_web_address("https://pay.example.cn/a b"));
  CHECK_FALSE(is_openable_web_address("https://pay.example.cn/\n--option"));
  CHECK_FALSE(is_openable_web_address("-https://x"));
  // Refused before anything is started, saying why.
  CHECK(open_in_browser("file:///etc/passwd").find("not an http(s) address") == 0);
}

TEST_CASE("a short quotation is not broken across lines; a long one may be") {
  ImGuiContextGuard imgui;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  const float size = font->FontSize;
  // Narrow enough that a break must fall somewhere inside "...“OK”..." (each glyph one advance:
  // the default font has no CJK, so every character is the fallback's width).
  const std::string text = "请输入密码，点击“确定”。";
  for (float width = size * 4; width < size * 12; width += size / 2) {
    const std::string wrapped = ui::wrap_text(text, width, font, size);
    INFO(width);
    CHECK(wrapped.find("“确\n") == std::string::npos);
    CHECK(wrapped.find("确\n定") == std::string::npos);
    CHECK(wrapped.find("\n”") == std::string::npos);
  }
  // A quotation longer than a few characters is text, not a button's name: it breaks as usual.
  const std::string long_quote = "“这是一段很长很长很长的引用文字”";
  const std::string wrapped = ui::wrap_text(long_quote, size * 4, font, size);
  CHECK(wrapped.find('\n') != std::string::npos);
}
