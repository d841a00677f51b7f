// Stream keys: list, create (shown once, as a publish URL and as OBS's Server / Stream Key) and revoke.
import { $, el } from './dom.js';
import { adminToken, keepToken, forgetToken, api } from './admin.js';

let info = { rtmpPort: 1935, rtmpHost: null };

export function useNodeInfo(nodeInfo) {
  info = nodeInfo;
}

export function rtmpBase() {
  const host = info.rtmpHost || location.hostname;
  const shown = host.includes(':') && !host.startsWith('[') ? '[' + host + ']' : host;
  return 'rtmp://' + shown + ':' + info.rtmpPort + '/live';
}

function showMessage(text, ok) {
  const m = $('keys-message');
  m.textContent = text;
  m.classList.toggle('ok', !!ok);
  m.hidden = !text;
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : 'never');

let renderedKeys = null;
function renderKeys(keys) {
  // Re-render only on a change: a table rebuilt under the pointer would swallow a click on Revoke.
  const signature = JSON.stringify(keys);
  if (signature === renderedKeys) return;
  renderedKeys = signature;
  const rows = keys.map((key) => {
    const revoke = el('button', { type: 'button', class: 'danger', 'data-revoke': key.name,
      'aria-label': 'Revoke key ' + key.name, text: 'Revoke' });
    revoke.addEventListener('click', () => revokeKey(key.name));
    return el('tr', { 'data-key': key.name },
      el('th', { scope: 'row', text: key.name }),
      el('td', { text: when(key.createdAt) }),
      el('td', { text: when(key.lastUsedAt) }),
      el('td', { class: key.live ? 'live-yes' : 'live-no', text: key.live ? '● live' : 'no' }),
      el('td', {}, revoke));
  });
  $('keys').replaceChildren(...rows);
}

let keysInFlight = false;
export async function pollKeys(reportErrors) {
  if (keysInFlight) return;
  keysInFlight = true;
  try {
    const body = await api('GET', '/api/keys');
    renderKeys(Array.isArray(body.keys) ? body.keys : []);
    $('keys-admin').hidden = false;
    if (reportErrors) showMessage('');
  } catch (e) {
    if (reportErrors || !adminToken()) showMessage(e.message);
  } finally {
    keysInFlight = false;
  }
}

async function createKey(name) {
  try {
    const key = await api('POST', '/api/keys', { name });
    $('reveal-name').textContent = key.name;
    $('reveal-url').value = rtmpBase() + '/' + key.key;
    $('reveal-server').value = rtmpBase();
    $('reveal-key').value = key.key;
    $('copy-status').textContent = '';
    $('reveal').hidden = false;
    $('reveal').focus();
    $('key-name').value = '';
    showMessage('');
    pollKeys(false);
  } catch (e) {
    showMessage(e.message);
  }
}

function hideReveal() {
  for (const id of ['reveal-url', 'reveal-server', 'reveal-key']) $(id).value = '';
  $('reveal').hidden = true;
}

async function revokeKey(name) {
  if (!window.confirm('Revoke the key "' + name + '"? A publisher live on it is disconnected and the key'
    + ' stops working for good.')) {
    return;
  }
  try {
    await api('DELETE', '/api/keys/' + encodeURIComponent(name));
    showMessage('Key "' + name + '" revoked.', true);
    pollKeys(false);
  } catch (e) {
    showMessage(e.message);
  }
}

async function copy(id, button) {
  const input = $(id);
  let done = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(input.value);
      done = true;
    }
  } catch (e) {
    done = false;
  }
  if (!done) {
    input.select();
    try { done = document.execCommand('copy'); } catch (e) { done = false; }
  }
  $('copy-status').textContent = done
    ? '✓ ' + button.getAttribute('aria-label').replace(/^Copy the /, '') + ' copied.'
    : 'Select the text and copy it by hand.';
}

export function wireKeys() {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) return;
    keepToken(token);
    $('token').value = '';
    pollKeys(true);
  });
  $('forget-token').addEventListener('click', () => {
    forgetToken();
    hideReveal();
    renderedKeys = null; // the table is emptied: the next token's list must render even if unchanged
    $('keys').replaceChildren();
    $('keys-admin').hidden = true;
    showMessage('Token forgotten.', true);
  });
  $('create-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('create-form').reportValidity()) createKey($('key-name').value.trim());
  });
  $('reveal-done').addEventListener('click', hideReveal);
  for (const button of document.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', () => copy(button.getAttribute('data-copy'), button));
  }
}
