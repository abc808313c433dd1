// One application: form (ID number masked, reveal audited), certificate, transfers, payments,
// timeline with audit entries, and the actions the operator's role allows.
import { api } from '../api.js';
import { h, facts, table, yuan } from '../dom.js';
import { t, pick } from '../i18n.js';
import { notify, notifyError } from '../notice.js';
import { can, stateCell, when } from './common.js';
import { escrowPanel } from './escrow.js';
import { notificationsPanel } from './notifications.js';
import { refundPanel } from './refunds.js';

export async function applicationView(main, businessNo, ctx) {
  if (!/^\d{17}$/.test(businessNo)) { location.hash = '#/queue'; return; }
  const a = await api.get(`applications/${businessNo}`);
  const templates = await api.get('reason-templates');
  const escrow = await escrowPanel(a, ctx);  // SM2 dual certificates: null when none escrowed
  const op = a.operator || {};
  const rc = a.recipient || {};

  const act = async (path, question, done, body) => {
    if (!window.confirm(question)) return;
    try {
      await api.post(`applications/${businessNo}/${path}`, body);
      await ctx.rerender();
      notify(done);
    } catch (e) { notifyError(e); }
  };

  const actions = h('div', { class: 'actions' });
  const allowed = a.operator_actions || {};
  if (can(ctx.session, 'confirm_payment') && allowed.confirm_payment)
    actions.append(h('button', { class: 'primary', id: 'act-confirm', onclick: () => act('confirm-payment', t('confirm_q_payment'), t('done_payment')) }, t('confirm_payment')));
  if (can(ctx.session, 'review') && allowed.review) {
    actions.append(h('button', { class: 'primary', id: 'act-approve', onclick: () => act('approve', t('confirm_q_approve'), t('done_approve')) }, t('approve')));
    const reason = h('textarea', { id: 'reject-reason', maxlength: 1000 });
    const chooser = h('select', {
      id: 'reject-template',
      onchange: () => {
        const tpl = templates.templates.find((x) => String(x.id) === chooser.value);
        if (tpl) reason.value = tpl.text;
      },
    }, h('option', { value: '' }, t('choose_template')),
    templates.templates.map((x) => h('option', { value: x.id }, x.title)));
    actions.append(h('div', { class: 'reject-box' },
      h('label', {}, t('template'), chooser), h('label', {}, t('reject_reason'), reason),
      h('button', { class: 'danger', id: 'act-reject', onclick: () => act('reject', t('confirm_q_reject'), t('done_reject'), { reason: reason.value }) }, t('reject'))));
  }

  if (!actions.firstChild) actions.append(h('span', { class: 'muted', id: 'no-actions' }, t('no_actions')));

  const idCell = h('span', { id: 'id-number', class: 'mono' }, op.id_number);
  const reveal = h('button', {
    id: 'reveal-id',
    onclick: async () => {
      try {
        const r = await api.post(`applications/${businessNo}/reveal-id`);
        idCell.textContent = r.id_number;
        reveal.disabled = true;
      } catch (e) { notifyError(e); }
    },
  }, t('reveal'));

  const cert = a.certificate || {};
  const timeline = [
    ...(a.events || []).map((e) => ({ at: e.at, who: e.actor, what: e.kind, detail: e.detail })),
    ...(a.audit || []).map((e) => ({ at: e.at, who: `${e.actor} (${e.role}, ${e.source})`, what: `${e.action}${e.before || e.after ? `: ${e.before} → ${e.after}` : ''}`, detail: e.detail, audit: true })),
  ].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));

  main.append(
    h('p', {}, h('a', { href: '#/queue' }, `← ${t('back')}`)),
    h('h1', {}, `${t('app_title')} `, h('span', { class: 'mono', id: 'app-business-no' }, a.business_no)),
    h('section', { class: 'panel' }, h('h2', {}, t('summary')),
      facts([
        [t('c_state'), h('span', { id: 'app-state' }, stateCell(a.state))],
        [t('c_payment'), h('span', { id: 'app-payment' }, stateCell(a.payment_state))],
        [t('total'), yuan(a.total_fen)],
        [t('period'), `${a.period_months} ${t('months')}`],
        [t('order_no'), a.order?.order_no],
        [t('c_created'), when(a.created_at)], [t('c_updated'), when(a.updated_at)],
        a.reject_reason ? [t('reject_reason'), h('span', { id: 'app-reject-reason' }, a.reject_reason)] : null,
        a.refund ? [t('refund_recorded'), `${a.refund.recorded_by} ${when(a.refund.recorded_at)} ${a.refund.note}`] : null,
      ].filter(Boolean))),
    h('section', { class: 'panel' }, h('h2', {}, t('actions')), actions),
    h('div', { class: 'grid' },
      h('section', { class: 'panel', id: 'app-form' }, h('h2', {}, t('operator_info')),
        facts([
          [t('name'), h('span', { id: 'op-name' }, op.name)], [t('id_type'), op.id_type],
          [t('id_number'), h('span', {}, idCell, ' ', reveal)],
          [t('mobile'), op.mobile], [t('email'), op.email],
        ]),
        h('h2', {}, t('recipient')),
        facts([[t('name'), rc.name], [t('mobile'), rc.mobile], [t('address'), h('span', { id: 'rc-address' }, rc.address)]])),
      h('section', { class: 'panel' }, h('h2', {}, t('cert_title')),
        facts([
          [t('subject'), cert.subject], [t('issuer'), cert.issuer],
          [t('serial'), h('span', { class: 'mono' }, cert.serial)],
          [t('not_before'), when(cert.not_before)], [t('not_after'), when(cert.not_after)],
          [t('key_type'), cert.key_type], [t('csr_key_type'), h('span', { id: 'csr-key-type' }, a.csr_key_type)],
        ]))),
    h('section', { class: 'panel' }, h('h2', {}, t('transfers')),
      table([t('payer_name'), t('payer_account'), { label: t('amount'), num: true }, t('paid_on'), t('remarks')],
        (a.bank_transfers || []).map((x) => h('tr', {}, h('td', {}, x.payer_name), h('td', { class: 'mono' }, x.payer_account),
          h('td', { class: 'num' }, yuan(x.amount_fen)), h('td', {}, x.paid_on), h('td', {}, x.remarks))))),
    h('section', { class: 'panel' }, h('h2', {}, t('payments')),
      facts([[t('order_no'), a.order?.order_no], [t('trade_state'), pick(a.order?.trade_state)],
        [t('order_state'), pick(a.order?.order_state)], [t('total'), yuan(a.total_fen)]])),
    ...[escrow, refundPanel(a.refunds)].filter(Boolean),  // each only when it has something to show
    notificationsPanel(a.notifications),
    h('section', { class: 'panel' }, h('h2', {}, t('timeline')),
      h('ol', { class: 'timeline', id: 'timeline' }, timeline.map((e) => h('li', { class: e.audit ? 'audit' : null },
        h('span', { class: 'muted' }, when(e.at)), ' ', h('b', {}, e.what), ' · ', e.who, e.detail ? ` · ${e.detail}` : '')))));
}
