// The sign-in screen. The server says how (GET /api/sign-in-options): in Azure, Microsoft Entra ID with the
// authorization code flow and PKCE (ADR 0012), written here in a few lines rather than shipping a library; locally,
// the local host's demo identities (GET /dev/sign-in).
import { route, go } from '../router.js';
import { h, problemBlock, roleNames } from '../dom.js';
import { session } from '../session.js';
import { ApiError } from '../api.js';

const PENDING_KEY = 'giamngheo.entra';

async function json(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (response.ok) return response.json();
  } catch { /* answered below as "not available" */ }
  return null;
}

async function signInOptions() {
  const options = await json('/api/sign-in-options') ?? { mode: 'development' };
  if (options.mode !== 'development') return options;
  return await json('/dev/sign-in') ?? { mode: 'none' };
}

const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = size => base64url(crypto.getRandomValues(new Uint8Array(size)));
// Entra's SPA platform redirects to the site root; the app's own address lives in the hash, which Entra never sees.
const redirectUri = () => `${location.origin}/`;

const refused = detail => new ApiError(0, { title: 'Đăng nhập không thành công', detail });

/** Sends the browser to Entra with a fresh PKCE verifier and state, kept in this tab until it comes back. */
async function startEntra(options) {
  const verifier = randomText(48);
  const state = randomText(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(options.authorizeEndpoint);
  url.search = new URLSearchParams({
    client_id: options.clientId, response_type: 'code', response_mode: 'query', redirect_uri: redirectUri(),
    scope: options.scopes.join(' '), state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Back from Entra with ?code=…&state=…: redeems the code for the API's access token. */
async function finishEntra(options, answer) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (answer.get('error'))
    throw refused(answer.get('error_description') ?? answer.get('error'));
  if (!pending || pending.state !== answer.get('state'))
    throw refused('Phiên đăng nhập không khớp (có thể do mở nhiều thẻ). Hãy đăng nhập lại.');
  const response = await fetch(options.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: options.clientId, grant_type: 'authorization_code', code: answer.get('code'),
      redirect_uri: redirectUri(), code_verifier: pending.verifier, scope: options.scopes.join(' '),
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token)
    throw refused(body.error_description ?? `Máy chủ đăng nhập trả lời ${response.status}.`);
  session.signIn(body.access_token, { unitsClaim: options.unitsClaim });
  go('#/');
}

route('/dang-nhap', async main => {
  main.append(h('h1', {}, 'Đăng nhập'));
  const options = await signInOptions();
  if (options.mode === 'entra') {
    const answer = new URLSearchParams(location.search);
    if (answer.has('code') || answer.has('error')) {
      main.append(h('p', { role: 'status' }, 'Đang hoàn tất đăng nhập…'));
      try {
        await finishEntra(options, answer);
      } catch (error) {
        main.replaceChildren(h('h1', {}, 'Đăng nhập'), problemBlock(error));
      }
      if (session.user()) return;
    }
    main.append(
      h('p', {}, 'Đăng nhập bằng tài khoản Microsoft Entra ID của cơ quan. Vai trò và đơn vị của bạn do quản trị viên cấp trong Entra ID.'),
      h('button', { type: 'button', onclick: () => startEntra(options) }, 'Đăng nhập bằng Microsoft'));
    return;
  }
  if (options.mode === 'development') {
    main.append(
      h('p', {}, 'Bản chạy thử trên máy: chọn một người dùng mẫu. Mỗi người chỉ thấy và làm được những việc của vai trò và đơn vị mình.'),
      h('ul', { class: 'identities' }, options.identities.map(i => h('li', {},
        h('button', { type: 'button', class: 'identity', onclick: () => { session.signIn(i.token); go('#/'); } },
          h('strong', {}, i.label),
          h('span', {}, i.roles.map(r => roleNames[r] ?? r).join(', '), i.units.length ? ` · đơn vị ${i.units.join(', ')}` : ''))))));
    if (!options.identities.length)
      main.append(h('p', { class: 'alert' }, 'Máy chủ chưa có người dùng mẫu: hãy chạy ./run.sh.'));
    return;
  }
  main.append(h('p', { class: 'alert' }, 'Máy chủ chưa được cấu hình đăng nhập (Entra ID). Hãy báo quản trị viên.'));
}, { title: 'Đăng nhập' });
