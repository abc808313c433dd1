// Refunds: money received for applications that will not be renewed (and online payments that
// arrived twice), what is refunded, and finance carrying out a refund — by bank transfer with the
// bank's reference, or through the payment gateway. The service checks every rule again.
import { api } from '../api.js';
import { h, table, yuan } from '../dom.js';
import { t, addWords } from '../i18n.js';
import { notify, notifyError } from '../notice.js';
import { can, stateCell, when } from './common.js';

addWords({
  rf_received: ['已收款', 'Received'], rf_refunded: ['已退款', 'Refunded'], rf_due: ['待退款', 'Due'],
  rf_method: ['退款方式', 'Method'], rf_bank: ['银行转账', 'Bank transfer'],
  rf_online: ['原路退回在线支付', 'Back to the online payment'], rf_amount: ['退款金额（元）', 'Amount (yuan)'],
  rf_reference: ['银行退款流水号', 'Bank reference'], rf_note: ['备注', 'Note'], rf_submit: ['退款', 'Refund'],
  rf_q: ['向申请 {n} 退款 ¥{a}？', 'Refund ¥{a} for {n}?'], rf_done: ['退款已完成', 'Refund done'],
  rf_history: ['退款记录', 'Refunds'], rf_state_done: ['已完成', 'Done'], rf_state_pending: ['处理中', 'In progress'],
  rf_state_failed: ['失败', 'Failed'], rf_legacy: ['早先登记的备注', 'Note recorded earlier'], rf_panel: ['退款', 'Refunds'],
  rf_nothing: ['没有待退款项', 'Nothing to refund'],
});

function received(p) {
  let fen = p.bank_transfer.received_fen;
  for (const o of p.online) fen += o.amount_fen;
  return fen;
}

function refunded(p) {
  let fen = p.bank_transfer.refunded_fen;
  for (const o of p.online) fen += o.refunded_fen;
  return fen;
}

// The refunds already carried out (or tried) for one application.
export function payoutList(p) {
  if (!p.payouts.length) return null;
  return h('ul', { class: 'payouts' }, p.payouts.map((x) => h('li', { 'data-payout-state': x.state },
    `${when(x.updated_at)} · ${x.method === 'online' ? t('rf_online') : t('rf_bank')} · ${yuan(x.amount_fen)} · `,
    h('b', {}, t(`rf_state_${x.state}`)), ` · ${x.reference || x.message} · ${x.recorded_by}`)));
}

// The application page's panel: received, refunded, due, and what was done.
export function refundPanel(p) {
  if (!p || (!p.payouts.length && !p.due_fen)) return null;  // nothing to refund, nothing done
  return h('section', { class: 'panel', id: 'app-refunds' }, h('h2', {}, t('rf_panel')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('rf_received')), h('dd', {}, yuan(received(p))),
      h('dt', {}, t('rf_refunded')), h('dd', { id: 'app-refunded' }, yuan(refunded(p))),
      h('dt', {}, t('rf_due')), h('dd', {}, yuan(p.due_fen))),
    payoutList(p));
}

function refundForm(r, ctx) {
  const p = r.position;
  const choices = [];
  if (p.bank_transfer.refundable_fen > 0) choices.push({ value: 'bank_transfer', label: t('rf_bank'), fen: p.bank_transfer.refundable_fen });
  for (const o of p.online)
    if (o.refundable_fen > 0) choices.push({ value: `online:${o.payment_id}`, label: `${t('rf_online')} ${o.payment_id}`, fen: o.refundable_fen });
  if (!choices.length) return h('span', { class: 'muted' }, t('rf_nothing'));
  const amount = h('input', { class: 'refund-amount', inputmode: 'decimal', size: 8, value: (choices[0].fen / 100).toFixed(2) });
  const reference = h('input', { class: 'refund-reference', maxlength: 100, placeholder: t('rf_reference') });
  const note = h('input', { class: 'refund-note', maxlength: 500, placeholder: t('rf_note') });
  const method = h('select', {
    class: 'refund-method',
    onchange: () => {
      const c = choices.find((x) => x.value === method.value);
      amount.value = (c.fen / 100).toFixed(2);
      reference.hidden = c.value !== 'bank_transfer';
    },
  }, choices.map((c) => h('option', { value: c.value }, c.label)));
  reference.hidden = choices[0].value !== 'bank_transfer';
  return h('form', {
    class: 'row refund-form',
    onsubmit: async (ev) => {
      ev.preventDefault();
      if (!window.confirm(t('rf_q', { n: r.business_no, a: amount.value }))) return;
      const [kind, paymentId] = method.value.split(':');
      const body = { method: kind, amount: amount.value, note: note.value };
      if (kind === 'bank_transfer') body.reference = reference.value;
      else body.payment_id = paymentId;
      try {
        await api.post(`refunds/${r.business_no}`, body);
        await ctx.rerender();
        notify(t('rf_done'));
      } catch (e) { notifyError(e); }
    },
  }, method, amount, reference, note, h('button', { class: 'primary record-refund', type: 'submit' }, t('rf_submit')));
}

export async function refundsView(main, ctx) {
  const data = await api.get('refunds');
  const finance = can(ctx.session, 'confirm_payment');
  const rows = data.refunds.map((r) => h('tr', { 'data-business-no': r.business_no },
    h('td', {}, h('a', { href: `#/app/${r.business_no}`, class: 'mono' }, r.business_no)),
    h('td', {}, stateCell(r.state)), h('td', {}, stateCell(r.payment_state)),
    h('td', { class: 'num' }, yuan(received(r.position))), h('td', { class: 'num refunded' }, yuan(refunded(r.position))),
    h('td', { class: 'num due' }, yuan(r.position.due_fen)),
    h('td', {}, finance && r.position.due_fen > 0 ? refundForm(r, ctx) : null, payoutList(r.position),
      r.note_recorded ? h('div', { class: 'muted' }, `${t('rf_legacy')}: ${r.note_recorded.recorded_by} ${r.note_recorded.note}`) : null)));
  main.append(h('h1', {}, t('refunds_title')),
    table([t('c_business_no'), t('c_state'), t('c_payment'), { label: t('rf_received'), num: true },
      { label: t('rf_refunded'), num: true }, { label: t('rf_due'), num: true }, t('actions')],
    rows.length ? rows : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('no_rows')))]));
}
