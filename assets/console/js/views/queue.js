// The queue: filters by state, payment state and date range, search, counts per state, oldest
// (or newest) first, a page at a time: the server filters, searches and pages (issue 17).
import { api, query } from '../api.js';
import { h, table, yuan } from '../dom.js';
import { t, addWords, businessStates, paymentStates } from '../i18n.js';
import { stateCell, when } from './common.js';

addWords({
  f_order: ['排序', 'Order'], order_oldest: ['从早到晚', 'Oldest first'],
  order_newest: ['从晚到早', 'Newest first'], q_matched: ['共 {matched} 条，本页 {shown} 条', '{shown} of {matched} shown'],
  q_next: ['下一页', 'Next page'], q_first: ['回到第一页', 'First page'],
});

export async function queueView(main, ctx) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const select = (id, name, values, prefix) => h('select', { id, name },
    h('option', { value: '' }, t('any')),
    values.map((v) => h('option', { value: v, selected: params.get(name) === v }, t(`${prefix}${v}`))));
  const state = select('f-state', 'state', businessStates, 'st_');
  const payment = select('f-payment', 'payment_state', paymentStates, 'ps_');
  const from = h('input', { id: 'f-from', type: 'date', value: params.get('from') || '' });
  const to = h('input', { id: 'f-to', type: 'date', value: params.get('to') || '' });
  const q = h('input', { id: 'f-q', type: 'search', size: 28, value: params.get('q') || '' });
  const order = h('select', { id: 'f-order', name: 'order' },
    ['oldest', 'newest'].map((v) => h('option', { value: v, selected: (params.get('order') || 'oldest') === v }, t(`order_${v}`))));
  const filters = () => ({ state: state.value, payment_state: payment.value, from: from.value, to: to.value, q: q.value.trim(), order: order.value === 'newest' ? 'newest' : '' });
  const form = h('form', {
    class: 'filters',
    onsubmit: (ev) => {
      ev.preventDefault();
      location.hash = `#/queue${query(filters())}`;
    },
  },
  h('label', {}, t('f_state'), state), h('label', {}, t('f_payment'), payment),
  h('label', {}, t('f_from'), from), h('label', {}, t('f_to'), to),
  h('label', {}, t('f_search'), q), h('label', {}, t('f_order'), order),
  h('button', { class: 'primary', type: 'submit', id: 'f-apply' }, t('f_apply')),
  h('button', { type: 'button', onclick: () => { location.hash = '#/queue'; } }, t('f_reset')));

  const data = await api.get(`applications${query(Object.fromEntries(params))}`);
  const counts = h('div', { class: 'counts', id: 'counts' },
    businessStates.map((s) => h('span', { class: 'chip', 'data-state': s }, t(`st_${s}`), h('b', {}, data.counts[s] ?? 0))));
  const rows = data.applications.map((a) => h('tr', { 'data-business-no': a.business_no },
    h('td', {}, h('a', { href: `#/app/${a.business_no}`, class: 'mono' }, a.business_no)),
    h('td', {}, a.subject), h('td', {}, a.operator_name),
    h('td', {}, stateCell(a.state)), h('td', {}, stateCell(a.payment_state)),
    h('td', { class: 'num' }, yuan(a.total_fen)), h('td', {}, when(a.created_at))));
  const paging = h('p', { class: 'muted', id: 'paging' },
    t('q_matched', { matched: data.matched, shown: data.applications.length }),
    params.get('after') ? [' · ', h('a', { href: `#/queue${query(filters())}`, id: 'q-first' }, t('q_first'))] : [],
    data.next ? [' · ', h('a', { href: `#/queue${query({ ...filters(), after: data.next })}`, id: 'q-next' }, t('q_next'))] : []);
  main.append(h('h1', {}, t('queue_title')), form, counts, paging,
    table([t('c_business_no'), t('c_subject'), t('c_operator'), t('c_state'), t('c_payment'),
      { label: t('c_amount'), num: true }, t('c_created')],
    rows.length ? rows : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('no_rows')))]));
}
