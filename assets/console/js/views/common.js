import { h } from '../dom.js';
import { pick } from '../i18n.js';

export function stateCell(s) {
  const code = s && typeof s === 'object' ? s.code : s;
  return h('span', { class: `state state-${code}` }, pick(s));
}

export function when(iso) {
  if (!iso) return '';
  return iso.replace('T', ' ').replace('Z', ' UTC');
}

export function can(session, permission) {
  const role = session.role;
  if (role === 'all-roles') return true;
  return { confirm_payment: 'finance', review: 'reviewer', manage: 'admin', recover_keys: 'admin' }[permission] === role;
}
