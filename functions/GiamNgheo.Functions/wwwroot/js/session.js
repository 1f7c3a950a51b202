// Who is signed in: the bearer token (kept for this browser tab only) and what its claims say, for the menus. The API
// checks the token itself; nothing here grants access.
const KEY = 'giamngheo.token';
// Entra tokens carry the units in the claim the deployment names (Auth__UnitsClaim); the local issuer's is "units".
const UNITS_CLAIM_KEY = 'giamngheo.unitsClaim';
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
    const units = c[sessionStorage.getItem(UNITS_CLAIM_KEY) ?? 'units'] ?? c.units;
    return { name: c.name ?? c.preferred_username ?? c.sub, email: c.email ?? c.preferred_username ?? null, roles: asList(c.roles), units: asList(units).map(String) };
  },
  signIn(token, { unitsClaim } = {}) {
    sessionStorage.setItem(KEY, token);
    if (unitsClaim) sessionStorage.setItem(UNITS_CLAIM_KEY, unitsClaim);
    else sessionStorage.removeItem(UNITS_CLAIM_KEY);
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
