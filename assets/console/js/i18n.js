// The console's words, zh-CN first and English. The chosen language is kept in localStorage.

const zh = {};
const en = {};
const catalogues = { 'zh-CN': zh, en };
let current = localStorage.getItem('certrenew-console-lang') === 'en' ? 'en' : 'zh-CN';

// Words are registered here as {key: [zh-CN, en]}, both languages side by side (the views bring
// their own the same way).
export function addWords(pairs) {
  for (const [key, [zhWord, enWord]] of Object.entries(pairs)) {
    zh[key] = zhWord;
    en[key] = enWord;
  }
}

addWords({
  brand: ['CertRenew 证书续期后台', 'CertRenew back office'], lang_switch: ['English', '中文'], logout: ['退出登录', 'Log out'],
  nav_queue: ['申请队列', 'Queue'], nav_refunds: ['退款', 'Refunds'], nav_report: ['日报', 'Daily report'],
  nav_audit: ['审计日志', 'Audit log'], nav_reconcile: ['银行对账', 'Reconciliation'],
  nav_templates: ['驳回原因模板', 'Reason templates'], role_finance: ['财务', 'Finance'], role_reviewer: ['审核员', 'Reviewer'],
  role_admin: ['管理员', 'Admin'], 'role_all-roles': ['全部权限（旧令牌）', 'All roles (legacy token)'],
  login_title: ['操作员登录', 'Operator login'], login_name: ['用户名', 'Name'], login_password: ['密码', 'Password'],
  login_totp: ['动态口令（如已启用）', 'One-time code (if set up)'], login_submit: ['登录', 'Log in'],
  queue_title: ['申请队列', 'Application queue'], f_state: ['业务状态', 'State'], f_payment: ['支付状态', 'Payment'],
  f_from: ['提交日期从', 'Submitted from'], f_to: ['至', 'to'],
  f_search: ['搜索（业务单号、证书主题、经办人）', 'Search (business no., subject, operator)'], f_apply: ['筛选', 'Filter'],
  f_reset: ['清除', 'Clear'], any: ['全部', 'Any'], c_business_no: ['业务单号', 'Business no.'],
  c_subject: ['证书主题', 'Certificate subject'], c_operator: ['经办人', 'Operator'], c_state: ['业务状态', 'State'],
  c_payment: ['支付状态', 'Payment'], c_amount: ['金额', 'Amount'], c_created: ['提交时间', 'Submitted'],
  c_updated: ['更新时间', 'Updated'], no_rows: ['没有符合条件的记录', 'Nothing matches'],
  st_entered: ['已录入', 'Entered'],
  st_under_review: ['审核中', 'Under review'], st_approved: ['已审核通过', 'Approved'], st_rejected: ['已驳回', 'Rejected'],
  st_completed: ['已完成', 'Completed'], st_cancelled: ['已撤销', 'Cancelled'], ps_unpaid: ['未支付', 'Unpaid'],
  ps_confirming: ['待确认', 'Confirming'], ps_paid: ['已支付', 'Paid'], app_title: ['申请详情', 'Application'],
  back: ['返回队列', 'Back to the queue'], summary: ['概要', 'Summary'], period: ['续期年限', 'Period'],
  months: ['个月', 'months'], total: ['应付金额', 'Amount due'], order_no: ['订单号', 'Order no.'], actions: ['操作', 'Actions'],
  no_actions: ['当前状态或角色下没有可执行的操作', 'Nothing to do here in this state or with your role'],
  confirm_payment: ['确认到账', 'Confirm payment'], approve: ['审核通过', 'Approve'], reject: ['驳回', 'Reject'],
  reject_reason: ['驳回原因', 'Reason'], template: ['原因模板', 'Template'], choose_template: ['选择模板…', 'Choose a template…'],
  confirm_q_payment: ['确认已收到该申请的转账？', 'Confirm that the transfer for this application arrived?'],
  confirm_q_approve: ['审核通过并签发证书？', 'Approve and issue the certificate?'],
  confirm_q_reject: ['驳回该申请？', 'Reject this application?'], done_payment: ['已确认到账', 'Payment confirmed'],
  done_approve: ['已审核通过，证书交由签发机构签发', 'Approved; the issuer issues the certificate'], done_reject: ['已驳回', 'Rejected'],
  operator_info: ['经办人信息', 'Operator'], name: ['姓名', 'Name'], id_type: ['证件类型', 'ID type'],
  id_number: ['证件号码', 'ID number'], reveal: ['查看完整号码', 'Reveal the whole number'], mobile: ['手机', 'Mobile'],
  email: ['邮箱', 'E-mail'], recipient: ['收件人', 'Recipient'], address: ['地址', 'Address'],
  cert_title: ['证书信息', 'Certificate'], serial: ['序列号', 'Serial'], subject: ['主题', 'Subject'],
  issuer: ['颁发者', 'Issuer'], not_before: ['生效时间', 'Valid from'], not_after: ['到期时间', 'Valid until'],
  key_type: ['密钥类型', 'Key type'], csr_key_type: ['新密钥类型（CSR）', 'New key type (CSR)'],
  transfers: ['转账记录', 'Bank transfers'], payer_name: ['付款人', 'Payer'], payer_account: ['付款账号', 'Payer account'],
  paid_on: ['转账日期', 'Paid on'], remarks: ['备注', 'Remarks'], amount: ['金额', 'Amount'],
  payments: ['支付与订单', 'Payment and order'], trade_state: ['交易状态', 'Trade state'],
  order_state: ['订单状态', 'Order state'], timeline: ['时间线', 'Timeline'], audit_entries: ['审计记录', 'Audit entries'],
  refund_recorded: ['退款已登记', 'Refund recorded'],
  refunds_title: ['退款（已收款但不续期的申请）', 'Refunds (money received, no renewal)'], report_title: ['日报', 'Daily report'],
  report_date: ['日期', 'Date'], show: ['查看', 'Show'], download_csv: ['下载 CSV', 'Download CSV'],
  r_created: ['新提交申请', 'Applications submitted'], r_approved: ['审核通过', 'Approved'], r_rejected: ['驳回', 'Rejected'],
  r_bank: ['银行转账到账', 'Bank transfers received'], r_online: ['在线支付到账', 'Online payments received'],
  count: ['数量', 'Count'], audit_title: ['审计日志', 'Audit log'], a_from: ['日期从', 'From'], a_actor: ['操作员', 'Operator'],
  a_time: ['时间', 'Time'], a_role: ['角色', 'Role'], a_source: ['来源', 'From'], a_action: ['动作', 'Action'],
  a_before: ['之前', 'Before'], a_after: ['之后', 'After'], a_detail: ['说明', 'Detail'],
  verify: ['校验哈希链', 'Verify the hash chain'], export_csv: ['导出 CSV', 'Export CSV'],
  chain_ok: ['哈希链完整，共 {n} 条', 'Hash chain intact: {n} entries'],
  chain_bad: ['哈希链在第 {n} 条处断开：{p}', 'Hash chain broken at entry {n}: {p}'],
  rec_title: ['银行对账', 'Bank reconciliation'], reason_amount: ['金额', 'amount'], reason_payer_name: ['户名', 'name'],
  reason_date: ['日期', 'date'], reason_payer_account: ['账号', 'account'],
  rec_upload: ['上传银行流水（CSV，支持 GBK）', 'Upload a bank statement (CSV, GBK accepted)'],
  rec_uploaded: ['已导入 {n} 条入账记录', '{n} credit lines imported'], rec_unmatched: ['未对账的入账', 'Unmatched credits'],
  rec_matched: ['已对账', 'Matched'], rec_proposal: ['建议匹配', 'Proposed match'], rec_none: ['无匹配建议', 'No proposal'],
  rec_confirm: ['确认所选匹配', 'Confirm the selected matches'],
  rec_done: ['已确认 {ok} 条，失败 {bad} 条', '{ok} confirmed, {bad} refused'], booked_on: ['入账日期', 'Booked on'],
  reference: ['摘要', 'Reference'],
  rec_help: ['列：交易日期、贷方金额、对方户名，可选对方账号、摘要（见文档）', 'Columns: date, credit amount, payer name; optional payer account, reference (see the docs)'],
  tpl_title: ['驳回原因模板', 'Rejection reason templates'], tpl_name: ['标题', 'Title'], tpl_text: ['内容', 'Text'],
  tpl_add: ['添加模板', 'Add template'], tpl_delete: ['删除', 'Delete'], nav_operators: ['操作员', 'Operators'],
  ops_title: ['操作员', 'Operators'], ops_state: ['状态', 'State'], ops_enabled: ['正常', 'Enabled'],
  ops_disabled: ['已停用', 'Disabled'], ops_locked: ['已锁定', 'Locked'], error: ['出错了', 'Something went wrong'],
  forbidden: ['当前角色无权执行此操作', 'Your role may not do this'],
});

export function lang() { return current; }
export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh-CN';
  localStorage.setItem('certrenew-console-lang', current);
  document.documentElement.lang = current;
}
export function t(key, vars = {}) {
  let s = catalogues[current][key] ?? catalogues['zh-CN'][key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}
// A {zh, en} pair from the API in the current language.
export function pick(pair) {
  if (!pair || typeof pair !== 'object') return pair ?? '';
  return current === 'en' ? pair.en : pair.zh;
}
// An API error's sentence in the current language.
export function errorText(e) {
  if (e && e.status === 403 && e.code === 'forbidden_role') return t('forbidden');
  if (e && (e.message || e.messageZh)) return current === 'en' ? e.message : (e.messageZh || e.message);
  return t('error');
}
export const businessStates = ['entered', 'under_review', 'approved', 'rejected', 'completed', 'cancelled'];
export const paymentStates = ['unpaid', 'confirming', 'paid'];
