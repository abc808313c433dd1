// Money received for applications that will not be renewed, and recording its refund.
import { api } from '../api.js';
import { h, table, yuan } from '../dom.js';
import { t } from '../i18n.js';
import { notify, notifyError } from '../notice.js';
import { can, stateCell, when } from './common.js';

export async function refundsView(main, ctx) {
  const data = await api.get('refunds');
  const rows = data.refunds.map((r) => {
    let cell;
    if (r.refund) {
      cell = h('span', {}, `${t('refund_recorded')}: ${r.refund.recorded_by} ${when(r.refund.recorded_at)} ${r.refund.note}`);
    } else if (can(ctx.session, 'confirm_payment')) {
      const note = h('input', { placeholder: t('refund_note'), maxlength: 500, class: 'refund-note' });
      cell = h('span', { class: 'row' }, note, h('button', {
        class: 'record-refund',
        onclick: async () => {
          try {
            await api.post(`refunds/${r.business_no}`, { note: note.value });
            await ctx.rerender();
            notify(t('refund_done'));
          } catch (e) { notifyError(e); }
        },
      }, t('record_refund')));
    } else {
      cell = '';
    }
    return h('tr', { 'data-business-no': r.business_no },
      h('td', {}, h('a', { href: `#/app/${r.business_no}`, class: 'mono' }, r.business_no)),
      h('td', {}, stateCell(r.state)), h('td', {}, stateCell(r.payment_state)),
      h('td', { class: 'num' }, yuan(r.total_fen)), h('td', { class: 'num' }, yuan(r.transfers_fen)),
      h('td', {}, when(r.updated_at)), h('td', {}, cell));
  });
  main.append(h('h1', {}, t('refunds_title')),
    table([t('c_business_no'), t('c_state'), t('c_payment'), { label: t('total'), num: true },
      { label: t('transfers_sum'), num: true }, t('c_updated'), t('actions')],
    rows.length ? rows : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('no_rows')))]));
}
