// An application's business and payment states as people read them, keyed
// "business.<code>" and "payment.<code>" (protocol::code() of the state).
#include <array>

#include "certrenew/core/text/catalogues.hpp"

namespace certrenew::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    {"business.entered", "已录入", "Submitted"},
    {"business.under_review", "审核中", "Under review"},
    {"business.approved", "审核通过，待安装", "Approved, ready to install"},
    {"business.rejected", "已驳回", "Rejected"},
    {"business.completed", "已完成", "Completed"},
    {"business.cancelled", "已撤销", "Cancelled"},
    {"payment.unpaid", "未支付", "Unpaid"},
    {"payment.confirming", "待确认", "Awaiting confirmation"},
    {"payment.paid", "已支付", "Paid"},
});

}  // namespace

const Catalogue& application_states() {
  static constexpr Catalogue catalogue{"application_states", kEntries};
  return catalogue;
}

}  // namespace certrenew::catalogues
