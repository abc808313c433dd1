#pragma once
// A valid renewal form (24 months, the field notes' ID vector), shared by the flow tests.
#include "certrenew/client/flow/renewal_form.hpp"

namespace certrenew::client::sample {

inline RenewalForm good_form() {
  RenewalForm f;
  f.period_months = 24;
  f.operator_info = {"resident_id", "11010519491231002X", "胡某", "+86 138-0013-8000",
                     "hu@example.cn"};
  f.recipient = {"胡某", "13800138000", "广东省佛山市禅城区某某路1号"};
  return f;
}

}  // namespace certrenew::client::sample
