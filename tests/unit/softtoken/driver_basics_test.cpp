// The softtoken driver table, contexts, configuration and token discovery.
#include "softtoken_test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>

using namespace certrenew::softtoken::testing;

TEST_CASE("the table is complete and describes itself") {
  const crt_driver_v1& d = driver();
  CHECK(d.abi_version == CRT_DRIVER_ABI_VERSION);
  CHECK(d.struct_size == sizeof(crt_driver_v1));
  CHECK(std::string(d.name) == "softtoken");
  CHECK(std::string(d.vendor) == "CertRenew");
  const void* functions[] = {reinterpret_cast<const void*>(d.open),
                             reinterpret_cast<const void*>(d.close),
                             reinterpret_cast<const void*>(d.last_error),
                             reinterpret_cast<const void*>(d.list_tokens),
                             reinterpret_cast<const void*>(d.get_token_info),
                             reinterpret_cast<const void*>(d.get_mechanisms),
                             reinterpret_cast<const void*>(d.open_session),
                             reinterpret_cast<const void*>(d.close_session),
                             reinterpret_cast<const void*>(d.login),
                             reinterpret_cast<const void*>(d.logout),
                             reinterpret_cast<const void*>(d.list_objects),
                             reinterpret_cast<const void*>(d.read_object),
                             reinterpret_cast<const void*>(d.sign),
                             reinterpret_cast<const void*>(d.change_pin),
                             reinterpret_cast<const void*>(d.generate_key),
                             reinterpret_cast<const void*>(d.write_certificate),
                             reinterpret_cast<const void*>(d.delete_object)};
  for (const void* f : functions) CHECK(f != nullptr);
  CHECK(certrenew::softtoken::driver_table() == &d);  // the same table every time
}

TEST_CASE("a token persists across contexts: identity, keys and PIN") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "t1";
  const std::string serial = make_token(dir, "SERIAL-0001");
  CHECK(serial == "SERIAL-0001");

  GeneratedKey key;
  {
    Context ctx(config_for({dir}));
    CHECK(ctx.tokens() == std::vector<std::string>{"SERIAL-0001"});
    const crt_token_info info = ctx.info(serial);
    CHECK(std::string(info.id) == "SERIAL-0001");
    CHECK(std::string(info.label) == "test token");
    CHECK(std::string(info.manufacturer) == "CertRenew");
    CHECK(std::string(info.model) == "softtoken");
    CHECK(info.flags == CRT_TOKEN_PIN_CHANGE);
    CHECK(info.pin_retries_left == 10);
    CHECK(info.pin_retries_max == 10);
    CHECK(info.pin_min_len == 4);
    CHECK(info.pin_max_len == 64);
    for (const std::uint32_t word : info.reserved) CHECK(word == 0);
    Session session(ctx, serial);
    REQUIRE(session.login(kPin) == CRT_OK);
    key = session.generate(CRT_KEY_EC_P256, 0, "persistent key");
  }
  // A new context found through "root" sees the same token, key and PIN.
  Context ctx(R"({"root": ")" + tmp.path().generic_string() + R"("})");
  CHECK(ctx.tokens() == std::vector<std::string>{"SERIAL-0001"});
  Session session(ctx, serial);
  const auto objects = session.objects();
  REQUIRE(objects.size() == 1);
  CHECK(objects[0].kind == CRT_OBJ_PRIVATE_KEY);
  CHECK(id_bytes(objects[0].id) == id_bytes(key.id));
  CHECK(std::string(objects[0].label) == "persistent key");
  CHECK(session.read(CRT_OBJ_PRIVATE_KEY, key.id) == key.spki);
  REQUIRE(session.login(kPin) == CRT_OK);
  std::vector<std::uint8_t> signature;
  REQUIRE(session.sign(key.id, CRT_SIG_ECDSA_P256_SHA256, "hello", signature) == CRT_OK);
  CHECK(verify_signature(key.spki, CRT_SIG_ECDSA_P256_SHA256, "hello", signature));
}

TEST_CASE("list_tokens follows the two-call pattern and sees tokens come and go") {
  TempDir tmp;
  const fs::path root = tmp.path() / "root";
  fs::create_directories(root / "not-a-token");
  std::ofstream(root / "stray-file") << "x";
  Context ctx(R"({"root": ")" + root.generic_string() + R"("})");

  std::size_t len = 0;
  REQUIRE(driver().list_tokens(ctx.get(), nullptr, &len) == CRT_OK);
  CHECK(len == 1);  // the empty list is one NUL
  char empty[1] = {'x'};
  REQUIRE(driver().list_tokens(ctx.get(), empty, &len) == CRT_OK);
  CHECK(empty[0] == '\0');

  make_token(root / "b", "BBBB");
  make_token(root / "a", "AAAA");
  CHECK(ctx.tokens() == std::vector<std::string>{"AAAA", "BBBB"});  // sorted by directory

  REQUIRE(driver().list_tokens(ctx.get(), nullptr, &len) == CRT_OK);
  CHECK(len == std::strlen("AAAA") + 1 + std::strlen("BBBB") + 1 + 1);
  std::vector<char> small(len - 1, 'x');
  std::size_t small_len = small.size();
  CHECK(driver().list_tokens(ctx.get(), small.data(), &small_len) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(small_len == len);

  // A damaged token.json is not listed; a copy of a token (same serial) is listed once.
  fs::create_directories(root / "c-damaged");
  std::ofstream(root / "c-damaged" / "token.json") << "{ not json";
  fs::copy(root / "a", root / "d-copy-of-a", fs::copy_options::recursive);
  CHECK(ctx.tokens() == std::vector<std::string>{"AAAA", "BBBB"});

  fs::remove_all(root / "b");  // unplugged
  CHECK(ctx.tokens() == std::vector<std::string>{"AAAA"});
  crt_token_info info{};
  CHECK(driver().get_token_info(ctx.get(), "BBBB", &info) == CRT_ERR_TOKEN_NOT_PRESENT);
  CHECK(ctx.last_error().find("BBBB") != std::string::npos);
}

TEST_CASE("get_mechanisms lists the three signature algorithms") {
  TempDir tmp;
  const std::string serial = make_token(tmp.path() / "t");
  Context ctx(config_for({tmp.path() / "t"}));
  std::size_t count = 0;
  REQUIRE(driver().get_mechanisms(ctx.get(), serial.c_str(), nullptr, &count) == CRT_OK);
  REQUIRE(count == 3);
  std::vector<crt_mechanism_info> mechs(count);
  std::size_t short_count = 2;
  CHECK(driver().get_mechanisms(ctx.get(), serial.c_str(), mechs.data(), &short_count) ==
        CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(short_count == 3);
  REQUIRE(driver().get_mechanisms(ctx.get(), serial.c_str(), mechs.data(), &count) == CRT_OK);
  CHECK(mechs[0].algorithm == CRT_SIG_RSA_PKCS1_SHA256);
  CHECK(mechs[0].signature_format == CRT_SIGFMT_PLAIN);
  CHECK(mechs[0].min_bits == 2048);
  CHECK(mechs[0].max_bits == 3072);
  CHECK(mechs[1].algorithm == CRT_SIG_ECDSA_P256_SHA256);
  CHECK(mechs[1].signature_format == CRT_SIGFMT_DER);
  CHECK(mechs[2].algorithm == CRT_SIG_SM2_SM3);
  CHECK(mechs[2].signature_format == CRT_SIGFMT_DER);
  for (const auto& m : mechs) {
    CHECK(m.input == CRT_INPUT_DATA);
    CHECK(m.can_generate == 1);
  }
  CHECK(driver().get_mechanisms(ctx.get(), "NO-SUCH", nullptr, &count) ==
        CRT_ERR_TOKEN_NOT_PRESENT);
}

TEST_CASE("a malformed configuration is refused with a clear reason") {
  TempDir tmp;
  std::ofstream(tmp.path() / "a-file") << "x";
  const std::string file = (tmp.path() / "a-file").generic_string();
  const char* bad[] = {"not json",
                       "[]",
                       R"({"root": 5})",
                       R"({"root": ""})",
                       R"({"tokens": "one"})",
                       R"({"tokens": [1]})",
                       R"({"fault": 1})",
                       R"({"fault": {"fail_write": 0}})",
                       R"({"fault": {"fail_write": "2"}})",
                       R"({"fault": {"removed_marker": 3}})"};
  for (const char* config : bad) {
    CAPTURE(config);
    crt_context* ctx = reinterpret_cast<crt_context*>(&tmp);  // must be reset to NULL
    char error[200] = {};
    CHECK(driver().open(config, &ctx, error, sizeof error) == CRT_ERR_CONFIG);
    CHECK(ctx == nullptr);
    CHECK(std::string(error).find("configuration") != std::string::npos);
  }
  const std::string root_is_file = R"({"root": ")" + file + R"("})";
  crt_context* ctx = nullptr;
  char tiny[8] = {};
  CHECK(driver().open(root_is_file.c_str(), &ctx, tiny, sizeof tiny) == CRT_ERR_CONFIG);
  CHECK(std::strlen(tiny) == 7);  // truncated and NUL-terminated
  CHECK(driver().open("{}", nullptr, nullptr, 0) == CRT_ERR_ARGUMENTS);
}

TEST_CASE("unknown keys are ignored; no root or tokens means the per-user default root") {
  // XDG_DATA_HOME is set by CTest for this test program (see CMakeLists.txt).
  const char* xdg = std::getenv("XDG_DATA_HOME");
  INFO("run this test through CTest, which sets XDG_DATA_HOME to a scratch directory");
  REQUIRE(xdg != nullptr);
  const fs::path default_root = fs::path(xdg) / "certrenew" / "softtokens";
  fs::remove_all(default_root);
  make_token(default_root / "mine", "DEFAULT-ROOT-TOKEN");
  for (const char* config : {static_cast<const char*>(nullptr), "", "{}", R"({"colour": "red"})"}) {
    crt_context* ctx = nullptr;
    REQUIRE(driver().open(config, &ctx, nullptr, 0) == CRT_OK);
    std::size_t len = 0;
    REQUIRE(driver().list_tokens(ctx, nullptr, &len) == CRT_OK);
    std::vector<char> list(len);
    REQUIRE(driver().list_tokens(ctx, list.data(), &len) == CRT_OK);
    CHECK(std::string(list.data()) == "DEFAULT-ROOT-TOKEN");
    driver().close(ctx);
  }
  fs::remove_all(default_root);
}

TEST_CASE("last_error follows the two-call pattern and NULL arguments are refused") {
  TempDir tmp;
  Context ctx(config_for({tmp.path() / "none"}));
  crt_token_info info{};
  REQUIRE(driver().get_token_info(ctx.get(), "MISSING", &info) == CRT_ERR_TOKEN_NOT_PRESENT);
  std::size_t len = 0;
  REQUIRE(driver().last_error(ctx.get(), nullptr, &len) == CRT_OK);
  CHECK(len == ctx.last_error().size() + 1);
  char small[4];
  std::size_t small_len = sizeof small;
  CHECK(driver().last_error(ctx.get(), small, &small_len) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(small_len == len);
  CHECK(ctx.last_error().find("MISSING") != std::string::npos);  // the text survived

  CHECK(driver().last_error(nullptr, nullptr, &len) == CRT_ERR_ARGUMENTS);
  CHECK(driver().list_tokens(ctx.get(), nullptr, nullptr) == CRT_ERR_ARGUMENTS);
  CHECK(driver().get_token_info(ctx.get(), nullptr, &info) == CRT_ERR_ARGUMENTS);
  CHECK(driver().get_token_info(ctx.get(), "MISSING", nullptr) == CRT_ERR_ARGUMENTS);
  crt_session* session = nullptr;
  CHECK(driver().open_session(ctx.get(), "MISSING", &session) == CRT_ERR_TOKEN_NOT_PRESENT);
  CHECK(session == nullptr);
  CHECK(driver().login(nullptr, nullptr, 0, nullptr) == CRT_ERR_ARGUMENTS);
  driver().close_session(nullptr);
  driver().close(nullptr);
}
