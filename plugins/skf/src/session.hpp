#pragma once

// The SKF bridge's context and session, seen by the host only as the opaque crt_context /
// crt_session handles.

#include <certrenew/driver_kit/boundary.hpp>

#include <memory>

#include "bridge_error.hpp"
#include "devices.hpp"
#include "driver_config.hpp"
#include "hotplug.hpp"
#include "vendor_library.hpp"

namespace certrenew::skf {

struct DriverSession;

struct DriverContext : kit::ContextBase<DriverSession> {
  explicit DriverContext(const char* config_json);
  // Sessions close their handles before the watcher stops and the library is unloaded.
  ~DriverContext() override;
  const SkfFunctions& api() const { return library->api(); }

  DriverConfig config;
  std::unique_ptr<VendorLibrary> library;
  std::unique_ptr<HotplugWatcher> watcher;
};

// One ABI session: one application on one key, connected for the session's life.
struct DriverSession : kit::SessionBase<DriverContext> {
  DriverSession(DriverContext& ctx, const char* token_id);
  ~DriverSession() override;

  const SkfFunctions& api() const { return ctx->api(); }
  HAPPLICATION app_handle() const { return app->handle(); }
  // Fails with CRT_ERR_TOKEN_NOT_PRESENT when the watcher saw the key go.
  void check_present() const;
  void require_login() const;
  // Device authentication with the configured key, once per session, before writes.
  void authenticate_device();
  // Leaves the login (SKF_ClearSecureState); harmless when not logged in.
  void end_login() noexcept;

  FoundToken token;
  std::unique_ptr<DeviceConnection> device;
  std::unique_ptr<AppConnection> app;
  bool logged_in = false;
  bool device_authenticated = false;
};

}  // namespace certrenew::skf
