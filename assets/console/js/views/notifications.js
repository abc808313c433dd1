// An application's messages to the applicant (issue 19) and how their delivery went: channel,
// event, recipient, state, attempts, the last error. Never the message text.
import { h, table } from '../dom.js';
import { t, addWords } from '../i18n.js';
import { when } from './common.js';

addWords({
  nt_title: ['通知消息', 'Messages'], nt_channel: ['渠道', 'Channel'], nt_event: ['事件', 'Event'],
  nt_recipient: ['收件人', 'Recipient'], nt_state: ['投递状态', 'Delivery'], nt_attempts: ['尝试次数', 'Attempts'],
  nt_last_error: ['最近错误', 'Last error'], nt_when: ['发送/下次尝试', 'Sent / next attempt'],
  nt_none: ['尚无通知消息', 'No messages yet'], nt_help: ['仅显示投递情况，不显示消息内容', 'Delivery only; message texts are not shown'],
  ch_email: ['邮件', 'E-mail'], ch_sms: ['短信', 'SMS'], ns_pending: ['待发送', 'Pending'], ns_sent: ['已发送', 'Sent'],
  ns_failed: ['发送失败（已放弃）', 'Failed (given up)'], ns_unsent: ['未发送（渠道未配置）', 'Not sent (channel not set up)'],
  ns_opted_out: ['申请人已退订', 'Opted out'], ev_submitted: ['申请已提交', 'Submitted'],
  ev_payment_confirmed: ['付款已确认', 'Payment confirmed'], ev_approved: ['审核通过', 'Approved'],
  ev_rejected: ['已驳回', 'Rejected'], ev_completed: ['已完成', 'Completed'], ev_cancelled: ['已撤销', 'Cancelled'],
  ev_refund_recorded: ['待退款/已退款', 'Refund'], ev_expiry_reminder: ['到期提醒', 'Expiry reminder'],
});

// A code's words, or the code itself when the console does not know it yet.
function word(prefix, code) {
  const s = t(`${prefix}_${code}`);
  return s === `${prefix}_${code}` ? code : s;
}

export function notificationsPanel(messages) {
  const rows = (messages || []).map((m) => h('tr', { 'data-message-id': m.id, class: `delivery-${m.state}` },
    h('td', {}, word('ev', m.event)), h('td', {}, word('ch', m.channel)), h('td', { class: 'mono' }, m.recipient),
    h('td', { class: `state nt-state state-${m.state}` }, word('ns', m.state)), h('td', { class: 'num' }, m.attempts),
    h('td', {}, when(m.sent_at || m.next_attempt_at)), h('td', { class: 'nt-error' }, m.last_error)));
  return h('section', { class: 'panel', id: 'notifications' }, h('h2', {}, t('nt_title')),
    h('p', { class: 'muted' }, t('nt_help')),
    table([t('nt_event'), t('nt_channel'), t('nt_recipient'), t('nt_state'), { label: t('nt_attempts'), num: true }, t('nt_when'), t('nt_last_error')],
      rows.length ? rows : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('nt_none')))]));
}
