// Who is signed in: the bearer token (kept for this browser tab only) and what its claims say, for the menus. The API
// checks the token itself; nothing here grants access.
const KEY = 'giamngheo.token';
const listeners = new Set();

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), c => c.charCodeAt(0)));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

const asList = value => (Array.isArray(value) ? value : value ? [value] : []);

export const session = {
  token() {
    const token = sessionStorage.getItem(KEY);
    const claims = token && claimsOf(token);
    if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) return null;
    return token;
  },
  /** { name, email, roles[], units[] } of the signed-in person, or null. */
  user() {
    const token = this.token();
    if (!token) return null;
    const c = claimsOf(token);
    return { name: c.name ?? c.preferred_username ?? c.sub, email: c.email ?? null, roles: asList(c.roles), units: asList(c.units).map(String) };
  },
  signIn(token) {
    sessionStorage.setItem(KEY, token);
    listeners.forEach(f => f());
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    listeners.forEach(f => f());
  },
  /** Called on a 401: the token ran out or was refused; the app goes back to the sign-in screen. */
  expired() {
    if (sessionStorage.getItem(KEY)) this.signOut();
  },
  onChange(f) { listeners.add(f); },
};
