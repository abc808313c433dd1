#pragma once
// Business and order numbers. Both count the day (the server's local date) with one 7-digit
// sequence: business number `01` + yyyymmdd + 7 digits (17 digits, as in the seed's
// 01201709210000846), order number yyyymmdd + the same 7 digits (15 digits; it had 4, so 9,999
// submit-and-cancel loops could exhaust a day). With the per-certificate daily limit a day cannot
// run out short of millions of certificates; if it ever did: 503 capacity, nothing stored.

#include <cstdint>
#include <string>

#include "storage/store.hpp"

namespace certrenew::server {

struct ApplicationNumbers {
  std::string business_no;
  std::string order_no;
};

ApplicationNumbers allocate_application_numbers(StoreTx& tx, std::int64_t now);

}  // namespace certrenew::server
