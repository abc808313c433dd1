// The notice line under the header: what just happened, or what went wrong.
import { errorText } from './i18n.js';

export function notify(text, isError = false) {
  const n = document.getElementById('notice');
  n.textContent = text;
  n.className = isError ? 'error' : '';
  n.hidden = !text;
}
export function notifyError(e) { notify(errorText(e), true); }
