#pragma once

// The CertRenew driver kit: boundary.hpp is the C boundary of a driver written in C++ — the
// context that owns its sessions and the last error text, the casts between the ABI's opaque
// handles and the driver's own types, and the guarded call that turns every exception into a
// status code + last_error so that none crosses the C ABI.
//
//   struct MySession;
//   struct MyContext : kit::ContextBase<MySession> {
//     explicit MyContext(const char* config_json);           // throws DriverError(CRT_ERR_CONFIG)
//   };
//   struct MySession : kit::SessionBase<MyContext> {
//     MySession(MyContext& ctx, const char* token_id);        // throws for an absent token
//   };
//
// Boundary<MyContext, MySession>::open/close/last_error/open_session/close_session are complete
// table entries; on_context / on_session run the body of any other entry point. Most drivers
// never write an entry point: driver_table.hpp's Entries<Driver> uses these for every one.

#include <certrenew/driver_kit/buffers.hpp>
#include <certrenew/driver_kit/error.hpp>

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace certrenew::driver_kit {

// The driver's context: the sessions opened on it and the text of its last error. `on_failure`
// (may be NULL) runs after each failure, e.g. kit::clear_openssl_errors so that no stale OpenSSL
// error is left in the host's thread.
template <typename Session>
class ContextBase {
 public:
  explicit ContextBase(void (*on_failure)() noexcept = nullptr) : on_failure_(on_failure) {}
  ContextBase(const ContextBase&) = delete;
  ContextBase& operator=(const ContextBase&) = delete;
  virtual ~ContextBase() = default;

  const std::string& last_error() const { return last_error_; }

  // Keeps the text for last_error and returns `status`; never throws.
  crt_status record(crt_status status, const char* text) noexcept {
    if (on_failure_ != nullptr) on_failure_();
    try {
      last_error_ = text;
    } catch (...) {
      last_error_.clear();
    }
    return status;
  }

  Session& adopt(std::unique_ptr<Session> session) {
    sessions_.push_back(std::move(session));
    return *sessions_.back();
  }
  // Destroys the session (its destructor logs out / closes what it holds).
  void discard(const Session* session) noexcept {
    sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(),
                                   [&](const auto& s) { return s.get() == session; }),
                    sessions_.end());
  }
  const std::vector<std::unique_ptr<Session>>& sessions() const { return sessions_; }
  // Destroys every session. Boundary::close calls it before it deletes the context, so that a
  // session's destructor may still use the whole context (the derived part would otherwise be
  // gone by the time ~ContextBase destroys the sessions). A context destroyed any other way
  // calls it from its own destructor.
  void discard_all() noexcept { sessions_.clear(); }

 private:
  void (*on_failure_)() noexcept;
  std::string last_error_;
  std::vector<std::unique_ptr<Session>> sessions_;
};

// A session knows its context: its failures are recorded there.
template <typename Context>
struct SessionBase {
  explicit SessionBase(Context& context) : ctx(&context) {}
  SessionBase(const SessionBase&) = delete;
  SessionBase& operator=(const SessionBase&) = delete;
  virtual ~SessionBase() = default;
  Context* ctx;
};

// Runs `body` (returning crt_status) and turns every exception into a status + the text kept in
// `ctx` for last_error.
template <typename Context, typename Body>
crt_status guarded(Context& ctx, Body&& body) noexcept {
  try {
    return body();
  } catch (const DriverError& e) {
    return ctx.record(e.status(), e.what());
  } catch (const std::bad_alloc&) {
    return ctx.record(CRT_ERR_GENERAL, "out of memory");
  } catch (const std::exception& e) {
    return ctx.record(CRT_ERR_GENERAL, e.what());
  } catch (...) {
    return ctx.record(CRT_ERR_GENERAL, "unexpected internal error");
  }
}

// Writes `open`'s failure text into the caller's error buffer (may be NULL).
inline void write_error(char* error, std::size_t error_len, const char* text) noexcept {
  if (error != nullptr && error_len > 0) copy_text(error, error_len, text);
}

// Fills the caller's retries_left (may be NULL) when the entry point is left, whatever the
// outcome: set `value` as soon as the token tells.
struct RetriesOut {
  explicit RetriesOut(std::int32_t* out) : out_(out) {}
  RetriesOut(const RetriesOut&) = delete;
  RetriesOut& operator=(const RetriesOut&) = delete;
  ~RetriesOut() {
    if (out_ != nullptr) *out_ = value;
  }
  std::int32_t value = CRT_RETRIES_UNKNOWN;

 private:
  std::int32_t* out_;
};

template <typename Context, typename Session>
struct Boundary {
  static Context* context(crt_context* handle) noexcept {
    return reinterpret_cast<Context*>(handle);
  }
  static Session* session(crt_session* handle) noexcept {
    return reinterpret_cast<Session*>(handle);
  }
  static crt_context* handle(Context* ctx) noexcept { return reinterpret_cast<crt_context*>(ctx); }
  static crt_session* handle(Session* s) noexcept { return reinterpret_cast<crt_session*>(s); }

  // An entry point on a context: NULL handle → CRT_ERR_ARGUMENTS, else body(Context&) guarded.
  template <typename Body>
  static crt_status on_context(crt_context* h, Body&& body) noexcept {
    Context* ctx = context(h);
    if (ctx == nullptr) return CRT_ERR_ARGUMENTS;
    return guarded(*ctx, [&] { return body(*ctx); });
  }

  // An entry point on a session: NULL handle → CRT_ERR_ARGUMENTS, else body(Session&) guarded,
  // failures recorded on the session's context.
  template <typename Body>
  static crt_status on_session(crt_session* h, Body&& body) noexcept {
    Session* s = session(h);
    if (s == nullptr) return CRT_ERR_ARGUMENTS;
    return guarded(*s->ctx, [&] { return body(*s); });
  }

  // ---- complete table entries ----

  static crt_status open(const char* config_json, crt_context** out, char* error,
                         std::size_t error_len) noexcept {
    if (out == nullptr) {
      write_error(error, error_len, "the output pointer is NULL");
      return CRT_ERR_ARGUMENTS;
    }
    *out = nullptr;
    try {
      *out = handle(std::make_unique<Context>(config_json).release());
      return CRT_OK;
    } catch (const DriverError& e) {
      write_error(error, error_len, e.what());
      return e.status();
    } catch (const std::bad_alloc&) {
      write_error(error, error_len, "out of memory");
    } catch (const std::exception& e) {
      write_error(error, error_len, e.what());
    } catch (...) {
      write_error(error, error_len, "unexpected internal error");
    }
    return CRT_ERR_GENERAL;
  }

  static void close(crt_context* h) noexcept {
    Context* ctx = context(h);
    if (ctx == nullptr) return;
    ctx->discard_all();  // the sessions first, while their context is whole
    delete ctx;
  }

  // Not through copy_out: a too-small buffer must not overwrite the text being read.
  static crt_status last_error(crt_context* h, char* buf, std::size_t* len) noexcept {
    const Context* ctx = context(h);
    if (ctx == nullptr || len == nullptr) return CRT_ERR_ARGUMENTS;
    const std::string& text = ctx->last_error();
    const Room room = check_room(text.size() + 1, buf, len);
    if (room != Room::fits) return room == Room::size_query ? CRT_OK : CRT_ERR_BUFFER_TOO_SMALL;
    std::memcpy(buf, text.c_str(), text.size() + 1);
    *len = text.size() + 1;
    return CRT_OK;
  }

  static crt_status open_session(crt_context* h, const char* token_id, crt_session** out) noexcept {
    return on_context(h, [&](Context& ctx) {
      require(out, "the output pointer");
      *out = nullptr;
      require(token_id, "the token id");
      *out = handle(&ctx.adopt(std::make_unique<Session>(ctx, token_id)));
      return CRT_OK;
    });
  }

  static void close_session(crt_session* h) noexcept {
    if (Session* s = session(h)) s->ctx->discard(s);
  }
};

}  // namespace certrenew::driver_kit
