#pragma once
// Builds the outbox worker of a running instance from its config: templates, the configured
// channels, the clock (shifted in demo instances by serve's test switch, so reminder tests can
// move time).

#include <chrono>
#include <memory>

#include "notify/outbox_worker.hpp"
#include "service/config.hpp"

namespace certrenew::server {

// Throws std::runtime_error for missing templates or an unreadable channel secret, before the
// service starts answering.
std::unique_ptr<OutboxWorker> make_outbox_worker(Store& store, const Notifier& notifier,
                                                 const ServerConfig& config,
                                                 std::chrono::seconds clock_offset);

}  // namespace certrenew::server
