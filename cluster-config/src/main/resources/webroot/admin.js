// The admin token (kept for this browser tab only) and the admin API calls made with it.
import { $ } from './dom.js';

const TOKEN_KEY = 'inlet.adminToken';

export const adminToken = () => sessionStorage.getItem(TOKEN_KEY);
export const keepToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

// Calls an admin endpoint; resolves to its JSON (null for 204), rejects with a sentence a person can act on.
export async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + adminToken() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  if (response.status !== 204) {
    try { json = await response.json(); } catch (e) { json = null; }
  }
  if (response.status === 401) {
    forgetToken();
    $('keys-admin').hidden = true;
    throw new Error('✖ The admin token was refused (401). Enter the token the node printed on its first start'
      + ' or was given with --admin-token.');
  }
  if (!response.ok) {
    throw new Error('✖ ' + ((json && json.error) || ('The node answered HTTP ' + response.status + '.')));
  }
  return json;
}
