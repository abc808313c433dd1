// The audit log: filter, view, verify the hash chain, export as CSV.
import { api, query } from '../api.js';
import { h, table } from '../dom.js';
import { t } from '../i18n.js';
import { notify, notifyError } from '../notice.js';
import { when } from './common.js';

export async function auditView(main) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const filters = { from: params.get('from'), to: params.get('to'), actor: params.get('actor'), business_no: params.get('business_no') };
  const data = await api.get(`audit${query(filters)}`);
  const from = h('input', { type: 'date', value: filters.from || '' });
  const to = h('input', { type: 'date', value: filters.to || '' });
  const actor = h('input', { id: 'audit-actor', value: filters.actor || '', size: 12 });
  const bn = h('input', { id: 'audit-business-no', value: filters.business_no || '', size: 18 });
  const rows = data.entries.slice().reverse().map((e) => h('tr', {},
    h('td', { class: 'num' }, e.seq), h('td', {}, when(e.at)), h('td', {}, e.actor), h('td', {}, e.role),
    h('td', { class: 'mono' }, e.source), h('td', {}, e.action),
    h('td', {}, e.business_no ? h('a', { href: `#/app/${e.business_no}`, class: 'mono' }, e.business_no) : ''),
    h('td', {}, e.before), h('td', {}, e.after), h('td', {}, e.detail)));
  main.append(h('h1', {}, t('audit_title')),
    h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); location.hash = `#/audit${query({ from: from.value, to: to.value, actor: actor.value.trim(), business_no: bn.value.trim() })}`; } },
      h('label', {}, t('a_from'), from), h('label', {}, t('f_to'), to),
      h('label', {}, t('a_actor'), actor), h('label', {}, t('c_business_no'), bn),
      h('button', { class: 'primary', type: 'submit' }, t('f_apply')),
      h('button', {
        type: 'button', id: 'audit-verify',
        onclick: async () => {
          try {
            const v = await api.get('audit/verify');
            if (v.intact) notify(t('chain_ok', { n: v.entries }));
            else notify(t('chain_bad', { n: v.first_bad_seq, p: v.problem }), true);
          } catch (e) { notifyError(e); }
        },
      }, t('verify')),
      h('a', { class: 'button', id: 'audit-csv', href: `/console/api/audit.csv${query(filters)}`, download: 'certrenew-audit.csv' }, t('export_csv'))),
    table(['#', t('a_time'), t('a_actor'), t('a_role'), t('a_source'), t('a_action'), t('c_business_no'),
      t('a_before'), t('a_after'), t('a_detail')],
    rows.length ? rows : [h('tr', {}, h('td', { colspan: 10, class: 'muted' }, t('no_rows')))]));
}
