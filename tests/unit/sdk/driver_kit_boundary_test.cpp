// The driver kit's boundary (boundary.hpp, driver_table.hpp) through the C table it builds: a
// small driver defined here is called exactly as the host calls a loaded one. It proves the
// guarded call (every exception becomes a status and last_error text), last_error's own two-call
// edges, the argument checks made before the driver runs, and the optional entries.
#include <doctest/doctest.h>

#include <certrenew/driver_kit.hpp>

#include <array>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

namespace kit = certrenew::driver_kit;

namespace {

struct TestSession;

int sessions_destroyed = 0;  // across contexts, to see what closing a context does

// The context's configuration text picks what the next token call throws.
struct TestContext : kit::ContextBase<TestSession> {
  explicit TestContext(const char* config) {
    if (config != nullptr && std::string(config) == "refuse")
      kit::fail(CRT_ERR_CONFIG, "refused by configuration");
    if (config != nullptr && std::string(config) == "crash") throw 42;
  }
  std::string next_failure;  // "", "driver", "memory", "std", "other"
  int sessions_closed = 0;
};

struct TestSession : kit::SessionBase<TestContext> {
  TestSession(TestContext& ctx, const char* token_id) : SessionBase(ctx) {
    if (std::string(token_id) != "T1")
      kit::fail(CRT_ERR_TOKEN_NOT_PRESENT, "no token " + std::string(token_id));
  }
  ~TestSession() override {
    ++ctx->sessions_closed;
    ++sessions_destroyed;
  }
  int logins = 0;
};

void maybe_throw(const std::string& what) {
  if (what == "driver") kit::fail(CRT_ERR_DEVICE, "the device failed");
  if (what == "memory") throw std::bad_alloc();
  if (what == "std") throw std::runtime_error("a standard exception");
  if (what == "other") throw 7;
}

struct TestDriver : kit::DriverTypes<TestContext, TestSession> {
  static constexpr kit::DriverIdentity identity{"kit-test", "CertRenew tests", "0.1"};

  static std::vector<std::string> list_tokens(TestContext& ctx) {
    maybe_throw(ctx.next_failure);
    return {"T1"};
  }
  static crt_token_info get_token_info(TestContext&, const char* id) {
    crt_token_info info{};
    kit::copy_text(info.id, id);
    return info;
  }
  static std::vector<crt_mechanism_info> get_mechanisms(TestContext&, const char*) { return {}; }
  static void login(TestSession& s, const std::uint8_t*, std::size_t pin_len,
                    kit::RetriesOut& retries) {
    retries.value = 2;
    ++s.logins;
    if (pin_len != 4) kit::fail(CRT_ERR_PIN_INCORRECT, "wrong PIN");
  }
  static void logout(TestSession&) {}
  static std::vector<crt_object_info> list_objects(TestSession&) { return {}; }
  static kit::Bytes read_object(TestSession&, std::uint32_t kind, const kit::Bytes& id) {
    return kit::Bytes{static_cast<std::uint8_t>(kind), id.front()};
  }
  static crt_status sign(TestSession&, const kit::SignRequest& r, const kit::SignatureOut& out) {
    if (!out.room_for(8)) return CRT_OK;
    return out.put(kit::Bytes(r.input, r.input + r.input_len));
  }
  static void delete_object(TestSession&, std::uint32_t, const kit::Bytes&) {}
};

constexpr crt_driver_v1 kTable = kit::driver_table<TestDriver>();

std::string last_error(crt_context* ctx) {
  std::size_t len = 0;
  REQUIRE(kTable.last_error(ctx, nullptr, &len) == CRT_OK);
  std::string text(len, '\0');
  REQUIRE(kTable.last_error(ctx, text.data(), &len) == CRT_OK);
  text.resize(len - 1);
  return text;
}

struct Opened {
  Opened() { REQUIRE(kTable.open("{}", &ctx, nullptr, 0) == CRT_OK); }
  ~Opened() { kTable.close(ctx); }
  Opened(const Opened&) = delete;
  Opened& operator=(const Opened&) = delete;
  TestContext& context() const { return *reinterpret_cast<TestContext*>(ctx); }
  crt_context* ctx = nullptr;
};

}  // namespace

TEST_CASE("the table carries the identity, the ABI version and only the optional entries offered") {
  CHECK(kTable.abi_version == CRT_DRIVER_ABI_VERSION);
  CHECK(kTable.struct_size == sizeof(crt_driver_v1));
  CHECK(std::string(kTable.name) == "kit-test");
  const crt_driver_v1* volatile table = &kTable;  // read as the host reads a loaded table
  const bool offered[] = {table->delete_object != nullptr, table->change_pin != nullptr,
                          table->generate_key != nullptr, table->write_certificate != nullptr};
  CHECK(offered[0]);
  CHECK_FALSE(offered[1]);
  CHECK_FALSE(offered[2]);
  CHECK_FALSE(offered[3]);
}

TEST_CASE("open reports a refusal in the caller's buffer, cut to fit, and leaves *out NULL") {
  crt_context* ctx = reinterpret_cast<crt_context*>(&ctx);  // not NULL before
  char error[10];
  CHECK(kTable.open("refuse", &ctx, error, sizeof error) == CRT_ERR_CONFIG);
  CHECK(ctx == nullptr);
  CHECK(std::string(error) == "refused b");
  CHECK(kTable.open("crash", &ctx, nullptr, 0) == CRT_ERR_GENERAL);
  CHECK(kTable.open("{}", nullptr, error, sizeof error) == CRT_ERR_ARGUMENTS);
}

TEST_CASE("every exception becomes a status and last_error text; nothing escapes") {
  Opened o;
  char ids[8];
  std::size_t len = sizeof ids;
  const struct {
    const char* failure;
    crt_status status;
    const char* text;
  } cases[] = {{"driver", CRT_ERR_DEVICE, "the device failed"},
               {"memory", CRT_ERR_GENERAL, "out of memory"},
               {"std", CRT_ERR_GENERAL, "a standard exception"},
               {"other", CRT_ERR_GENERAL, "unexpected internal error"}};
  for (const auto& c : cases) {
    CAPTURE(c.failure);
    o.context().next_failure = c.failure;
    CHECK(kTable.list_tokens(o.ctx, ids, &len) == c.status);
    CHECK(last_error(o.ctx) == c.text);
  }
  CHECK(kTable.list_tokens(nullptr, ids, &len) == CRT_ERR_ARGUMENTS);
  o.context().next_failure.clear();
  CHECK(kTable.list_tokens(o.ctx, ids, nullptr) == CRT_ERR_ARGUMENTS);
  CHECK(last_error(o.ctx) == "len is NULL");
}

TEST_CASE("list_tokens through the table: size query, too small with the size, exact") {
  Opened o;
  std::size_t len = 0;
  CHECK(kTable.list_tokens(o.ctx, nullptr, &len) == CRT_OK);
  CHECK(len == 4);  // "T1\0\0"
  std::array<char, 4> ids{'x', 'x', 'x', 'x'};
  len = 3;
  CHECK(kTable.list_tokens(o.ctx, ids.data(), &len) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(len == 4);
  CHECK(ids[0] == 'x');
  CHECK(last_error(o.ctx) == "buffer too small: 4 needed");
  CHECK(kTable.list_tokens(o.ctx, ids.data(), &len) == CRT_OK);
  CHECK(std::memcmp(ids.data(), "T1\0\0", 4) == 0);
}

TEST_CASE("last_error's own two-call edges leave the text in place") {
  Opened o;
  o.context().next_failure = "driver";
  std::size_t len = 0;
  REQUIRE(kTable.list_tokens(o.ctx, nullptr, &len) == CRT_ERR_DEVICE);
  const std::string text = "the device failed";
  len = 0;
  CHECK(kTable.last_error(o.ctx, nullptr, &len) == CRT_OK);
  CHECK(len == text.size() + 1);
  char small[4] = {'x', 'x', 'x', 'x'};
  len = sizeof small;
  CHECK(kTable.last_error(o.ctx, small, &len) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(len == text.size() + 1);
  CHECK(small[0] == 'x');
  CHECK(last_error(o.ctx) == text);  // exact size: the same text, not the too-small failure
  CHECK(kTable.last_error(o.ctx, small, nullptr) == CRT_ERR_ARGUMENTS);
  CHECK(kTable.last_error(nullptr, nullptr, &len) == CRT_ERR_ARGUMENTS);
}

TEST_CASE("sessions: opened by token id, checked arguments, retries always told, closed once") {
  Opened o;
  crt_session* s = nullptr;
  CHECK(kTable.open_session(o.ctx, "NONE", &s) == CRT_ERR_TOKEN_NOT_PRESENT);
  CHECK(s == nullptr);
  CHECK(last_error(o.ctx) == "no token NONE");
  CHECK(kTable.open_session(o.ctx, nullptr, &s) == CRT_ERR_ARGUMENTS);
  REQUIRE(kTable.open_session(o.ctx, "T1", &s) == CRT_OK);
  REQUIRE(s != nullptr);

  std::int32_t left = 99;
  const std::uint8_t pin[] = {'1', '2', '3'};
  CHECK(kTable.login(s, pin, sizeof pin, &left) == CRT_ERR_PIN_INCORRECT);
  CHECK(left == 2);  // filled on failure too
  CHECK(kTable.login(s, nullptr, 4, &left) == CRT_ERR_ARGUMENTS);
  CHECK(kTable.login(nullptr, pin, sizeof pin, &left) == CRT_ERR_ARGUMENTS);

  crt_object_id id = kit::to_object_id({0x05});
  std::uint8_t value[2];
  std::size_t len = sizeof value;
  CHECK(kTable.read_object(s, 9, &id, value, &len) == CRT_ERR_ARGUMENTS);  // unknown kind
  CHECK(kTable.read_object(s, CRT_OBJ_CERTIFICATE, &id, value, &len) == CRT_OK);
  CHECK(value[1] == 0x05);
  id.len = 0;
  CHECK(kTable.read_object(s, CRT_OBJ_CERTIFICATE, &id, value, &len) == CRT_ERR_ARGUMENTS);

  kTable.close_session(s);
  CHECK(o.context().sessions_closed == 1);
  kTable.close_session(nullptr);  // accepted
}

TEST_CASE("sign: the largest size announced, a small buffer refused, the actual size reported") {
  Opened o;
  crt_session* s = nullptr;
  REQUIRE(kTable.open_session(o.ctx, "T1", &s) == CRT_OK);
  const crt_object_id id = kit::to_object_id({0x01});
  const std::uint8_t input[] = {1, 2, 3};
  std::size_t len = 0;
  CHECK(kTable.sign(s, &id, CRT_SIG_SM2_SM3, nullptr, 0, input, 3, nullptr, &len) == CRT_OK);
  CHECK(len == 8);
  std::uint8_t sig[8];
  len = 7;
  CHECK(kTable.sign(s, &id, CRT_SIG_SM2_SM3, nullptr, 0, input, 3, sig, &len) ==
        CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(len == 8);
  CHECK(kTable.sign(s, &id, CRT_SIG_SM2_SM3, nullptr, 0, input, 3, sig, &len) == CRT_OK);
  CHECK(len == 3);
  CHECK(kTable.sign(s, &id, CRT_SIG_SM2_SM3, nullptr, 5, input, 3, sig, &len) ==
        CRT_ERR_ARGUMENTS);  // a signer ID length without the bytes
  CHECK(kTable.sign(s, &id, CRT_SIG_SM2_SM3, nullptr, 0, input, 3, sig, nullptr) ==
        CRT_ERR_ARGUMENTS);
}

TEST_CASE("closing a context closes the sessions still open on it") {
  crt_context* ctx = nullptr;
  REQUIRE(kTable.open(nullptr, &ctx, nullptr, 0) == CRT_OK);
  crt_session* a = nullptr;
  crt_session* b = nullptr;
  REQUIRE(kTable.open_session(ctx, "T1", &a) == CRT_OK);
  REQUIRE(kTable.open_session(ctx, "T1", &b) == CRT_OK);
  CHECK(a != b);
  CHECK(reinterpret_cast<TestContext*>(ctx)->sessions().size() == 2);
  const int before = sessions_destroyed;
  kTable.close(ctx);
  CHECK(sessions_destroyed == before + 2);
  kTable.close(nullptr);  // accepted
}
