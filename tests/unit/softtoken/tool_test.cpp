// certrenew-softtoken-tool, run as a separate process the way tests and the kit use it.
#include "softtoken_test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <string>

using namespace certrenew::softtoken::testing;
using certrenew::testing::KeyKind;

namespace {

std::string tool_path() {
  const char* path = std::getenv("SOFTTOKEN_TOOL");  // set by CTest
  REQUIRE(path != nullptr);
  return path;
}

std::string shell_quoted(const fs::path& path) {
  return "\"" + path.string() + "\"";
}

struct Run {
  int status;
  std::string output;
};

Run run_tool(const std::string& arguments, const fs::path& scratch) {
  const fs::path out = scratch / "tool-output.txt";
  const std::string command =
      shell_quoted(tool_path()) + " " + arguments + " > " + shell_quoted(out) + " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(out);
  return {status, std::string(std::istreambuf_iterator<char>(in), {})};
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("tool init reads the PIN from a file and makes a working token") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "token";
  write_file(tmp.path() / "pin.txt", "24681357\n");  // the trailing newline is not part of it
  const Run init = run_tool("init --dir " + shell_quoted(dir) +
                                " --label \"Tool token\" --serial TOOL-0001 --retries 4"
                                " --kdf-cost fast --pin-file " +
                                shell_quoted(tmp.path() / "pin.txt"),
                            tmp.path());
  INFO(init.output);
  REQUIRE(init.status == 0);
  CHECK(init.output.find("TOOL-0001") != std::string::npos);

  Context ctx(config_for({dir}));
  const crt_token_info info = ctx.info("TOOL-0001");
  CHECK(std::string(info.label) == "Tool token");
  CHECK(info.pin_retries_max == 4);
  Session session(ctx, "TOOL-0001");
  CHECK(session.login("24681357\n") == CRT_ERR_PIN_INCORRECT);
  CHECK(session.login("24681357") == CRT_OK);

  // Running init again on the same directory is refused and changes nothing.
  const auto before = snapshot(dir);
  const Run again =
      run_tool("init --dir " + shell_quoted(dir) + " --label X --kdf-cost fast --pin-file " +
                   shell_quoted(tmp.path() / "pin.txt"),
               tmp.path());
  CHECK(again.status != 0);
  CHECK(again.output.find("not empty") != std::string::npos);
  CHECK(snapshot(dir) == before);

  // There is no way to give the PIN on the command line.
  const Run argv_pin = run_tool(
      "init --dir " + shell_quoted(tmp.path() / "other") + " --label X --pin 12345678", tmp.path());
  CHECK(argv_pin.status != 0);
  CHECK(!fs::exists(tmp.path() / "other"));
}

TEST_CASE("tool import-p12 and info") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "token";
  make_token(dir, "TOOL-0002");
  const Pkcs12File p12 = make_pkcs12(KeyKind::rsa2048, "p12 pass", "from tool");
  {
    std::ofstream out(tmp.path() / "id.p12", std::ios::binary);
    out.write(reinterpret_cast<const char*>(p12.der.data()),
              static_cast<std::streamsize>(p12.der.size()));
  }
  write_file(tmp.path() / "p12pass.txt", "p12 pass");
  write_file(tmp.path() / "pin.txt", std::string(kPin));
  const std::string common = "import-p12 --dir " + shell_quoted(dir) + " --p12 " +
                             shell_quoted(tmp.path() / "id.p12") + " --pin-file " +
                             shell_quoted(tmp.path() / "pin.txt");

  const Run wrong =
      run_tool(common + " --p12-pass-file " + shell_quoted(tmp.path() / "pin.txt"), tmp.path());
  CHECK(wrong.status != 0);
  CHECK(wrong.output.find("wrong PKCS#12 password") != std::string::npos);

  const Run import =
      run_tool(common + " --p12-pass-file " + shell_quoted(tmp.path() / "p12pass.txt"), tmp.path());
  INFO(import.output);
  REQUIRE(import.status == 0);

  const Run info = run_tool("info --dir " + shell_quoted(dir), tmp.path());
  INFO(info.output);
  REQUIRE(info.status == 0);
  CHECK(info.output.find("TOOL-0002") != std::string::npos);
  CHECK(info.output.find("from tool") != std::string::npos);
  CHECK(info.output.find("rsa 2048") != std::string::npos);
  CHECK(info.output.find("10 of 10") != std::string::npos);
  CHECK(info.output.find(std::string(kPin)) == std::string::npos);
}
