import { api } from '../api.js';
import { h } from '../dom.js';
import { t, errorText } from '../i18n.js';

export function loginView(onLoggedIn) {
  const error = h('p', { class: 'muted', id: 'login-error', role: 'alert' });
  const name = h('input', { id: 'login-name', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', type: 'password', autocomplete: 'current-password', required: true });
  const totp = h('input', { id: 'login-totp', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 });
  const form = h('form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      try {
        const body = { name: name.value.trim(), password: password.value };
        if (totp.value) body.totp = totp.value.trim();
        const session = await api.post('login', body);
        password.value = '';
        onLoggedIn(session);
      } catch (e) {
        error.textContent = errorText(e);
      }
    },
  },
  h('label', {}, t('login_name'), name),
  h('label', {}, t('login_password'), password),
  h('label', {}, t('login_totp'), totp),
  h('button', { class: 'primary', type: 'submit', id: 'login-submit' }, t('login_submit')),
  error);
  return h('section', { class: 'panel login' }, h('h1', {}, t('login_title')), form);
}
