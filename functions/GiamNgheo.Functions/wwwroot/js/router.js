// Hash routes (#/xa/01001/ket-qua): they work from the root without any server rewrite and survive a reload.
const routes = [];

/** Registers a screen: pattern like '/xa/:code/ket-qua', view(main, params, query) renders into main (may be async);
 *  roles (optional) limits who sees it in the menu; title names it in the menu and the page title. */
export function route(pattern, view, { title, menu, roles } = {}) {
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:([a-zA-Z]+)/g, (_, n) => { names.push(n); return '([^/]+)'; }) + '/?$');
  routes.push({ pattern, regex, names, view, title, menu, roles });
}

/** The routes a person with these roles has in the menu, with their parameters filled from fill(name). */
export function menuFor(roles, fill) {
  return routes
    .filter(r => r.menu && (!r.roles || r.roles.some(x => roles.includes(x))))
    .map(r => ({ title: r.menu, href: '#' + r.pattern.replace(/:([a-zA-Z]+)/g, (_, n) => fill(n) ?? `:${n}`) }))
    .filter(m => !m.href.includes(':'));
}

export function current() {
  const [path, search] = (location.hash.slice(1) || '/').split('?');
  for (const r of routes) {
    const m = r.regex.exec(path);
    if (m) return { route: r, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])), query: new URLSearchParams(search ?? '') };
  }
  return null;
}

export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
