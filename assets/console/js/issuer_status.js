// The issuer status line under the header (issue 22): which issuer issues the certificates and
// whether it is healthy, as /readyz judges it, with the jobs (issuing, revoking at the issuer)
// still waiting. Self-contained: its own words in both languages, its own element.
import { api } from './api.js';
import { h, clear } from './dom.js';
import { lang } from './i18n.js';

const words = {
  'zh-CN': {
    label: '签发机构', ok: '正常', down: '异常', waiting: (n) => `待处理签发/吊销任务 ${n} 项`,
    unknown: '状态未知',
    types: { 'builtin-file': '内置 CA（密钥文件）', 'builtin-pkcs11': '内置 CA（HSM 密钥）', cmp: '外部 CA（CMP）' },
  },
  en: {
    label: 'Issuer', ok: 'healthy', down: 'not healthy', waiting: (n) => `${n} issuing/revocation job(s) waiting`,
    unknown: 'status unknown',
    types: { 'builtin-file': 'built-in CA (key file)', 'builtin-pkcs11': 'built-in CA (key on an HSM)', cmp: 'existing CA over CMP' },
  },
};

function line() {
  let el = document.getElementById('issuer-status');
  if (!el) {
    el = h('div', { id: 'issuer-status', role: 'status' });
    document.getElementById('top').after(el);
  }
  return clear(el);
}

// Shows the line while signed in, hides it otherwise. Never throws: the status is a hint.
export async function showIssuerStatus(signedIn) {
  const el = line();
  el.hidden = !signedIn;
  if (!signedIn) return;
  const w = words[lang()] ?? words.en;
  let s;
  try {
    s = await api.get('issuer');
  } catch {
    el.append(`${w.label}: ${w.unknown}`);
    el.className = 'down';
    return;
  }
  el.className = s.ok ? 'ok' : 'down';
  el.append(`${w.label}: ${w.types[s.type] ?? s.type} · `, h('strong', { id: 'issuer-health' }, s.ok ? w.ok : w.down));
  if (!s.ok && s.reason) el.append(` (${s.reason})`);
  el.append(` · ${w.waiting(s.pending_jobs)}`);
}
