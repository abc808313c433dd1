// An application's messages to the applicant (issue 19) and how their delivery went: channel,
// event, recipient, state, attempts, the last error. Never the message text.
import { h, table } from '../dom.js';
import { t, addWords } from '../i18n.js';
import { when } from './common.js';

addWords({
  nt_title: '通知消息', nt_channel: '渠道', nt_event: '事件', nt_recipient: '收件人', nt_state: '投递状态',
  nt_attempts: '尝试次数', nt_last_error: '最近错误', nt_when: '发送/下次尝试', nt_none: '尚无通知消息',
  nt_help: '仅显示投递情况，不显示消息内容',
  ch_email: '邮件', ch_sms: '短信',
  ns_pending: '待发送', ns_sent: '已发送', ns_failed: '发送失败（已放弃）', ns_unsent: '未发送（渠道未配置）', ns_opted_out: '申请人已退订',
  ev_submitted: '申请已提交', ev_payment_confirmed: '付款已确认', ev_approved: '审核通过', ev_rejected: '已驳回',
  ev_completed: '已完成', ev_cancelled: '已撤销', ev_refund_recorded: '待退款/已退款', ev_expiry_reminder: '到期提醒',
}, {
  nt_title: 'Messages', nt_channel: 'Channel', nt_event: 'Event', nt_recipient: 'Recipient', nt_state: 'Delivery',
  nt_attempts: 'Attempts', nt_last_error: 'Last error', nt_when: 'Sent / next attempt', nt_none: 'No messages yet',
  nt_help: 'Delivery only; message texts are not shown',
  ch_email: 'E-mail', ch_sms: 'SMS',
  ns_pending: 'Pending', ns_sent: 'Sent', ns_failed: 'Failed (given up)', ns_unsent: 'Not sent (channel not set up)', ns_opted_out: 'Opted out',
  ev_submitted: 'Submitted', ev_payment_confirmed: 'Payment confirmed', ev_approved: 'Approved', ev_rejected: 'Rejected',
  ev_completed: 'Completed', ev_cancelled: 'Cancelled', ev_refund_recorded: 'Refund', ev_expiry_reminder: 'Expiry reminder',
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
