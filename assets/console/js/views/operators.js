// Operator accounts (admins only): add, disable/enable, reset the password or the TOTP secret,
// issue and revoke API tokens. The service applies the rules (roles, the last admin, audit);
// secrets it generates are shown here once and never again.
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { t, addWords } from '../i18n.js';
import { notify, notifyError } from '../notice.js';
import { when } from './common.js';

addWords({
  ops_help: ['新账户、密码与动态口令的重置、API 令牌均在此管理；每项操作都记入审计日志。服务器上的 certrenew-server operator 命令使用相同的规则。', 'New accounts, password and one-time-code resets and API tokens are managed here; every change is in the audit log. The certrenew-server operator command on the server follows the same rules.'],
  ops_add: ['添加操作员', 'Add an operator'], ops_password: ['初始密码（留空则由系统生成）', 'Initial password (empty: generated)'],
  ops_with_totp: ['启用动态口令（TOTP）', 'One-time codes (TOTP)'], ops_tokens: ['API 令牌', 'API tokens'],
  ops_created: ['创建时间', 'Created'], ops_you: ['（您）', '(you)'], ops_disable: ['停用', 'Disable'],
  ops_enable: ['启用', 'Enable'], ops_reset_password: ['重置密码', 'Reset password'],
  ops_totp_on: ['设置动态口令', 'Set up TOTP'], ops_totp_off: ['取消动态口令', 'Remove TOTP'],
  ops_issue_token: ['签发 API 令牌', 'Issue API token'], ops_revoke_tokens: ['吊销 API 令牌', 'Revoke API tokens'],
  ops_q_disable: ['停用操作员 {n}？其会话和 API 令牌将立即失效。', 'Disable {n}? Their sessions and API tokens end at once.'],
  ops_q_enable: ['重新启用操作员 {n}？', 'Enable {n} again?'],
  ops_q_reset_password: ['为 {n} 生成新密码？其会话和 API 令牌将失效。', 'Generate a new password for {n}? Their sessions and API tokens end.'],
  ops_q_totp_on: ['为 {n} 生成新的动态口令密钥？其会话将失效。', 'Generate a new TOTP secret for {n}? Their sessions end.'],
  ops_q_totp_off: ['取消 {n} 的动态口令？', 'Remove the one-time codes of {n}?'],
  ops_q_issue_token: ['为 {n} 签发新的 API 令牌？', 'Issue a new API token for {n}?'],
  ops_q_revoke_tokens: ['吊销 {n} 的全部 API 令牌？', 'Revoke every API token of {n}?'],
  ops_secret_title: ['仅显示这一次，请立即安全地交给该操作员', 'Shown this once only: hand it to the operator safely now'],
  ops_secret_password: ['密码', 'Password'], ops_secret_totp: ['动态口令密钥', 'TOTP secret'],
  ops_secret_token: ['API 令牌', 'API token'], ops_done: ['已完成：{n}', 'Done: {n}'],
  ops_revoked: ['已吊销 {c} 个 API 令牌', '{c} API token(s) revoked'],
});

// The secrets of one answer, above the list, until the page changes.
function showSecrets(main, answer) {
  const items = [
    ['ops_secret_password', answer.generated_password, 'secret-password'],
    ['ops_secret_totp', answer.totp_secret, 'secret-totp'],
    ['ops_secret_token', answer.api_token, 'secret-token'],
  ].filter(([, value]) => value);
  if (!items.length) return;
  main.prepend(h('section', { class: 'panel secret', id: 'secret-box' },
    h('h2', {}, `${t('ops_secret_title')} · ${answer.name}`),
    h('dl', { class: 'facts' }, items.map(([label, value, id]) => [h('dt', {}, t(label)), h('dd', { class: 'mono', id }, value)]))));
}

export async function operatorsView(main, ctx) {
  const data = await api.get('operators');
  const act = (name, path, question, body) => async () => {
    if (!window.confirm(t(question, { n: name }))) return;
    try {
      const answer = await api.post(`operators/${encodeURIComponent(name)}/${path}`, body);
      await ctx.rerender();
      notify(answer.revoked !== undefined ? t('ops_revoked', { c: answer.revoked }) : t('ops_done', { n: name }));
      showSecrets(main, answer);
    } catch (e) { notifyError(e); }
  };
  const rows = data.operators.map((o) => h('tr', { 'data-operator': o.name },
    h('td', {}, o.name, o.self ? ` ${t('ops_you')}` : ''), h('td', {}, t(`role_${o.role}`)),
    h('td', { class: 'op-state' }, o.disabled ? t('ops_disabled') : o.locked ? t('ops_locked') : t('ops_enabled')),
    h('td', {}, o.totp ? '✓' : ''), h('td', { class: 'num op-tokens' }, o.api_tokens),
    h('td', {}, when(o.created_at)),
    h('td', { class: 'row op-actions' },
      o.disabled
        ? h('button', { class: 'op-enable', onclick: act(o.name, 'enable', 'ops_q_enable') }, t('ops_enable'))
        : h('button', { class: 'danger op-disable', onclick: act(o.name, 'disable', 'ops_q_disable') }, t('ops_disable')),
      h('button', { class: 'op-reset-password', onclick: act(o.name, 'reset-password', 'ops_q_reset_password') }, t('ops_reset_password')),
      o.totp
        ? h('button', { class: 'op-totp-off', onclick: act(o.name, 'reset-totp', 'ops_q_totp_off', { totp: false }) }, t('ops_totp_off'))
        : h('button', { class: 'op-totp-on', onclick: act(o.name, 'reset-totp', 'ops_q_totp_on', { totp: true }) }, t('ops_totp_on')),
      o.disabled ? null : h('button', { class: 'op-issue-token', onclick: act(o.name, 'token', 'ops_q_issue_token') }, t('ops_issue_token')),
      o.api_tokens ? h('button', { class: 'op-revoke-tokens', onclick: act(o.name, 'revoke-tokens', 'ops_q_revoke_tokens') }, t('ops_revoke_tokens')) : null)));

  const name = h('input', { id: 'op-new-name', maxlength: 32, pattern: '[a-z0-9._-]{1,32}', required: true });
  const role = h('select', { id: 'op-new-role' }, ['finance', 'reviewer', 'admin'].map((r) => h('option', { value: r }, t(`role_${r}`))));
  const password = h('input', { id: 'op-new-password', type: 'password', autocomplete: 'new-password', maxlength: 1024 });
  const totp = h('input', { id: 'op-new-totp', type: 'checkbox' });
  main.append(h('h1', {}, t('ops_title')), h('p', { class: 'muted' }, t('ops_help')),
    table([t('login_name'), t('a_role'), t('ops_state'), 'TOTP', { label: t('ops_tokens'), num: true }, t('ops_created'), t('actions')], rows),
    h('section', { class: 'panel' }, h('h2', {}, t('ops_add')),
      h('form', {
        class: 'filters',
        onsubmit: async (ev) => {
          ev.preventDefault();
          try {
            const answer = await api.post('operators', { name: name.value, role: role.value, password: password.value, totp: totp.checked });
            await ctx.rerender();
            notify(t('ops_done', { n: answer.name }));
            showSecrets(main, answer);
          } catch (e) { notifyError(e); }
        },
      }, h('label', {}, t('login_name'), name), h('label', {}, t('a_role'), role),
      h('label', {}, t('ops_password'), password), h('label', { class: 'check' }, t('ops_with_totp'), totp),
      h('button', { class: 'primary', type: 'submit', id: 'op-add' }, t('ops_add')))));
}
