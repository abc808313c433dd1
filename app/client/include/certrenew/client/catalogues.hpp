#pragma once
// The client library's message catalogues (sources in app/client/src/text/catalogues/), one
// function per catalogue, and the list of them for the completeness test.

#include <span>

#include "certrenew/core/text/catalogue.hpp"

namespace certrenew::client {

namespace catalogues {

// Units of time as people read them after a number: "45 s" / "45 秒" (ids second, minute, hour,
// day).
const Catalogue& time_units();
// The flow's steps and actions in the screens' words: "step.<code(FlowStep)>", "action.<name>",
// and "step.unknown", "action.unknown".
const Catalogue& flow_words();
// FlowError messages made from token and service errors ("pin.incorrect", "service.tls", ...).
const Catalogue& flow_errors();
// What is wrong with the configuration file (ConfigError): "key", "file" and the problems.
const Catalogue& config_problems();
// The diagnostic report's frame and its environment, configuration, log and application checks.
const Catalogue& diagnostics_report();
// The diagnostic checks of the renewal service (DNS, connection, TLS, API, clock, proxy).
const Catalogue& diagnostics_service();
// The diagnostic checks of drivers, tokens, PINs and the certificates on tokens.
const Catalogue& diagnostics_tokens();

}  // namespace catalogues

std::span<const Catalogue* const> client_catalogues();

}  // namespace certrenew::client
