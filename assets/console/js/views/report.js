// The daily report: applications, approvals, money by method; CSV to download.
import { api, query } from '../api.js';
import { h, table, yuan } from '../dom.js';
import { when } from './common.js';
import { t, addWords } from '../i18n.js';

addWords({
  r_zone: ['按 {z}（{o}）的日期统计：{from} 至 {to}', 'Days of {z} ({o}): {from} to {to}'],
  r_refund_bank: ['银行转账退款', 'Refunds by bank transfer'], r_refund_online: ['在线支付退款', 'Refunds to online payments'],
});

export async function reportView(main) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const r = await api.get(`reports/daily${query({ date: params.get('date') })}`);
  const date = h('input', { id: 'report-date', type: 'date', value: r.date });
  main.append(h('h1', {}, t('report_title')),
    h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); location.hash = `#/report${query({ date: date.value })}`; } },
      h('label', {}, t('report_date'), date), h('button', { class: 'primary', type: 'submit' }, t('show')),
      h('span', { class: 'muted', id: 'report-zone' }, t('r_zone', { z: r.time_zone, o: r.utc_offset, from: when(r.from), to: when(r.to) })),
      h('a', { class: 'button', id: 'report-csv', href: `/console/api/reports/daily.csv?date=${encodeURIComponent(r.date)}`, download: `certrenew-daily-${r.date}.csv` }, t('download_csv'))),
    table(['', { label: t('count'), num: true }, { label: t('amount'), num: true }], [
      h('tr', {}, h('td', {}, t('r_created')), h('td', { class: 'num' }, r.applications_created), h('td', { class: 'num' }, yuan(r.applications_created_fen))),
      h('tr', {}, h('td', {}, t('r_approved')), h('td', { class: 'num' }, r.approved), h('td', {})),
      h('tr', {}, h('td', {}, t('r_rejected')), h('td', { class: 'num' }, r.rejected), h('td', {})),
      h('tr', {}, h('td', {}, t('r_bank')), h('td', { class: 'num' }, r.bank_transfer.count), h('td', { class: 'num' }, yuan(r.bank_transfer.fen))),
      h('tr', {}, h('td', {}, t('r_online')), h('td', { class: 'num' }, r.online.count), h('td', { class: 'num' }, yuan(r.online.fen))),
      h('tr', {}, h('td', {}, t('r_refund_bank')), h('td', { class: 'num' }, r.refunds.bank_transfer.count), h('td', { class: 'num' }, yuan(r.refunds.bank_transfer.fen))),
      h('tr', {}, h('td', {}, t('r_refund_online')), h('td', { class: 'num' }, r.refunds.online.count), h('td', { class: 'num' }, yuan(r.refunds.online.fen))),
    ]));
}
