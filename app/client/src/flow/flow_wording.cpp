// The flow's steps and actions in the words of the screens (zh-CN first, as the seed guide names
// them), for messages a person reads: never the internal codes.
#include "certrenew/client/flow/renewal_flow.hpp"

namespace certrenew::client {

namespace {

std::string_view pick(Language language, std::string_view en, std::string_view zh) {
  return language == Language::en ? en : zh;
}

}  // namespace

std::string_view step_name(FlowStep step, Language l) {
  switch (step) {
    case FlowStep::choose_certificate:
      return pick(l, "choosing a certificate", "选择证书");
    case FlowStep::service_hall:
      return pick(l, "renewal at the service hall", "到营业厅办理");
    case FlowStep::renewal_panel:
      return pick(l, "certificate renewal", "证书续期");
    case FlowStep::agreement:
      return pick(l, "the service agreement", "电子认证服务协议");
    case FlowStep::form:
      return pick(l, "the application form", "填写申请表");
    case FlowStep::sign:
      return pick(l, "signing with the certificate PIN", "输入证书密码签署申请");
    case FlowStep::payment:
      return pick(l, "payment", "缴费");
    case FlowStep::waiting_review:
      return pick(l, "waiting for review", "等待审核");
    case FlowStep::ready_to_install:
      return pick(l, "installing the certificate", "安装证书");
    case FlowStep::done:
      return pick(l, "renewal completed", "续期完成");
    case FlowStep::cancelled:
      return pick(l, "application cancelled", "申请已撤销");
    case FlowStep::rejected:
      return pick(l, "application rejected", "申请被驳回");
  }
  return pick(l, "an unknown step", "未知步骤");
}

std::string_view action_name(FlowAction action, Language l) {
  switch (action) {
    case FlowAction::choose_certificate:
      return pick(l, "choose a certificate", "选择证书");
    case FlowAction::apply:
      return pick(l, "apply for renewal", "申请续期");
    case FlowAction::show_agreement:
      return pick(l, "show the agreement", "显示服务协议");
    case FlowAction::accept_agreement:
      return pick(l, "accept the agreement", "接受服务协议");
    case FlowAction::submit_form:
      return pick(l, "submit the form", "提交申请表");
    case FlowAction::sign:
      return pick(l, "sign the application", "签署申请");
    case FlowAction::go_back:
      return pick(l, "go back", "返回上一步");
    case FlowAction::cancel:
      return pick(l, "cancel the application", "撤销申请");
    case FlowAction::save_transfers:
      return pick(l, "save the bank transfers", "保存银行转账记录");
    case FlowAction::pay_online:
      return pick(l, "pay online", "在线支付");
    case FlowAction::query_progress:
      return pick(l, "check the progress", "查询进度");
    case FlowAction::install:
      return pick(l, "install the certificate", "安装证书");
  }
  return pick(l, "do this", "执行此操作");
}

}  // namespace certrenew::client
