// The console's API (/console/api/): same-origin fetches with the session cookie; every change
// carries the session's CSRF token.

let csrfToken = '';
let onLoggedOut = () => {};

export function setCsrf(token) { csrfToken = token || ''; }
export function whenLoggedOut(f) { onLoggedOut = f; }

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code || '';
    this.messageZh = body?.error?.message_zh || '';
    this.details = body?.error?.details;
  }
}

async function call(method, path, body) {
  const headers = {};
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
  }
  const res = await fetch(`/console/api/${path}`, init);
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) {
    if (res.status === 401 && path !== 'login') onLoggedOut();
    throw new ApiError(res.status, data);
  }
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body),
};

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
