// The console's words, zh-CN first and English. The chosen language is kept in localStorage.

const zh = {
  brand: 'CertRenew 证书续期后台', lang_switch: 'English', logout: '退出登录',
  nav_queue: '申请队列', nav_refunds: '退款', nav_report: '日报', nav_audit: '审计日志',
  nav_reconcile: '银行对账', nav_templates: '驳回原因模板',
  role_finance: '财务', role_reviewer: '审核员', role_admin: '管理员', 'role_all-roles': '全部权限（旧令牌）',
  login_title: '操作员登录', login_name: '用户名', login_password: '密码', login_totp: '动态口令（如已启用）',
  login_submit: '登录',
  queue_title: '申请队列', f_state: '业务状态', f_payment: '支付状态', f_from: '提交日期从', f_to: '至',
  f_search: '搜索（业务单号、证书主题、经办人）', f_apply: '筛选', f_reset: '清除', any: '全部',
  c_business_no: '业务单号', c_subject: '证书主题', c_operator: '经办人', c_state: '业务状态',
  c_payment: '支付状态', c_amount: '金额', c_created: '提交时间', c_updated: '更新时间',
  no_rows: '没有符合条件的记录', oldest_first: '按提交时间从早到晚排列',
  st_entered: '已录入', st_under_review: '审核中', st_approved: '已审核通过', st_rejected: '已驳回',
  st_completed: '已完成', st_cancelled: '已撤销',
  ps_unpaid: '未支付', ps_confirming: '待确认', ps_paid: '已支付',
  app_title: '申请详情', back: '返回队列', summary: '概要', period: '续期年限', months: '个月',
  total: '应付金额', order_no: '订单号', actions: '操作', no_actions: '当前状态或角色下没有可执行的操作',
  confirm_payment: '确认到账', approve: '审核通过', reject: '驳回', reject_reason: '驳回原因',
  template: '原因模板', choose_template: '选择模板…',
  confirm_q_payment: '确认已收到该申请的转账？', confirm_q_approve: '审核通过并签发证书？',
  confirm_q_reject: '驳回该申请？',
  done_payment: '已确认到账', done_approve: '已审核通过，证书交由签发机构签发', done_reject: '已驳回',
  operator_info: '经办人信息', name: '姓名', id_type: '证件类型', id_number: '证件号码', reveal: '查看完整号码',
  mobile: '手机', email: '邮箱', recipient: '收件人', address: '地址',
  cert_title: '证书信息', serial: '序列号', subject: '主题', issuer: '颁发者', not_before: '生效时间',
  not_after: '到期时间', key_type: '密钥类型', csr_key_type: '新密钥类型（CSR）',
  transfers: '转账记录', payer_name: '付款人', payer_account: '付款账号', paid_on: '转账日期',
  remarks: '备注', amount: '金额', payments: '支付与订单', trade_state: '交易状态', order_state: '订单状态',
  timeline: '时间线', audit_entries: '审计记录', refund_recorded: '退款已登记',
  refunds_title: '退款（已收款但不续期的申请）',
  report_title: '日报', report_date: '日期', show: '查看', download_csv: '下载 CSV',
  r_created: '新提交申请', r_approved: '审核通过', r_rejected: '驳回', r_bank: '银行转账到账', r_online: '在线支付到账',
  count: '数量',
  audit_title: '审计日志', a_from: '日期从', a_actor: '操作员', a_time: '时间', a_role: '角色', a_source: '来源',
  a_action: '动作', a_before: '之前', a_after: '之后', a_detail: '说明', verify: '校验哈希链',
  export_csv: '导出 CSV', chain_ok: '哈希链完整，共 {n} 条', chain_bad: '哈希链在第 {n} 条处断开：{p}',
  rec_title: '银行对账', reason_amount: '金额', reason_payer_name: '户名', reason_date: '日期', reason_payer_account: '账号', rec_upload: '上传银行流水（CSV，支持 GBK）', rec_uploaded: '已导入 {n} 条入账记录',
  rec_unmatched: '未对账的入账', rec_matched: '已对账', rec_proposal: '建议匹配', rec_none: '无匹配建议',
  rec_confirm: '确认所选匹配', rec_done: '已确认 {ok} 条，失败 {bad} 条', booked_on: '入账日期', reference: '摘要',
  rec_help: '列：交易日期、贷方金额、对方户名，可选对方账号、摘要（见文档）',
  tpl_title: '驳回原因模板', tpl_name: '标题', tpl_text: '内容', tpl_add: '添加模板', tpl_delete: '删除',
  nav_operators: '操作员', ops_title: '操作员',
  ops_state: '状态', ops_enabled: '正常', ops_disabled: '已停用', ops_locked: '已锁定',
  error: '出错了', forbidden: '当前角色无权执行此操作',
};

const en = {
  brand: 'CertRenew back office', lang_switch: '中文', logout: 'Log out',
  nav_queue: 'Queue', nav_refunds: 'Refunds', nav_report: 'Daily report', nav_audit: 'Audit log',
  nav_reconcile: 'Reconciliation', nav_templates: 'Reason templates',
  role_finance: 'Finance', role_reviewer: 'Reviewer', role_admin: 'Admin', 'role_all-roles': 'All roles (legacy token)',
  login_title: 'Operator login', login_name: 'Name', login_password: 'Password', login_totp: 'One-time code (if set up)',
  login_submit: 'Log in',
  queue_title: 'Application queue', f_state: 'State', f_payment: 'Payment', f_from: 'Submitted from', f_to: 'to',
  f_search: 'Search (business no., subject, operator)', f_apply: 'Filter', f_reset: 'Clear', any: 'Any',
  c_business_no: 'Business no.', c_subject: 'Certificate subject', c_operator: 'Operator', c_state: 'State',
  c_payment: 'Payment', c_amount: 'Amount', c_created: 'Submitted', c_updated: 'Updated',
  no_rows: 'Nothing matches', oldest_first: 'Oldest first',
  st_entered: 'Entered', st_under_review: 'Under review', st_approved: 'Approved', st_rejected: 'Rejected',
  st_completed: 'Completed', st_cancelled: 'Cancelled',
  ps_unpaid: 'Unpaid', ps_confirming: 'Confirming', ps_paid: 'Paid',
  app_title: 'Application', back: 'Back to the queue', summary: 'Summary', period: 'Period', months: 'months',
  total: 'Amount due', order_no: 'Order no.', actions: 'Actions', no_actions: 'Nothing to do here in this state or with your role',
  confirm_payment: 'Confirm payment', approve: 'Approve', reject: 'Reject', reject_reason: 'Reason',
  template: 'Template', choose_template: 'Choose a template…',
  confirm_q_payment: 'Confirm that the transfer for this application arrived?',
  confirm_q_approve: 'Approve and issue the certificate?', confirm_q_reject: 'Reject this application?',
  done_payment: 'Payment confirmed', done_approve: 'Approved; the issuer issues the certificate', done_reject: 'Rejected',
  operator_info: 'Operator', name: 'Name', id_type: 'ID type', id_number: 'ID number', reveal: 'Reveal the whole number',
  mobile: 'Mobile', email: 'E-mail', recipient: 'Recipient', address: 'Address',
  cert_title: 'Certificate', serial: 'Serial', subject: 'Subject', issuer: 'Issuer', not_before: 'Valid from',
  not_after: 'Valid until', key_type: 'Key type', csr_key_type: 'New key type (CSR)',
  transfers: 'Bank transfers', payer_name: 'Payer', payer_account: 'Payer account', paid_on: 'Paid on',
  remarks: 'Remarks', amount: 'Amount', payments: 'Payment and order', trade_state: 'Trade state', order_state: 'Order state',
  timeline: 'Timeline', audit_entries: 'Audit entries', refund_recorded: 'Refund recorded',
  refunds_title: 'Refunds (money received, no renewal)',
  report_title: 'Daily report', report_date: 'Date', show: 'Show', download_csv: 'Download CSV',
  r_created: 'Applications submitted', r_approved: 'Approved', r_rejected: 'Rejected', r_bank: 'Bank transfers received',
  r_online: 'Online payments received', count: 'Count',
  audit_title: 'Audit log', a_from: 'From', a_actor: 'Operator', a_time: 'Time', a_role: 'Role', a_source: 'From',
  a_action: 'Action', a_before: 'Before', a_after: 'After', a_detail: 'Detail', verify: 'Verify the hash chain',
  export_csv: 'Export CSV', chain_ok: 'Hash chain intact: {n} entries', chain_bad: 'Hash chain broken at entry {n}: {p}',
  rec_title: 'Bank reconciliation', reason_amount: 'amount', reason_payer_name: 'name', reason_date: 'date', reason_payer_account: 'account', rec_upload: 'Upload a bank statement (CSV, GBK accepted)', rec_uploaded: '{n} credit lines imported',
  rec_unmatched: 'Unmatched credits', rec_matched: 'Matched', rec_proposal: 'Proposed match', rec_none: 'No proposal',
  rec_confirm: 'Confirm the selected matches', rec_done: '{ok} confirmed, {bad} refused', booked_on: 'Booked on', reference: 'Reference',
  rec_help: 'Columns: date, credit amount, payer name; optional payer account, reference (see the docs)',
  tpl_title: 'Rejection reason templates', tpl_name: 'Title', tpl_text: 'Text', tpl_add: 'Add template', tpl_delete: 'Delete',
  nav_operators: 'Operators', ops_title: 'Operators',
  ops_state: 'State', ops_enabled: 'Enabled', ops_disabled: 'Disabled', ops_locked: 'Locked',
  error: 'Something went wrong', forbidden: 'Your role may not do this',
};

const catalogues = { 'zh-CN': zh, en };
let current = localStorage.getItem('certrenew-console-lang') === 'en' ? 'en' : 'zh-CN';

// Views that bring their own words register them here, both languages together.
export function addWords(zhWords, enWords) {
  Object.assign(zh, zhWords);
  Object.assign(en, enWords);
}

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
