// SM2 dual certificates (issue 21): the encryption keys the KMC escrowed for the application's
// holder, and key recovery — an admin re-delivers one to this application, sealed to the holder's
// new signing key, so bids sealed to it open on the new token. The service checks the role and
// the application's state again and writes the audit entry.
import { api } from '../api.js';
import { h, table } from '../dom.js';
import { t, addWords } from '../i18n.js';
import { notify, notifyError } from '../notice.js';
import { can, when } from './common.js';

addWords({
  kr_panel: ['托管的加密密钥', 'Escrowed encryption keys'],
  kr_explain: ['密钥管理中心为该证书主题托管的加密密钥。持有人更换证书介质后，可将原加密密钥恢复到本申请的新介质上，用原加密证书加密的文件（如投标文件）仍可解密。', 'Encryption keys the key management centre escrowed for this subject. When the holder has a new token, an earlier key can be recovered to this application, so documents sealed to its certificate (such as tender bids) still open.'],
  kr_serial: ['加密证书序列号', 'Encryption certificate serial'], kr_issued_with: ['签发时的申请', 'Issued with'],
  kr_escrowed_at: ['托管时间', 'Escrowed'], kr_not_after: ['到期时间', 'Expires'], kr_status: ['状态', 'Status'],
  kr_delivered: ['已下发到本申请', 'Delivered to this application'], kr_recover: ['恢复到本申请', 'Recover to this application'],
  kr_admin_only: ['仅管理员可恢复', 'Admins only'],
  kr_state: ['审核中或已审核通过的申请才能恢复', 'Only applications under review or approved'],
  kr_q: ['将加密密钥 {s} 恢复到申请 {n}？密钥将用该申请的新签名公钥加密后随证书下发。', 'Recover encryption key {s} to application {n}? It is sealed to the application\'s new signing key and delivered with the certificate.'],
  kr_done: ['加密密钥已恢复，将随证书下发', 'Encryption key recovered; it is delivered with the certificate'],
});

// The application page's panel; null when the KMC holds no key for this subject.
export async function escrowPanel(a, ctx) {
  let r;
  try {
    r = await api.get(`applications/${a.business_no}/escrowed-keys`);
  } catch (e) {
    return null;  // no KMC answer: the rest of the page still shows
  }
  if (!r.escrowed_keys.length) return null;
  const state = a.state?.code ?? a.state;
  const open = state === 'under_review' || state === 'approved';
  const recover = async (serial) => {
    if (!window.confirm(t('kr_q', { s: serial, n: a.business_no }))) return;
    try {
      await api.post(`applications/${a.business_no}/recover-encryption-key`, { serial });
      await ctx.rerender();
      notify(t('kr_done'));
    } catch (e) { notifyError(e); }
  };
  const status = (k) => {
    if (k.delivered_here) return h('span', { class: 'state state-completed' }, t('kr_delivered'));
    if (!can(ctx.session, 'recover_keys')) return h('span', { class: 'muted' }, t('kr_admin_only'));
    if (!open) return h('span', { class: 'muted' }, t('kr_state'));
    return h('button', { class: 'primary recover-key', 'data-serial': k.serial, onclick: () => recover(k.serial) }, t('kr_recover'));
  };
  return h('section', { class: 'panel', id: 'app-escrowed-keys' }, h('h2', {}, t('kr_panel')),
    h('p', { class: 'muted' }, t('kr_explain')),
    table([t('kr_serial'), t('kr_issued_with'), t('kr_escrowed_at'), t('kr_not_after'), t('kr_status')],
      r.escrowed_keys.map((k) => h('tr', { 'data-serial': k.serial },
        h('td', { class: 'mono' }, k.serial),
        h('td', { class: 'mono' }, k.issued_with ? h('a', { href: `#/app/${k.issued_with}` }, k.issued_with) : ''),
        h('td', {}, when(k.escrowed_at)), h('td', {}, when(k.not_after)), h('td', {}, status(k))))));
}
