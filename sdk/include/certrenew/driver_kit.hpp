#pragma once

// The CertRenew C++ driver kit, for vendors who write their driver in C++ (C++17 or later). It
// is header-only and depends on nothing but the C header (token_driver.h) and the standard
// library; docs/sdk.md, "The C++ driver kit", shows a whole driver. The C header stays the
// contract: a driver in C needs none of this.
//
//   driver_kit/error.hpp         DriverError (status + sentence), fail, require
//   driver_kit/buffers.hpp       the two-call size pattern, text fields, object ids and records
//   driver_kit/algorithms.hpp    which key type each signature algorithm needs, their names
//   driver_kit/labels.hpp        a label that tells a new object apart from one with the same
//   driver_kit/secret.hpp        Secret: a wiped, move-only byte buffer for PINs and keys
//   driver_kit/boundary.hpp      contexts, sessions, handle casts, guarded calls, last_error
//   driver_kit/driver_table.hpp  the crt_driver_v1 table from a struct of entry points
// Optional, each with its own dependency:
//   driver_kit/openssl.hpp       OpenSSL owners, error text, strict DER (OpenSSL 3)
//   driver_kit/json_config.hpp   a strict reader for the configuration JSON (nlohmann-json)

#include <certrenew/driver_kit/algorithms.hpp>
#include <certrenew/driver_kit/boundary.hpp>
#include <certrenew/driver_kit/buffers.hpp>
#include <certrenew/driver_kit/driver_table.hpp>
#include <certrenew/driver_kit/error.hpp>
#include <certrenew/driver_kit/labels.hpp>
#include <certrenew/driver_kit/secret.hpp>
