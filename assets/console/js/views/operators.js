// The operators (admins only); accounts change on the command line (docs/console.md).
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { t } from '../i18n.js';

export async function operatorsView(main) {
  const data = await api.get('operators');
  main.append(h('h1', {}, t('ops_title')), h('p', { class: 'muted' }, t('ops_help')),
    table([t('login_name'), t('a_role'), t('ops_state'), 'TOTP'],
      data.operators.map((o) => h('tr', { 'data-operator': o.name },
        h('td', {}, o.name), h('td', {}, t(`role_${o.role}`)),
        h('td', {}, o.disabled ? t('ops_disabled') : o.locked ? t('ops_locked') : t('ops_enabled')),
        h('td', {}, o.totp ? '✓' : '')))));
}
