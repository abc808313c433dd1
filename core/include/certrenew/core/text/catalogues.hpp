#pragma once
// The core library's message catalogues, one function per catalogue (sources in
// core/src/text/catalogues/).

#include "certrenew/core/text/catalogue.hpp"

namespace certrenew::catalogues {

// Form validation reasons, keyed by forms::reason_id() ("resident_id.bad_checksum").
const Catalogue& form_reasons();
// Application states as people read them: "business.<code>", "payment.<code>" (protocol::code).
const Catalogue& application_states();

}  // namespace certrenew::catalogues
