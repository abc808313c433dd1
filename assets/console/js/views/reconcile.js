// Bank reconciliation: upload a statement, confirm proposed matches in one action, see what is
// left unmatched.
import { api } from '../api.js';
import { h, table, yuan } from '../dom.js';
import { t } from '../i18n.js';
import { notify, notifyError } from '../notice.js';
import { can } from './common.js';

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function reconcileView(main, ctx) {
  const data = await api.get('reconciliation');
  const finance = can(ctx.session, 'confirm_payment');
  const file = h('input', { type: 'file', id: 'statement-file', accept: '.csv,text/csv' });
  const upload = h('section', { class: 'panel' }, h('h2', {}, t('rec_upload')),
    h('p', { class: 'muted' }, t('rec_help')),
    h('div', { class: 'row' }, file, h('button', {
      class: 'primary', id: 'statement-upload', disabled: !finance,
      onclick: async () => {
        if (!file.files.length) return;
        try {
          const content = toBase64(await file.files[0].arrayBuffer());
          const r = await api.post('reconciliation/statements', { content_base64: content });
          await ctx.rerender();
          notify(t('rec_uploaded', { n: r.credits }));
        } catch (e) { notifyError(e); }
      },
    }, t('rec_upload'))));

  const picks = [];
  const unmatched = data.unmatched.map((l) => {
    const box = h('input', { type: 'checkbox', class: 'rec-pick', checked: l.proposals.length > 0, disabled: !finance || !l.proposals.length });
    const choice = h('select', { class: 'rec-choice' }, l.proposals.map((p) => h('option', { value: p.business_no }, `${p.business_no} (${p.reasons.map((r) => t(`reason_${r}`)).join(' + ')})`)));
    picks.push({ line: l, box, choice });
    return h('tr', { 'data-line-id': l.id },
      h('td', {}, box), h('td', {}, l.booked_on), h('td', { class: 'num' }, yuan(l.amount_fen)),
      h('td', {}, l.payer_name), h('td', { class: 'mono' }, l.payer_account), h('td', {}, l.reference),
      h('td', {}, l.proposals.length ? choice : h('span', { class: 'muted' }, t('rec_none'))));
  });
  const confirm = h('button', {
    class: 'primary', id: 'rec-confirm', disabled: !finance,
    onclick: async () => {
      const matches = picks.filter((p) => p.box.checked && p.choice.value).map((p) => ({ line_id: p.line.id, business_no: p.choice.value }));
      if (!matches.length) return;
      try {
        const r = await api.post('reconciliation/confirm', { matches });
        const ok = r.results.filter((x) => x.confirmed).length;
        await ctx.rerender();
        notify(t('rec_done', { ok, bad: r.results.length - ok }), ok !== r.results.length);
      } catch (e) { notifyError(e); }
    },
  }, t('rec_confirm'));
  const matched = data.matched.map((l) => h('tr', {},
    h('td', {}, l.booked_on), h('td', { class: 'num' }, yuan(l.amount_fen)), h('td', {}, l.payer_name),
    h('td', {}, h('a', { href: `#/app/${l.business_no}`, class: 'mono' }, l.business_no)), h('td', {}, l.matched_by)));
  main.append(h('h1', {}, t('rec_title')), upload,
    h('section', { class: 'panel', id: 'rec-unmatched' }, h('h2', {}, t('rec_unmatched')),
      table(['', t('booked_on'), { label: t('amount'), num: true }, t('payer_name'), t('payer_account'), t('reference'), t('rec_proposal')],
        unmatched.length ? unmatched : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('no_rows')))]),
      h('p', {}, confirm)),
    h('section', { class: 'panel', id: 'rec-matched' }, h('h2', {}, t('rec_matched')),
      table([t('booked_on'), { label: t('amount'), num: true }, t('payer_name'), t('c_business_no'), t('a_actor')],
        matched.length ? matched : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t('no_rows')))])));
}
