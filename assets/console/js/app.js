// The console's shell: session, navigation (hash routes), language, notices.
import { api, setCsrf, whenLoggedOut } from './api.js';
import { h, clear } from './dom.js';
import { t, setLang, lang } from './i18n.js';
import { notify, notifyError } from './notice.js';
import { loginView } from './views/login.js';
import { queueView } from './views/queue.js';
import { applicationView } from './views/application.js';
import { refundsView } from './views/refunds.js';
import { reportView } from './views/report.js';
import { auditView } from './views/audit.js';
import { reconcileView } from './views/reconcile.js';
import { templatesView } from './views/templates.js';
import { operatorsView } from './views/operators.js';
import { showIssuerStatus } from './issuer_status.js';

const state = { session: null };
const main = document.getElementById('main');

const routes = [
  ['queue', 'nav_queue', queueView],
  ['reconcile', 'nav_reconcile', reconcileView],
  ['refunds', 'nav_refunds', refundsView],
  ['templates', 'nav_templates', templatesView],
  ['report', 'nav_report', reportView],
  ['audit', 'nav_audit', auditView],
  ['operators', 'nav_operators', operatorsView, 'admin'],
];

function chrome() {
  document.title = t('brand');
  document.getElementById('brand').textContent = t('brand');
  document.getElementById('lang').textContent = t('lang_switch');
  const logout = document.getElementById('logout');
  logout.textContent = t('logout');
  logout.hidden = !state.session;
  const who = document.getElementById('who');
  who.textContent = state.session ? `${state.session.operator} · ${t(`role_${state.session.role}`)}` : '';
  const nav = clear(document.getElementById('nav'));
  if (!state.session) return;
  const here = location.hash.replace(/^#\/?/, '').split('?')[0].split('/')[0] || 'queue';
  for (const [id, label, , role] of routes)
    if (!role || role === state.session.role) nav.append(h('a', { href: `#/${id}`, id: `nav-${id}`, class: here === id ? 'active' : null }, t(label)));
}

async function render() {
  chrome();
  showIssuerStatus(Boolean(state.session));  // issue 22: the issuer's kind and health
  clear(main);
  if (!state.session) {
    main.append(loginView(async (session) => {
      state.session = session;
      setCsrf(session.csrf_token);
      if (!location.hash || location.hash === '#/login') location.hash = '#/queue';
      else render();
    }));
    return;
  }
  const [route, ...args] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/');
  const ctx = { session: state.session, rerender: render };
  try {
    if (route === 'app' && args[0]) {
      await applicationView(main, args[0], ctx);
    } else {
      const found = routes.find(([id]) => id === route) ?? routes[0];
      await found[2](main, ctx);
    }
  } catch (e) {
    notifyError(e);
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'en' ? 'zh-CN' : 'en');
  notify('');  // a notice is in the language it was made in
  render();
});
document.getElementById('logout').addEventListener('click', async () => {
  try { await api.post('logout'); } catch { /* the session may have ended already */ }
  state.session = null;
  setCsrf('');
  notify('');
  render();
});
window.addEventListener('hashchange', () => { notify(''); render(); });
whenLoggedOut(() => { state.session = null; render(); });

setLang(lang());
try {
  state.session = await api.get('session');
  setCsrf(state.session.csrf_token);
} catch {
  state.session = null;
}
render();
